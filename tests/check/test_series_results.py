"""Capability series per month and the before/after results table, with known answers."""

from __future__ import annotations

import datetime as dt

import ibis
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from tests.check.conftest import day, journal
from whatmatters.check import demand, journeys, repeat_demand, series
from whatmatters.check.events import ordered, usable
from whatmatters.check.params import EpisodeRules, Period
from whatmatters.check.results import (
    COST_AVOIDANCE,
    NotCompared,
    comparison,
    cost_avoidance,
    results,
)
from whatmatters.check.series import Measure, Span, series_table, whole_periods
from whatmatters.check.window import Window, in_window
from whatmatters.report.readings.results import compared, method

WINDOW = Window(dt.date(2024, 1, 1), dt.date(2024, 6, 30))
CHANGE = dt.date(2024, 4, 1)
NURSING = "Long Term Support: Nursing Care"
RESIDENTIAL = "Long term support: Residential care"
COMMUNITY = "Long term support: Community"


def contact(person: str, start: dt.datetime, failure: bool | None = None) -> dict:
    kind = None if failure is None else ("failure" if failure else "value")
    return dict(person_id=person, kind="contact", start=start, demand_type=kind)


def service(person, start, kind, end=None, hours=None, cost=None) -> dict:
    return dict(
        person_id=person,
        kind="service",
        start=start,
        end=end,
        service_type=kind,
        hours_per_week=hours,
        weekly_cost=cost,
    )


ROWS = [
    contact("c1", day(2024, 1, 10), failure=True),
    contact("c2", day(2024, 1, 11), failure=False),
    contact("c3", day(2024, 1, 12)),
    contact("c4", day(2024, 2, 3), failure=True),
    contact("c5", day(2024, 2, 4), failure=True),
    contact("c6", day(2024, 3, 5), failure=False),
    contact("c7", day(2024, 4, 6)),
    contact("c8", day(2024, 6, 7), failure=False),
    contact("c9", day(2024, 6, 8), failure=False),
    dict(person_id="a1", kind="assessment", start=day(2024, 1, 28), end=day(2024, 2, 2)),
    dict(person_id="a2", kind="assessment", start=day(2024, 5, 2)),
    dict(person_id="r1", kind="request", start=day(2024, 1, 15)),
    dict(person_id="r1", kind="request", start=day(2024, 2, 20)),  # 36 days later: a repeat
    dict(person_id="r2", kind="request", start=day(2024, 5, 1)),
    service("p1", day(2024, 2, 15), NURSING, cost=700.0),
    service("p2", day(2024, 4, 20), RESIDENTIAL, end=day(2024, 5, 10)),
    service("p3", day(2024, 1, 1), COMMUNITY, hours=10.0, cost=70.0),
    service("p4", day(2024, 3, 1), COMMUNITY, hours=6.0),
    service("p4", day(2024, 3, 1), COMMUNITY, hours=8.0),
]


@pytest.fixture(scope="module")
def monthly(module_load):
    table = module_load(journal(ROWS))
    events = usable(table)
    steps = ordered(in_window(events, WINDOW), EpisodeRules(), WINDOW).cache()
    episodes = journeys.episodes(steps).cache()
    spans = whole_periods(WINDOW, Period.MONTH)
    cal = series.calendar(ibis.get_backend(table), spans)
    parts = series.measure_series(
        cal,
        events,
        episodes,
        repeat_demand.requests(events),
        demand.front_door(events, WINDOW),
        WINDOW,
        repeat_days=90,
    )
    return spans, series.series_table({m: e.to_pyarrow() for m, e in parts.items()})


def values(table, measure: Measure) -> list[float | None]:
    rows = [r for r in table.to_pylist() if r["measure"] == measure.value]
    return [r["value"] for r in sorted(rows, key=lambda r: r["period_start"])]


def test_counts_per_month_with_zero_for_empty_months(monthly) -> None:
    _, table = monthly
    assert values(table, Measure.CONTACTS) == [3, 2, 1, 1, 0, 2]
    assert values(table, Measure.REQUESTS) == [1, 1, 0, 0, 1, 0]
    assert values(table, Measure.ASSESSMENTS) == [1, 0, 0, 0, 1, 0]  # started
    assert values(table, Measure.NEW_PLACEMENTS) == [0, 1, 0, 1, 0, 0]


def test_census_measures_on_each_months_last_day(monthly) -> None:
    _, table = monthly
    assert values(table, Measure.PEOPLE_IN_PLACEMENT) == [0, 1, 1, 2, 1, 1]
    # p3 has 10 hours; p4 has two services adding to 14 hours from March
    assert values(table, Measure.CARE_HOURS) == [10, 10, 12, 12, 12, 12]


def test_shares_leave_unclassified_demand_out(monthly) -> None:
    _, table = monthly
    assert values(table, Measure.FAILURE_SHARE) == [0.5, 1.0, 0.0, None, None, 0.0]
    assert values(table, Measure.REPEAT_SHARE) == [0.0, 1.0, None, None, 0.0, None]


def test_weekly_cost_counts_days_running_in_each_month(monthly) -> None:
    _, table = monthly
    rows = sorted(
        (r for r in table.to_pylist() if r["measure"] == Measure.WEEKLY_COST.value),
        key=lambda r: r["period_start"],
    )
    # p3: £70 a week every day; p1: £700 a week from 15 February (15 days in February)
    assert rows[0]["numerator"] == pytest.approx(70 * 31 / 7)
    assert rows[1]["numerator"] == pytest.approx(70 * 29 / 7 + 700 * 15 / 7)
    assert rows[1]["denominator"] == pytest.approx(29 / 7)
    assert rows[2]["value"] == pytest.approx(770.0)


def test_results_compare_equal_stretches_before_and_after(monthly) -> None:
    spans, table = monthly
    compare = comparison(spans, CHANGE)
    assert [s.start.month for s in compare.before] == [1, 2, 3]
    assert [s.start.month for s in compare.after] == [4, 5, 6]
    rows = {r["measure"]: r for r in results(table, compare, 90).to_pylist()}
    assert (rows["contacts"]["before"], rows["contacts"]["after"]) == (6, 3)
    assert rows["contacts"]["change_pct"] == pytest.approx(-0.5)
    assert (rows["new_placements"]["before"], rows["new_placements"]["after"]) == (1, 1)
    # a count on a day is averaged over the stretch's period ends, not read off one day
    assert rows["people_in_placement"]["before"] == pytest.approx((0 + 1 + 1) / 3)
    assert rows["people_in_placement"]["after"] == pytest.approx((2 + 1 + 1) / 3)
    assert rows["care_hours_per_week"]["before"] == pytest.approx((10 + 10 + 12) / 3)
    assert rows["care_hours_per_week"]["after"] == 12
    assert rows["failure_share"]["before"] == pytest.approx(3 / 5)  # not a mean of shares
    assert rows["assessments"]["change_pct"] == pytest.approx(0.0)
    assert rows["weekly_cost"]["after"] == pytest.approx(770 * 91 / 7)


def test_without_a_change_date_the_halves_are_compared() -> None:
    spans = whole_periods(Window(dt.date(2024, 1, 15), dt.date(2024, 8, 20)), Period.MONTH)
    assert [s.start.month for s in spans] == [2, 3, 4, 5, 6, 7]
    compare = comparison(spans, None)
    assert [s.start.month for s in compare.before] == [2, 3, 4]
    assert [s.start.month for s in compare.after] == [5, 6, 7]


def test_a_change_inside_a_month_leaves_that_month_out() -> None:
    spans = whole_periods(WINDOW, Period.MONTH)
    compare = comparison(spans, dt.date(2024, 3, 15))
    assert [s.start.month for s in compare.before] == [1, 2]
    assert [s.start.month for s in compare.after] == [4, 5]


def test_whole_weeks_start_on_monday() -> None:
    spans = whole_periods(Window(dt.date(2024, 1, 3), dt.date(2024, 1, 28)), Period.WEEK)
    assert [s.start for s in spans] == [
        dt.date(2024, 1, 8),
        dt.date(2024, 1, 15),
        dt.date(2024, 1, 22),
    ]
    assert all(s.days == 7 for s in spans)


def _weeks(n: int) -> list[Span]:
    start = dt.date(2024, 1, 1)
    return [
        Span(start + dt.timedelta(days=7 * i), start + dt.timedelta(days=7 * (i + 1)))
        for i in range(n)
    ]


def test_cost_avoidance_is_the_projected_baseline_less_the_actual_cost() -> None:
    weeks = _weeks(16)
    # weekly cost rises by £10 a week for twelve weeks before the change, then stays at £210
    weekly = [100 + 10 * k for k in range(12)] + [210] * 4
    points = {s.start: (w * 1.0, 1.0) for s, w in zip(weeks, weekly, strict=True)}
    avoided, reason, band, projection, periods, baseline = cost_avoidance(
        points, comparison(weeks, weeks[12].start)
    )
    # carried on from £210 by £10 a week: 220, 230, 240, 250
    assert avoided == pytest.approx((220 + 230 + 240 + 250) - 4 * 210)
    assert band == pytest.approx(0.0, abs=1e-6)  # a baseline with no wander
    assert projection is not None and projection.predicted.tolist() == pytest.approx(
        [220, 230, 240, 250]
    )
    assert periods == tuple(s.start for s in weeks[12:])
    assert (reason, baseline, projection.drift) == (None, 12, pytest.approx(10.0))


def test_cost_avoidance_within_its_interval_is_not_called_a_change() -> None:
    weeks = _weeks(24)
    # the weekly cost wobbles around £1,000 before and after: nothing changed
    rng = np.random.default_rng(3)
    weekly = 1000 + rng.normal(0, 40, 24)
    points = {s.start: (float(w), 1.0) for s, w in zip(weeks, weekly, strict=True)}
    avoided, _, band, *_ = cost_avoidance(points, comparison(weeks, weeks[12].start))
    assert band is not None and avoided is not None and abs(avoided) <= band


def test_cost_avoidance_is_not_claimed_on_a_baseline_too_short_to_say() -> None:
    weeks = _weeks(16)
    points = {s.start: (1000.0 + 10 * i, 1.0) for i, s in enumerate(weeks)}
    avoided, reason, *_, baseline = cost_avoidance(points, comparison(weeks, weeks[8].start))
    assert (avoided, reason, baseline) == (None, NotCompared.SHORT_BASELINE, 8)


def test_cost_avoidance_needs_a_change_date() -> None:
    weeks = _weeks(12)
    points = {s.start: (1000.0 + 10 * i, 1.0) for i, s in enumerate(weeks)}
    avoided, reason, *_ = cost_avoidance(points, comparison(weeks, None))
    assert (avoided, reason) == (None, NotCompared.NO_CHANGE_DATE)


def test_cost_avoidance_needs_a_baseline(monthly) -> None:
    spans, table = monthly
    rows = {
        r["name"]: r for r in results(table, comparison(spans, dt.date(2024, 2, 1)), 90).to_pylist()
    }
    assert rows[COST_AVOIDANCE]["after"] is None
    assert rows[COST_AVOIDANCE]["not_compared"] == NotCompared.SHORT_BASELINE


def test_one_period_each_is_said_in_the_singular() -> None:
    weeks = _weeks(2)
    assert compared(comparison(weeks, weeks[1].start)).endswith("(1 period each)")


def test_a_count_whose_first_periods_are_left_out_is_compared_over_shorter_stretches() -> None:
    # What matters recorded skips the records' first episode gap (series.judged_from): with
    # the change two periods in, it has one period before it; both sides shorten to one.
    weeks = _weeks(4)
    table = series_table(
        {
            Measure.OUTCOMES_RECORDED: pa.table(
                {
                    "period_start": [s.start for s in weeks[1:]],
                    "numerator": [10.0, 20.0, 30.0],
                    "denominator": pa.array([None, None, None], pa.float64()),
                }
            )
        }
    )
    row = next(
        r
        for r in results(table, comparison(weeks, weeks[2].start), 90).to_pylist()
        if r["measure"] == Measure.OUTCOMES_RECORDED.value
    )
    assert (row["before"], row["after"], row["after_periods"]) == (10.0, 20.0, 1)
    assert "Compared over 1 period on each side, fewer than" in method(row)
    gapped = table.filter(pc.not_equal(table["period_start"], weeks[2].start))
    rows = results(gapped, comparison(weeks, weeks[2].start), 90).to_pylist()
    gone = next(r for r in rows if r["measure"] == Measure.OUTCOMES_RECORDED.value)
    assert gone["after"] is None  # a gap later on still leaves the sum without a figure


def test_a_count_left_out_of_the_whole_before_stretch_keeps_its_after_figure() -> None:
    weeks = _weeks(6)
    table = series_table(
        {
            Measure.OUTCOMES_RECORDED: pa.table(
                {
                    "period_start": [s.start for s in weeks[2:]],
                    "numerator": [10.0, 20.0, 30.0, 40.0],
                    "denominator": pa.array([None] * 4, pa.float64()),
                }
            )
        }
    )
    rows = results(table, comparison(weeks, weeks[2].start), 90).to_pylist()
    row = next(r for r in rows if r["measure"] == Measure.OUTCOMES_RECORDED.value)
    assert (row["before"], row["after"], row["after_periods"]) == (None, 30.0, None)
