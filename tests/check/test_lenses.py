"""The lenses of a systems check on tiny journals worked out by hand.

Closed then re-opened, the menu index for what matters achieved and per
team, what people asked for, the story of the most fragmented journey, and
the targets file with the test for heaping just inside a target.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import ibis
import pytest

from tests.check.conftest import day, journal
from whatmatters.check import asked, deadlines, demand, journeys, menu_teams, reopened, story
from whatmatters.check.catalogue import (
    MEASURES,
    Inputs,
    Measure,
    Span,
    calendar,
    whole_periods,
)
from whatmatters.check.catalogue.reopened import closures_with_next_request
from whatmatters.check.events import ordered, usable
from whatmatters.check.params import EpisodeRules, Period, StoryBy
from whatmatters.check.repeat_demand import requests
from whatmatters.check.targets import EXAMPLE, Target, TargetsError, Timed, read_targets
from whatmatters.check.window import Window, in_window
from whatmatters.report.story_chart import what_happened

WINDOW = Window(dt.date(2024, 3, 1), dt.date(2024, 5, 31))

ROWS = [
    # closures: k1 closed 1 March, asks again 20 March (within 28); k2 closed 2 March, asks
    # again 10 May (69 days: within 90 only); k3 closed 5 March and never back; k4 asked
    # before its closure only; k5 closed 20 May: too late to see 28 days (left out)
    dict(person_id="k1", kind="closure", start=day(2024, 3, 1), reason="No services", team="A"),
    dict(person_id="k1", kind="request", start=day(2024, 3, 20)),
    dict(person_id="k2", kind="closure", start=day(2024, 3, 2), reason="No services", team="A"),
    dict(person_id="k2", kind="request", start=day(2024, 5, 10)),
    dict(person_id="k3", kind="closure", start=day(2024, 3, 5), reason="Set up", team="B"),
    dict(person_id="k4", kind="request", start=day(2024, 3, 4)),
    dict(person_id="k4", kind="closure", start=day(2024, 3, 6), reason=None, team="B"),
    dict(person_id="k5", kind="closure", start=day(2024, 5, 20), reason="Set up", team="B"),
    # plan actions towards outcomes: m1's two actions (self, paid) served what matters
    # achieved on 20 March; m2's family action ended before m2's achievement (not served);
    # m3's open community action served an achievement in April
    dict(
        person_id="m1",
        kind="action",
        start=day(2024, 3, 2),
        end=day(2024, 3, 20),
        action_by="self",
        team="N",
    ),
    dict(
        person_id="m1",
        kind="action",
        start=day(2024, 3, 2),
        end=day(2024, 3, 20),
        action_by="paid_service",
        team="N",
    ),
    dict(person_id="m1", kind="outcome", start=day(2024, 3, 20), status="achieved"),
    dict(
        person_id="m2",
        kind="action",
        start=day(2024, 3, 2),
        end=day(2024, 3, 5),
        action_by="family",
        team="S",
    ),
    dict(person_id="m2", kind="outcome", start=day(2024, 3, 9), status="achieved"),
    dict(person_id="m3", kind="action", start=day(2024, 3, 3), action_by="community"),
    dict(person_id="m3", kind="outcome", start=day(2024, 4, 2), status="achieved"),
]


@pytest.fixture(scope="module")
def events():
    return usable(ibis.duckdb.connect().create_table("journal", journal(ROWS)))


@pytest.fixture(scope="module")
def series(events):
    steps = ordered(in_window(events, WINDOW), EpisodeRules(), WINDOW)
    inputs = Inputs(
        calendar(ibis.get_backend(events), whole_periods(WINDOW, Period.MONTH)),
        events,
        journeys.episodes(steps),
        requests(events),
        demand.front_door(events, WINDOW),
        WINDOW,
        repeat_days=90,
    )

    def of(measure: Measure) -> list[tuple[float, float]]:
        rows = MEASURES[measure].series(inputs).to_pyarrow().to_pylist()
        return [
            (r["numerator"], r["denominator"])
            for r in sorted(rows, key=lambda r: r["period_start"])
        ]

    return of


def test_closures_reopened_within_28_and_90_days(series) -> None:
    # March: k1..k4 (k4's request came before its closure); May's k5 is too late to judge
    assert series(Measure.REOPENED_28) == [(1, 4), (0, 0), (0, 0)]
    # 90 days: only closures made by 2 March (window's end 31 May less 90 days)
    assert series(Measure.REOPENED_90) == [(2, 2), (0, 0), (0, 0)]


def test_the_menu_index_of_what_matters_achieved(series) -> None:
    # March: m1's self and paid actions served the 20 March achievement; April: m3's
    assert series(Measure.MENU_INDEX_ACHIEVED) == [(1, 2), (1, 1), (0, 0)]


def test_reopened_by_reason_and_team(events) -> None:
    rows = {
        (r["reason"], r["team"]): r
        for r in reopened.by_reason_and_team(events, WINDOW).to_pyarrow().to_pylist()
    }
    assert rows[("No services", "A")]["closures_28"] == 2
    assert rows[("No services", "A")]["reopened_28"] == 1
    assert rows[("No services", "A")]["share_90"] == 1.0
    assert rows[("(not recorded)", "B")]["reopened_28"] == 0
    assert rows[("Set up", "B")]["closures_28"] == 1  # k5 is too late to judge
    assert rows[("Set up", "B")]["closures_90"] == 0
    assert rows[("Set up", "B")]["share_90"] is None


@pytest.mark.parametrize(
    ("same_day_later", "next_day"),
    [(False, dt.date(2024, 3, 20)), (True, dt.date(2024, 3, 1))],
)
def test_a_closures_next_request_is_the_first_after_it(same_day_later, next_day) -> None:
    # n1 closed at 10:00 on 1 March: a request at 09:00 that day came before it and is not
    # its next; of the later ones (10 April, 20 March and, in one case, 11:00 on 1 March)
    # the first is; n2 never returns
    rows = [
        dict(person_id="n1", kind="closure", start=day(2024, 3, 1, 10)),
        dict(person_id="n1", kind="request", start=day(2024, 3, 1, 9)),
        dict(person_id="n1", kind="request", start=day(2024, 4, 10)),
        dict(person_id="n1", kind="request", start=day(2024, 3, 20)),
        dict(person_id="n2", kind="closure", start=day(2024, 3, 1)),
    ]
    if same_day_later:
        rows.append(dict(person_id="n1", kind="request", start=day(2024, 3, 1, 11)))
    events = usable(ibis.duckdb.connect().create_table("journal", journal(rows)))
    found = closures_with_next_request(events).to_pyarrow().to_pylist()

    def number(d: dt.date) -> int:
        return (d - dt.date(1970, 1, 1)).days

    assert {r["person_id"]: (r["closure_day"], r["next_request_day"]) for r in found} == {
        "n1": (number(dt.date(2024, 3, 1)), number(next_day)),
        "n2": (number(dt.date(2024, 3, 1)), None),
    }


def test_the_menu_index_per_team_before_and_after(events) -> None:
    stretches = {
        "before": Span(dt.date(2024, 3, 1), dt.date(2024, 4, 1)),
        "after": Span(dt.date(2024, 4, 1), dt.date(2024, 5, 1)),
    }
    rows = {
        (r["side"], r["team"]): r
        for r in menu_teams.by_team(events, stretches).to_pyarrow().to_pylist()
    }
    assert rows[("before", "N")]["actions"] == 2
    assert rows[("before", "N")]["share"] == 0.5
    assert rows[("before", "N")]["achieved_share"] == 0.5
    assert rows[("before", "S")]["achieved_actions"] == 0
    assert rows[("before", "S")]["achieved_share"] is None
    # m3's action has no team; it started before and served an achievement after
    assert rows[("before", "(no team recorded)")]["achieved_actions"] == 0
    assert rows[("after", "(no team recorded)")]["achieved_own_network"] == 1
    assert rows[("after", "(no team recorded)")]["actions"] == 0


def test_the_stretches_compared_are_the_sides_or_else_the_whole_window() -> None:
    march, april, may = (Span(dt.date(2024, m, 1), dt.date(2024, m + 1, 1)) for m in (3, 4, 5))
    sides = menu_teams.compared_stretches([march], [april, may], march.start, dt.date(2024, 5, 31))
    assert sides == {"before": march, "after": Span(april.start, may.stop)}
    whole = menu_teams.compared_stretches([], [], dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    assert whole == {"whole window": march}


# What people asked for

ASKED = [
    dict(
        person_id="a1",
        kind="contact",
        activity="Contact",
        start=day(2024, 3, 1),
        demand_type="value",
        words="I can't get up the STAIRS since my fall",
    ),
    dict(
        person_id="a2",
        kind="contact",
        activity="Contact",
        start=day(2024, 3, 2),
        demand_type="value",
        words="Mum forgets her tablets",
    ),
    dict(
        person_id="a3",
        kind="contact",
        activity="Contact",
        start=day(2024, 3, 3),
        demand_type="value",
        words="Something no theme knows",
    ),
    dict(
        person_id="a4",
        kind="contact",
        activity="Contact",
        start=day(2024, 3, 4),
        demand_type="value",
    ),
    dict(
        person_id="a5",
        kind="request",
        activity="Help with meals at home",
        start=day(2024, 3, 5),
        demand_type="value",
    ),
    dict(
        person_id="a6",
        kind="contact",
        activity="Contact",
        start=day(2024, 3, 6),
        demand_type="failure",
        demand_reason="chasing",
        words="Still waiting for the grab rail",
    ),
]


def test_value_demand_is_read_from_words_never_the_record_type() -> None:
    events = usable(ibis.duckdb.connect().create_table("journal", journal(ASKED)))
    front = demand.front_door(events, WINDOW)
    rows = {
        (r["demand"], r["asked"]): r["count"]
        for r in asked.asked_for(front).to_pyarrow().to_pylist()
    }
    assert rows == {
        ("value", "falls, stairs and getting about"): 1,
        # "forgets" is memory, before medication in the themes' order
        ("value", "memory and dementia"): 1,
        ("value", asked.SOMETHING_ELSE): 1,
        ("value", asked.NOT_IN_WORDS): 1,  # no words, and "Contact" says nothing
        ("value", "Help with meals at home"): 1,  # no words, but the type says what
        ("failure", "equipment and adaptations"): 1,
    }
    examples = asked.asked_examples(front, 3).to_pyarrow().to_pylist()
    assert {r["words"] for r in examples} == {
        "I can't get up the STAIRS since my fall",
        "Mum forgets her tablets",
        "Something no theme knows",
        "Still waiting for the grab rail",
    }


# The story


def test_the_story_is_chosen_by_what_the_user_asks() -> None:
    import pyarrow as pa

    people = pa.table(
        {
            "person_id": ["p1", "p2", "p3"],
            "events": [50, 10, 20],
            "teams": [2, 5, 3],
            "workers": [3, 4, 9],
            "handoffs": [1, 1, 1],
            "assessments": [1, 1, 6],
        }
    )
    first = {by: story.most_fragmented(people, by, 1)["person_id"][0].as_py() for by in StoryBy}
    assert first == {
        StoryBy.RECORDS: "p1",
        StoryBy.TEAMS: "p2",
        StoryBy.WORKERS: "p3",
        StoryBy.ASSESSMENTS: "p3",
    }


def test_the_story_in_steps_and_the_times_it_was_told() -> None:
    rows = [
        dict(
            person_id="s1",
            kind="contact",
            activity="Contact",
            start=day(2024, 3, 1),
            team="Front door",
            worker="w1",
            words="I can't manage the stairs",
        ),
        dict(
            person_id="s1",
            kind="referral",
            activity="Referral",
            start=day(2024, 3, 2),
            team="Front door",
            worker="w1",
            to_team="Assessment",
        ),
        dict(
            person_id="s1",
            kind="assessment",
            activity="Assessment",
            start=day(2024, 3, 9),
            team="Assessment",
            worker="w2",
        ),
        dict(
            person_id="s1",
            kind="contact",
            activity="Contact",
            start=day(2024, 3, 12),
            demand_type="failure",
            demand_reason="Repeating the story",
            words="I've told my story four times now",
        ),
        dict(
            person_id="s1",
            kind="assessment",
            activity="Re-assessment",
            start=day(2024, 3, 20),
            team="Review",
            worker="w3",
        ),
    ]
    events = usable(ibis.duckdb.connect().create_table("journal", journal(rows)))
    timeline = journeys.timeline(events, "s1", EpisodeRules(), WINDOW).to_pyarrow()
    told = story.times_told(timeline)
    assert (told.assessments, told.conversations, told.repeat_calls, told.total) == (2, 0, 1, 3)
    walked = story.steps(timeline)
    assert [what_happened(s) for s in walked] == [
        "Contact",
        "Referral to Assessment",
        "Assessment",
        "Contact (calling to tell the story again)",
        "Re-assessment",
    ]
    assert (walked[1].what, walked[1].to_team, walked[3].repeating) == (
        "Referral",
        "Assessment",
        True,
    )
    assert walked[3].team is None and walked[3].words == "I've told my story four times now"
    assert (walked[2].number, walked[2].team, walked[2].worker) == (3, "Assessment", "w2")


# Targets and heaping


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "targets.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_bundled_example_reads() -> None:
    assessment, review = read_targets(EXAMPLE)
    assert (assessment.kind, assessment.within_days, assessment.band) == (
        "assessment",
        28,
        (26, 28),
    )
    assert (review.timed, review.within_days, review.band_days) == (Timed.PREVIOUS, 365, 14)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[a]\nkind = "assessment"\nwithin = 28\n', "[a]: unknown key 'within'"),
        ('[a]\nkind = "assesment"\nwithin_days = 28\n', "kind 'assesment' is not a journal kind"),
        ('[a]\nkind = "assessment"\n', "[a]: missing within_days"),
        ('[a]\nkind = "assessment"\nwithin_days = "28"\n', "within_days must be a whole number"),
        ('[a]\nkind = "assessment"\nwithin_days = 0\n', "within_days must be a whole number"),
        ('[a]\nkind = "assessment"\nwithin_days = 28.5\n', "within_days must be a whole number"),
        ('[a]\nkind = "assessment"\nwithin_days = 2\n', "band_days (3) is longer than within_days"),
        (
            '[a]\nkind = "review"\nwithin_days = 9\nfrom = "end"\n',
            'from must be "start" or "previous"',
        ),
        ("[a]\nwithin_days = 9\n", "say which steps"),
        ("a = 1\n", "[a] must be a table"),
        ("", "no targets"),
        ("[a\n", "not valid TOML"),
    ],
)
def test_a_bad_targets_file_is_one_line_naming_the_key(tmp_path, text, message) -> None:
    with pytest.raises(TargetsError) as caught:
        read_targets(_write(tmp_path, text))
    said = str(caught.value)
    assert message in said and "\n" not in said and str(tmp_path) in said


def test_a_missing_targets_file_is_one_line(tmp_path) -> None:
    with pytest.raises(TargetsError, match="cannot read the targets file"):
        read_targets(tmp_path / "nowhere.toml")


TARGET = Target("assessment", "assessments", 28, kind="assessment")


def _smooth(days: range) -> dict[int, int]:
    """Counts on a smooth falling curve: 400 × 0.93^day (rounded)."""
    return {d: round(400 * 0.93**d) for d in days}


def test_a_smooth_curve_shows_no_heaping() -> None:
    found = deadlines.heaping(TARGET, _smooth(range(0, 60)))
    assert found.expected == pytest.approx(sum(_smooth(range(26, 29)).values()), rel=0.05)
    assert not found.heaping
    assert abs(found.excess) < 0.05


def test_work_pulled_inside_the_target_is_heaping_in_words() -> None:
    counts = _smooth(range(0, 60))
    for d in range(29, 60):  # half of the late work is pulled into days 26 to 28
        moved = counts[d] // 2
        counts[d] -= moved
        counts[26 + d % 3] += moved
    smooth_band = sum(_smooth(range(26, 29)).values())
    found = deadlines.heaping(TARGET, counts)
    assert found.heaping and found.p_value < deadlines.SIGNIFICANCE
    assert found.in_band == sum(counts[d] for d in (26, 27, 28))
    assert found.expected == pytest.approx(smooth_band, rel=0.1)
    assert found.on_time == sum(n for d, n in counts.items() if d <= 28)


def test_too_few_steps_to_tell() -> None:
    found = deadlines.heaping(TARGET, {27: 3, 20: 2, 35: 1})
    assert found.expected is None and found.excess is None and not found.heaping


def test_durations_are_whole_days_from_start_or_from_the_previous_step() -> None:
    rows = [
        dict(person_id="d1", kind="assessment", start=day(2024, 3, 1, 9), end=day(2024, 3, 29, 17)),
        dict(person_id="d1", kind="assessment", start=day(2024, 4, 1, 9), end=day(2024, 4, 1, 8)),
        dict(person_id="d2", kind="assessment", start=day(2024, 3, 5)),  # open: left out
        dict(person_id="d1", kind="review", start=day(2024, 3, 1)),
        dict(person_id="d1", kind="review", start=day(2024, 5, 1)),
    ]
    events = usable(ibis.duckdb.connect().create_table("journal", journal(rows)))
    taken = deadlines.day_counts(events, TARGET, WINDOW).to_pyarrow().to_pylist()
    assert taken == [{"days": 28, "count": 1}]  # an end before its start is left out
    review = Target("review", "reviews", 365, kind="review", timed=Timed.PREVIOUS)
    taken = deadlines.day_counts(events, review, WINDOW).to_pyarrow().to_pylist()
    assert taken == [{"days": 61, "count": 1}]


def test_each_step_of_the_story_chart_is_labelled_in_words() -> None:
    from whatmatters.report.sections.story import _summary
    from whatmatters.report.story_chart import LABEL_LENGTH, label

    said = story.Step(4, day(2024, 3, 12), None, None, "Contact", "I've told my story four times")
    assert (
        label(said) == "12 Mar 2024 · no team recorded · Contact — “I've told my story four times”"
    )
    long = story.Step(5, day(2024, 3, 20), "Review", "w3", "Re-assessment", "x" * 200)
    assert len(label(long)) == LABEL_LENGTH and label(long).endswith("…")
    # a step with no worker recorded is not counted as one: the summary leaves workers out
    assert _summary("P1", [said]) == "From 12 Mar 2024 to 12 Mar 2024, 1 thing happened to P1."
    assert _summary("P1", [said, long]).endswith("happened to P1, done by 1 worker in 1 team.")
    teamed = story.Step(6, day(2024, 3, 21), "Review", None, "Review", None)
    assert _summary("P1", [said, teamed]).endswith("happened to P1, in 1 team.")
