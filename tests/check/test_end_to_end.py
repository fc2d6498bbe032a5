"""End-to-end time by start month, counted to a horizon: worked out by hand on a tiny journal.

A mean of journeys *ending* in a month favoured short journeys at the edges
of the records (a council where nothing changed showed +22%). Journeys are
now grouped by the month they start, each counted for at most
``HORIZON_DAYS``, and a month is judged only once its journeys have been
followed that long (and the episode gap after).
"""

from __future__ import annotations

import datetime as dt

import ibis
import pyarrow as pa
import pytest

from tests.check.conftest import day, journal
from whatmatters.check import demand, journeys, repeat_demand, series
from whatmatters.check.catalogue import MEASURES, Inputs, Measure, calendar, whole_periods
from whatmatters.check.catalogue.work import HORIZON_DAYS
from whatmatters.check.events import ordered, usable
from whatmatters.check.params import EpisodeRules, Period
from whatmatters.check.window import Window, in_window

WINDOW = Window(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
ROWS = [
    # long: a request in January, then work every 60 days to 5 September: 239 days, counted as 180
    dict(person_id="long", kind="request", start=day(2024, 1, 10)),
    *(
        dict(person_id="long", kind="review", start=day(2024, 1, 10) + dt.timedelta(days=d))
        for d in (60, 120, 180, 239)
    ),
    # short: a request and an assessment ending 20 days later, both in January
    dict(person_id="short", kind="request", start=day(2024, 1, 15)),
    dict(person_id="short", kind="assessment", start=day(2024, 1, 20), end=day(2024, 2, 4)),
    # february: one journey of 10 days
    dict(person_id="feb", kind="request", start=day(2024, 2, 1)),
    dict(person_id="feb", kind="assessment", start=day(2024, 2, 1), end=day(2024, 2, 11)),
]


@pytest.fixture(scope="module")
def months() -> list[tuple[float, float]]:
    table = ibis.duckdb.connect().create_table("journal", journal(ROWS))
    events = usable(table)
    steps = ordered(in_window(events, WINDOW), EpisodeRules(), WINDOW)
    cal = calendar(ibis.get_backend(table), whole_periods(WINDOW, Period.MONTH))
    inputs = Inputs(
        cal,
        events,
        journeys.episodes(steps),
        repeat_demand.requests(events),
        demand.front_door(events, WINDOW),
        WINDOW,
        repeat_days=90,
    )
    rows = MEASURES[Measure.END_TO_END].series(inputs).to_pyarrow().to_pylist()
    return [
        (r["numerator"], r["denominator"]) for r in sorted(rows, key=lambda r: r["period_start"])
    ]


def test_a_journey_counts_in_the_month_it_starts_for_at_most_the_horizon(months) -> None:
    assert HORIZON_DAYS == 180
    january, february = months[0], months[1]
    assert january == pytest.approx((180 + 20, 2))  # 239 days count as 180
    assert february == pytest.approx((10, 1))
    assert all(n == 0 and d == 0 for n, d in months[2:])  # no journey starts later


def test_months_not_yet_followed_for_the_horizon_and_gap_are_left_out() -> None:
    spans = whole_periods(WINDOW, Period.MONTH)
    last = series.judged_until(WINDOW, 90, spans)[Measure.END_TO_END]
    # 31 May + 180 + 90 days is 25 February 2025, after the window; 30 April + 270 is
    # 26 January 2025, also after; 31 March + 270 is 26 December 2024: the last judged
    assert last == dt.date(2024, 3, 1)
    table = pa.table(
        {
            "measure": [Measure.END_TO_END.value] * 3 + [Measure.CONTACTS.value],
            "period_start": [dt.date(2024, m, 1) for m in (2, 3, 4)] + [dt.date(2024, 4, 1)],
        }
    )
    kept = series.without_warm_up(table, {}, {Measure.END_TO_END: last}).to_pylist()
    assert [(r["measure"], r["period_start"].month) for r in kept] == [
        ("end_to_end_days", 2),
        ("end_to_end_days", 3),
        ("contacts", 4),  # other measures run to the end of the records
    ]


def test_a_window_too_short_for_the_follow_up_judges_no_month() -> None:
    short = Window(dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    last = series.judged_until(short, 90, whole_periods(short, Period.MONTH))
    assert last[Measure.END_TO_END] == dt.date.min
