"""Before and after side by side, and the people behind a figure, on a hand-made journal."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.check.conftest import day, journal, loader
from tests.check.test_whole_check import assert_same
from whatmatters.check.params import CheckParams
from whatmatters.check.run import run_check
from whatmatters.check.tables import SPLIT_TABLES

CHANGE = dt.date(2024, 3, 1)


def _row(person, kind, activity, when, team, **more):
    return dict(person_id=person, kind=kind, activity=activity, start=when, team=team, **more)


# Before: two people go contact → assessment (OT) → referral to OT itself (a self-referral)
# → assessment. After: three people go contact → conversation (same team); two of the
# three contacts were resolved at the first point, one was not. Ann's journey
# crosses the change: her steps count on each side, and no path joins the two.
ROWS = [
    *[
        r
        for p in ("ann", "bob")
        for r in (
            _row(p, "contact", "Contact", day(2024, 1, 3), "Front door", demand_type="value"),
            _row(p, "assessment", "Assessment", day(2024, 1, 10), "OT"),
            _row(p, "referral", "Referral", day(2024, 1, 12), "OT", to_team="OT"),
            _row(p, "assessment", "Assessment", day(2024, 2, 1), "OT"),
            _row(p, "request", "Request", day(2024, 2, 5), "OT"),
            _row(p, "request", "Request", day(2024, 2, 20), "OT", demand_type="failure"),
        )
    ],
    *[
        r
        for p, resolved in (("ann", False), ("cat", True), ("dan", True))
        for r in (
            _row(
                p,
                "contact",
                "Contact",
                day(2024, 3, 4),
                "Community",
                demand_type="value",
                resolved_first_point=resolved,
            ),
            _row(p, "conversation", "Conversation", day(2024, 3, 5), "Community"),
        )
    ],
    _row("dan", "contact", "Contact", day(2024, 4, 29), "Community", demand_type="value"),
]

PARAMS = CheckParams(change_date=CHANGE, start=dt.date(2024, 1, 1), end=dt.date(2024, 4, 30))


@pytest.fixture(scope="module")
def result():
    with loader("duckdb") as put:
        return run_check(put(journal(ROWS)), PARAMS)


def _side(result, name, period):
    return [r for r in result[name].to_pylist() if r["period"] == period]


def test_every_split_table_has_both_sides_before_first(result) -> None:
    for name in SPLIT_TABLES:
        periods = result[name]["period"].to_pylist()
        assert periods == sorted(periods, key=["before", "after"].index), name
        # no one was referred after the change
        sides = {"before"} if name == "self_referrals_by_period" else {"before", "after"}
        assert set(periods) == sides, name


def test_the_flow_of_each_side_is_its_own(result) -> None:
    before = {
        (r["source"], r["target"]): r["count"]
        for r in _side(result, "directly_follows_by_period", "before")
    }
    after = {
        (r["source"], r["target"]): r["count"]
        for r in _side(result, "directly_follows_by_period", "after")
    }
    assert before == {
        ("Contact", "Assessment"): 2,
        ("Assessment", "Referral"): 2,
        ("Referral", "Assessment"): 2,
        ("Assessment", "Request"): 2,
        ("Request", "Request"): 2,
    }
    # Ann's last request before the change is not followed by her contact after it.
    assert after == {("Contact", "Conversation"): 3, ("Conversation", "Contact"): 1}
    variants = {
        r["variant"]: (r["cases"], r["share"]) for r in _side(result, "variants_by_period", "after")
    }
    assert variants == {
        "Contact → Conversation": (2, pytest.approx(2 / 3)),
        "Contact → Conversation → Contact": (1, pytest.approx(1 / 3)),
    }


def test_handoffs_and_self_referrals_each_side(result) -> None:
    before = {
        (r["source"], r["target"]): r["count"]
        for r in _side(result, "team_handoffs_by_period", "before")
    }
    assert before == {("Front door", "OT"): 2, ("OT", "OT"): 8}
    after = {
        (r["source"], r["target"]): r["count"]
        for r in _side(result, "team_handoffs_by_period", "after")
    }
    assert after == {("Community", "Community"): 4}
    rates = _side(result, "self_referrals_by_period", "before")
    assert [(r["team"], r["referrals"], r["self_referrals"]) for r in rates] == [("OT", 2, 2)]
    assert _side(result, "self_referrals_by_period", "after") == []


def test_demand_each_side(result) -> None:
    before = {r["demand"]: r["count"] for r in _side(result, "value_failure_by_period", "before")}
    after = {r["demand"]: r["count"] for r in _side(result, "value_failure_by_period", "after")}
    # requests with no contact the same day are approaches of their own
    assert before == {"value": 2, "failure": 2, "unknown": 2}
    assert after == {"value": 4}
    first = {r["period"]: r for r in result["first_point_by_period"].to_pylist()}
    assert (first["before"]["demand"], first["before"]["unknown"]) == (6, 6)
    assert first["before"]["share_resolved"] is None
    # Dan's second contact says nothing of how it was resolved
    after_point = first["after"]
    assert (after_point["resolved"], after_point["not_resolved"], after_point["unknown"]) == (
        2,
        1,
        1,
    )
    assert after_point["share_resolved"] == pytest.approx(2 / 3)


def test_journeys_each_side(result) -> None:
    rows = {r["period"]: r for r in result["journeys_by_period"].to_pylist()}
    assert rows["before"]["people"] == 2 and rows["after"]["people"] == 3
    assert rows["before"]["median_teams"] == 2 and rows["after"]["median_teams"] == 1
    assert rows["before"]["median_assessments"] == 2
    fragmented = _side(result, "fragmented_by_period", "after")
    # equal on teams, workers, handoffs, assessments: Dan has the most records
    assert [r["person_id"] for r in fragmented] == ["dan", "ann", "cat"]
    assert rows["before"]["episodes"] + rows["after"]["episodes"] == result["episodes"].num_rows


def test_the_people_behind_a_figure(result) -> None:
    selfish = result["self_referral_people"].to_pylist()
    assert [(r["team"], r["person_id"], r["self_referrals"]) for r in selfish] == [
        ("OT", "ann", 1),
        ("OT", "bob", 1),
    ]
    repeats = {(r["days"], r["person_id"]) for r in result["repeat_request_people"].to_pylist()}
    assert repeats == {
        (28, "ann"),
        (28, "bob"),
        (90, "ann"),
        (90, "bob"),
        (182, "ann"),
        (182, "bob"),
    }
    behind = {}
    for r in result["variant_people"].to_pylist():
        behind.setdefault(r["variant"], []).append(r["person_id"])
    # each person's whole journey in the window, as the tiny journal above has it
    assert {v: sorted(p) for v, p in behind.items()} == {
        "Contact → Assessment → Referral → Assessment → Request → Request": ["bob"],
        "Contact → Assessment → Referral → Assessment → Request → Request → Contact "
        "→ Conversation": ["ann"],
        "Contact → Conversation": ["cat"],
        "Contact → Conversation → Contact": ["dan"],
    }


def test_no_change_date_no_split_tables() -> None:
    with loader("duckdb") as put:
        plain = run_check(put(journal(ROWS)), CheckParams())
    assert not set(SPLIT_TABLES) & set(plain.tables)
    assert "variant_people" in plain.tables


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_the_same_split_on_every_backend(result, backend) -> None:
    with loader(backend) as put:
        theirs = run_check(put(journal(ROWS)), PARAMS)
    for name in [*SPLIT_TABLES, "variant_people", "self_referral_people", "repeat_request_people"]:
        assert_same(result[name], theirs[name], f"{name} on {backend}")
