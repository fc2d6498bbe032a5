"""The capability series: each catalogue measure, one value per week or month.

Each measure (``check/catalogue``) is a numerator and (for shares and means)
a denominator per period, so the results table can add periods up honestly
(a share of sums, never a mean of shares). This module evaluates every
measure, fetches the parts into one long table, and leaves out the periods a
look-back measure cannot judge yet.
"""

from __future__ import annotations

import datetime as dt

import ibis.expr.types as ir
import pyarrow as pa

from whatmatters.check.catalogue import (
    MEASURES,
    Calendar,
    Combine,
    Inputs,
    Measure,
    MeasureInfo,
    Span,
    calendar,
    whole_periods,
)
from whatmatters.check.catalogue.work import HORIZON_DAYS
from whatmatters.check.window import Window

__all__ = [
    "DECIMALS",
    "MEASURES",
    "SERIES_SCHEMA",
    "Calendar",
    "Combine",
    "Measure",
    "MeasureInfo",
    "Span",
    "calendar",
    "judged_from",
    "judged_until",
    "measure_series",
    "recorded_measures",
    "series_table",
    "total",
    "whole_periods",
    "without_warm_up",
]


def judged_from(window: Window, repeat_days: int, gap_days: int) -> dict[Measure, dt.date]:
    """The first day each look-back measure can be judged on, near where records begin.

    A request is a repeat if another came in the ``repeat_days`` before it:
    until that look-back lies inside the records, repeats are undercounted.
    Episodes are seen from the charted start: in its first ``gap_days`` an
    episode may have begun unseen before it, and only short ones can have
    ended. An outcome or plan action of a journey begun before the records
    first shows in them when it is rated or achieved, so in the first
    ``gap_days`` of the records (not of a window chosen later: these two
    measures read every row) what matters recorded is overcounted (twice an
    ordinary month in the first, on a steady synthetic council) and the menu
    index of achievements sees only the later part of those plans. Periods
    starting earlier are left out of those measures' series.
    """
    plans_seen = window.look_back_complete(gap_days)
    return {
        Measure.REPEAT_SHARE: window.look_back_complete(repeat_days),
        Measure.END_TO_END: window.charted.start + dt.timedelta(days=gap_days),
        Measure.OUTCOMES_RECORDED: plans_seen,
        Measure.MENU_INDEX_ACHIEVED: plans_seen,
    }


def judged_until(window: Window, gap_days: int, spans: list[Span]) -> dict[Measure, dt.date]:
    """The last period start each follow-up measure can be judged on, near where records end.

    End-to-end time counts a journey's first ``HORIZON_DAYS`` by the period it
    starts in: a period is judged only when its last day's journeys have been
    followed that long, and ``gap_days`` more (to see that they ended), inside
    the charted records. Later periods are left out of its series.
    """
    follow_up = dt.timedelta(days=HORIZON_DAYS + gap_days)
    followed = [
        s.start for s in spans if s.stop - dt.timedelta(days=1) + follow_up <= window.charted.end
    ]
    return {Measure.END_TO_END: max(followed, default=dt.date.min)}


def without_warm_up(
    table: pa.Table,
    first_days: dict[Measure, dt.date],
    last_starts: dict[Measure, dt.date],
) -> pa.Table:
    """The series without each measure's periods before its first judged day (or after its last)."""
    keep = [
        first_days.get(m := Measure(r["measure"]), r["period_start"])
        <= r["period_start"]
        <= last_starts.get(m, r["period_start"])
        for r in table.select(["measure", "period_start"]).to_pylist()
    ]
    return table.filter(pa.array(keep, pa.bool_()))


def measure_series(
    cal: Calendar,
    events: ir.Table,
    episodes_table: ir.Table,
    all_requests: ir.Table,
    demand: ir.Table,
    window: Window,
    repeat_days: int,
) -> dict[Measure, ir.Table]:
    """Every catalogue measure for every period: ``period_start``, ``numerator``, ``denominator``.

    The denominator is empty for counts. Each measure is its own query
    (SQLite cannot parse all of them nested in one); ``series_table`` joins
    the results.

    ``events`` is the whole usable journal (look-backs and running services
    need what came before the window); ``demand`` the front door in the window.
    """
    inputs = Inputs(cal, events, episodes_table, all_requests, demand, window, repeat_days)
    return {measure: info.series(inputs) for measure, info in MEASURES.items()}


DECIMALS = 6

SERIES_SCHEMA = pa.schema(
    [
        ("measure", pa.string()),
        ("period_start", pa.date32()),
        ("numerator", pa.float64()),
        ("denominator", pa.float64()),
        ("value", pa.float64()),
    ]
)


def series_table(parts: dict[Measure, pa.Table]) -> pa.Table:
    """The measures' fetched parts as one long table with each period's ``value``.

    The value is the numerator for counts, else numerator ÷ denominator
    (empty when there is nothing to divide by). Numerators and denominators
    are rounded to a millionth first: backends add floats in different orders,
    and the capability rules compare values exactly (a tie breaks a trend).
    """
    rows = []
    for measure, part in parts.items():
        for r in part.to_pylist():
            num = round(r["numerator"], DECIMALS)
            den = None if r["denominator"] is None else round(r["denominator"], DECIMALS)
            r = {**r, "numerator": num, "denominator": den}
            value = num if den is None else (num / den if den else None)
            rows.append({"measure": measure.value, **r, "value": value})
    table = pa.Table.from_pylist(rows, schema=SERIES_SCHEMA)
    return table.sort_by([("measure", "ascending"), ("period_start", "ascending")])


def recorded_measures(series_table: pa.Table) -> set[Measure]:
    """The measures the records hold any of.

    A count or cost: some period's value is neither 0 nor empty. A share: some
    period has cases to divide (0% of 40 requests repeated is a finding). A
    measure the records hold none of (contacts in a CLD return, cost in an
    event log) is not a row of zeros to compare.
    """
    found: set[Measure] = set()
    for row in series_table.to_pylist():
        measure = Measure(row["measure"])
        held = row["denominator"] if MEASURES[measure].percent else row["value"]
        if held:
            found.add(measure)
    return found


def total(series_table: pa.Table, measure: Measure) -> float | None:
    """A count's numerators added up over every period charted; None if none is recorded."""
    if MEASURES[measure].combine is not Combine.SUM:
        raise ValueError(f"{measure.value} is not a count: its periods do not add up")
    if measure not in recorded_measures(series_table):
        return None
    return sum(r["numerator"] for r in series_table.to_pylist() if r["measure"] == measure.value)
