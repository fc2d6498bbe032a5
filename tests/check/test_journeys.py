"""Journeys and episodes counted from the person's side, on hand-made journals."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

from tests.check.conftest import day, journal
from whatmatters.check import flow, handoffs, journeys
from whatmatters.check.errors import CheckError
from whatmatters.check.events import left_out, ordered, usable
from whatmatters.check.params import EpisodeRules
from whatmatters.check.window import in_window, window_of

PAUL = [
    dict(
        person_id="paul",
        kind="contact",
        activity="Contact",
        start=day(2024, 1, 2),
        team="Front door",
        worker="w1",
    ),
    dict(
        person_id="paul",
        kind="request",
        activity="Request",
        start=day(2024, 1, 2, 10),
        team="Front door",
        worker="w1",
    ),
    dict(
        person_id="paul",
        kind="assessment",
        activity="Assessment",
        start=day(2024, 1, 5),
        end=day(2024, 1, 6),
        team="OT",
        worker="w2",
    ),
    dict(
        person_id="paul",
        kind="referral",
        activity="Referral",
        start=day(2024, 1, 7),
        team="OT",
        worker="w2",
        to_team="OT",
        to_worker="w3",
    ),
    dict(
        person_id="paul",
        kind="assessment",
        activity="Assessment",
        start=day(2024, 1, 9),
        team="OT",
        worker="w3",
    ),
    dict(
        person_id="paul",
        kind="hospital",
        activity="Hospital",
        start=day(2024, 1, 10),
        end=day(2024, 1, 20),
    ),
    dict(
        person_id="paul",
        kind="referral",
        activity="Referral",
        start=day(2024, 1, 21),
        team="Hospital team",
        worker="w4",
        to_team="Reablement",
        to_worker="w4",
    ),
    dict(
        person_id="paul",
        kind="plan",
        activity="Support plan",
        start=day(2024, 1, 22),
        team="Reablement",
        worker="w5",
    ),
    dict(
        person_id="paul",
        kind="service",
        activity="Nursing care",
        start=day(2024, 2, 1),
        end=day(2024, 2, 11),
        service_type="Long Term Support: Nursing Care",
    ),
    dict(
        person_id="paul",
        kind="review",
        activity="Review",
        start=day(2024, 2, 12),
        team="Review team",
        worker="w6",
    ),
    dict(
        person_id="ann",
        kind="contact",
        activity="Contact",
        start=day(2024, 1, 3),
        team="Front door",
        worker="w1",
    ),
    dict(
        person_id="ann",
        kind="conversation",
        activity="What matters",
        start=day(2024, 1, 4),
        team="Community",
        worker="w7",
        words="I would like to go shopping",
    ),
    dict(
        person_id="ann",
        kind="outcome",
        activity="Outcome achieved",
        start=day(2024, 1, 30),
        team="Community",
        worker="w7",
        status="achieved",
    ),
]


def build(table: pa.Table, rules: EpisodeRules | None = None, start=None, end=None):
    events = usable(table)
    window = window_of(events, start, end)
    rules = rules or EpisodeRules()
    steps = ordered(in_window(events, window), rules, window).cache()
    return steps, window, events, rules


def people_by_id(steps) -> dict[str, dict]:
    pairs = handoffs.pairs(steps)
    rows = journeys.people(steps, pairs).to_pyarrow().to_pylist()
    return {r["person_id"]: r for r in rows}


def test_a_journey_counts_everything_from_the_persons_side(load) -> None:
    steps, *_ = build(load(journal(PAUL)))
    paul = people_by_id(steps)["paul"]
    assert {k: paul[k] for k in journeys_counts()} == {
        "events": 10,
        "contacts": 1,
        "requests": 1,
        "conversations": 0,
        "assessments": 2,
        "reviews": 1,
        "referrals": 2,
        "self_referrals": 2,  # OT to OT; worker w4 to w4
        "teams": 5,
        "workers": 6,
        "plans": 1,
        "services": 1,
        "care_home_days": 10,
        "hospital_admissions": 1,
        "hospital_days": 10,
        "handoffs": 4,  # Front door→OT→Hospital team→Reablement→Review team
        "what_matters_recorded": False,
        "what_matters_achieved": False,
    }
    assert paul["first_event"] == day(2024, 1, 2)
    assert paul["last_event"] == day(2024, 2, 12)
    assert paul["duration_seconds"] == 41 * 86_400
    assert paul["journey_days"] == pytest.approx(41.0)


def journeys_counts() -> list[str]:
    return [
        "events",
        "contacts",
        "requests",
        "conversations",
        "assessments",
        "reviews",
        "referrals",
        "self_referrals",
        "teams",
        "workers",
        "plans",
        "services",
        "care_home_days",
        "hospital_admissions",
        "hospital_days",
        "handoffs",
        "what_matters_recorded",
        "what_matters_achieved",
    ]


def test_what_matters_recorded_and_achieved(load) -> None:
    steps, *_ = build(load(journal(PAUL)))
    ann = people_by_id(steps)["ann"]
    assert ann["what_matters_recorded"] is True
    assert ann["what_matters_achieved"] is True
    assert ann["handoffs"] == 1


def test_stays_are_clipped_to_the_window_and_open_ones_run_to_its_end(duck) -> None:
    rows = [
        dict(
            person_id="p",
            kind="hospital",
            activity="Hospital",
            start=day(2024, 3, 1),
            end=day(2024, 3, 11),
        ),
        dict(
            person_id="p",
            kind="service",
            activity="Residential",
            start=day(2024, 3, 20),
            service_type="Long term support: Residential care",
        ),
    ]
    steps, *_ = build(duck(journal(rows)), end=dt.date(2024, 3, 31))
    p = people_by_id(steps)["p"]
    assert p["hospital_days"] == 10
    assert p["care_home_days"] == 12  # 20 March to the end of 31 March


def test_most_fragmented_journeys_come_first(duck) -> None:
    steps, *_ = build(duck(journal(PAUL)))
    pairs = handoffs.pairs(steps)
    people = journeys.people(steps, pairs).to_pyarrow()
    top = journeys.most_fragmented(people, 1)
    assert top["person_id"].to_pylist() == ["paul"]


def test_timeline_is_every_event_in_order_lane_by_team(load) -> None:
    _, window, events, rules = build(load(journal(PAUL)))
    rows = journeys.timeline(events, "paul", rules, window).to_pyarrow().to_pylist()
    assert [r["pos"] for r in rows] == list(range(10))
    assert [r["lane"] for r in rows][:6] == [
        "Front door",
        "Front door",
        "OT",
        "OT",
        "OT",
        journeys.NO_TEAM,
    ]
    assert rows[2]["end"] == day(2024, 1, 6)


def test_episodes_split_after_a_gap_and_after_a_closure(load) -> None:
    rows = [
        dict(person_id="p", kind="contact", activity="Contact", start=day(2024, 1, 1)),
        dict(
            person_id="p",
            kind="assessment",
            activity="Assessment",
            start=day(2024, 1, 10),
            end=day(2024, 2, 1),
        ),
        dict(person_id="p", kind="closure", activity="Closed", start=day(2024, 2, 5)),
        dict(person_id="p", kind="contact", activity="Contact", start=day(2024, 2, 6)),
        dict(
            person_id="p",
            kind="service",
            activity="Home care",
            start=day(2024, 2, 10),
            end=day(2024, 12, 31),
        ),
        # 91 days after the service started: the service running is not casework
        dict(person_id="p", kind="review", activity="Review", start=day(2024, 5, 11)),
        dict(
            person_id="p",
            kind="outcome",
            activity="Achieved",
            start=day(2024, 5, 20),
            status="achieved",
        ),
        dict(person_id="p", kind="contact", activity="Contact", start=day(2024, 6, 1)),
    ]
    # A closure restarts the clock only when the person is away longer than
    # same_journey_days: 0 here, the single-transaction view.
    steps, *_ = build(load(journal(rows)), EpisodeRules(same_journey_days=0))
    episodes = journeys.episodes(steps).to_pyarrow().sort_by("episode").to_pylist()
    assert [(e["episode"], e["events"], e["ended_by"]) for e in episodes] == [
        (1, 3, "closed"),
        (2, 2, "last_event"),
        (3, 3, "achieved"),
    ]
    assert episodes[0]["end_to_end_days"] == pytest.approx(35.0)  # 1 Jan to the closure
    assert episodes[1]["end_to_end_days"] == pytest.approx(4.0)  # to the service's start
    assert episodes[2]["end_to_end_days"] == pytest.approx(9.0)  # to what matters achieved


def test_back_within_the_stated_time_after_a_closure_is_the_same_journey(duck) -> None:
    rows = [
        dict(person_id="p", kind="contact", activity="Contact", start=day(2024, 1, 1)),
        dict(person_id="p", kind="closure", activity="Closed", start=day(2024, 1, 10)),
        # back 40 days after the closure: what mattered was not achieved
        dict(person_id="p", kind="contact", activity="Contact", start=day(2024, 2, 19)),
        dict(person_id="p", kind="closure", activity="Closed", start=day(2024, 2, 25)),
        # back 80 days after the second closure, 80 days of nothing: still the same journey
        dict(person_id="p", kind="contact", activity="Contact", start=day(2024, 5, 15)),
    ]
    table = duck(journal(rows))
    steps, *_ = build(table, EpisodeRules())  # the defaults: 90 days
    episodes = journeys.episodes(steps).to_pyarrow().to_pylist()
    assert len(episodes) == 1
    assert episodes[0]["end_to_end_days"] == pytest.approx(135.0)  # 1 Jan to 15 May
    steps, *_ = build(table, EpisodeRules(same_journey_days=30))
    assert journeys.episodes(steps).count().to_pyarrow().as_py() == 3


def test_episode_rules_are_parameters(duck) -> None:
    rows = [
        dict(person_id="p", kind="contact", activity="Contact", start=day(2024, 1, 1)),
        dict(person_id="p", kind="closure", activity="Closed", start=day(2024, 1, 2)),
        dict(person_id="p", kind="contact", activity="Contact", start=day(2024, 1, 20)),
    ]
    table = duck(journal(rows))
    steps, *_ = build(table, EpisodeRules(gap_days=10, closure_ends_episode=False))
    assert journeys.episodes(steps).count().to_pyarrow().as_py() == 2
    steps, *_ = build(table, EpisodeRules(gap_days=30, closure_ends_episode=False))
    assert journeys.episodes(steps).count().to_pyarrow().as_py() == 1


def test_rows_with_no_person_or_start_are_left_out_and_counted(duck) -> None:
    rows = [
        dict(person_id="p", kind="contact", start=day(2024, 1, 1)),
        dict(person_id=None, kind="contact", start=day(2024, 1, 1)),
        dict(person_id="p", kind="contact", start=None),
    ]
    table = duck(journal(rows))
    counts = left_out(table).to_pyarrow().to_pylist()[0]
    assert counts == {"rows": 3, "no_person": 1, "no_start": 1}
    assert usable(table).count().to_pyarrow().as_py() == 1
    # a step with no name takes its kind's name
    assert usable(table).activity.to_pyarrow().to_pylist() == ["contact"]


def test_a_table_missing_a_column_is_refused_by_name(duck) -> None:
    table = duck(journal(PAUL)).drop("team")
    with pytest.raises(CheckError, match="no column team"):
        usable(table)


def test_rework_marks_the_steps_that_come_again_by_design(load) -> None:
    def step(n: int, kind: str, activity: str) -> dict:
        return dict(person_id="p", kind=kind, activity=activity, start=day(2024, 1, 1 + n))

    rows = [
        step(0, "assessment", "Assessment"),
        step(1, "assessment", "Assessment"),  # assessed again: rework
        step(2, "review", "Review"),
        step(3, "review", "Review"),  # a second review: by design
        step(4, "outcome", "What matters achieved"),
        step(5, "outcome", "What matters achieved"),
    ]
    steps, *_ = build(load(journal(rows)))
    found = {r["activity"]: r for r in flow.rework(steps).to_pyarrow().to_pylist()}
    assert {a: (r["cases_repeated"], r["repeats"]) for a, r in found.items()} == {
        "Assessment": (1, 1),
        "Review": (1, 1),
        "What matters achieved": (1, 1),
    }
    assert {a: r["by_design"] for a, r in found.items()} == {
        "Assessment": False,
        "Review": True,
        "What matters achieved": True,
    }


def test_rework_counts_a_plans_actions_once_and_a_second_plan_again(load) -> None:
    def step(n: int, kind: str, activity: str, person: str = "p") -> dict:
        return dict(person_id=person, kind=kind, activity=activity, start=day(2024, 1, 1 + n))

    rows = [
        step(0, "plan", "Plan"),
        step(1, "action", "Plan action"),  # the person does one thing,
        step(1, "action", "Plan action"),  # family another,
        step(2, "action", "Plan action"),  # a neighbour a third: one plan, no rework
        step(0, "plan", "Plan", "q"),
        step(1, "action", "Plan action", "q"),
        step(1, "action", "Plan action", "q"),
        step(9, "plan", "Plan", "q"),  # planned again: rework
        step(10, "action", "Plan action", "q"),
    ]
    steps, *_ = build(load(journal(rows)))
    found = {r["activity"]: r for r in flow.rework(steps).to_pyarrow().to_pylist()}
    assert {a: (r["cases"], r["cases_repeated"], r["repeats"]) for a, r in found.items()} == {
        "Plan": (2, 1, 1),
        "Plan action": (2, 1, 1),
    }
