"""Capability inputs: one value per week or month for each purpose measure.

Each measure is a numerator and (for shares and means) a denominator per
period, so the results table can add periods up honestly (a share of sums,
never a mean of shares). Only whole periods inside the window are used: a
half month would look like a fall in demand.

The periods are small calendar tables put on the backend, and every
measure is a join of its items to them, so the same expressions run on every
backend and for any periods (the results table uses the same ones).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from enum import StrEnum

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from whatmatters.check.backends import upload
from whatmatters.check.expressions import day_number, flag
from whatmatters.check.params import Period
from whatmatters.check.repeat_demand import is_repeat
from whatmatters.check.services import is_home_care, is_placement
from whatmatters.check.window import Window, in_window
from whatmatters.journal.schema import DemandType, Kind

_EPOCH = dt.date(1970, 1, 1)


class Combine(StrEnum):
    """How periods add up into a before/after figure."""

    SUM = "sum"  # counts and costs: add the numerators
    RATIO = "ratio"  # shares and means: sum of numerators over sum of denominators
    CENSUS = "census"  # a count on a date: in results, the average of each period's last day


class Measure(StrEnum):
    """The purpose measures charted for capability, in plain names."""

    END_TO_END = "end_to_end_days"
    REPEAT_SHARE = "repeat_share"
    FAILURE_SHARE = "failure_share"
    CONTACTS = "contacts"
    REQUESTS = "requests"
    ASSESSMENTS = "assessments"
    NEW_PLACEMENTS = "new_placements"
    PEOPLE_IN_PLACEMENT = "people_in_placement"
    CARE_HOURS = "care_hours_per_week"
    WEEKLY_COST = "weekly_cost"


@dataclass(frozen=True)
class MeasureInfo:
    """How to name, read and combine a measure."""

    title: str
    unit: str
    """The unit the chart speaks in ("%" for shares, "£" for money, else a word)."""
    combine: Combine
    card: str

    @property
    def percent(self) -> bool:
        """Whether values are shares (0–1) charted as percentages."""
        return self.unit == "%"


MEASURES: dict[Measure, MeasureInfo] = {
    Measure.END_TO_END: MeasureInfo(
        "End-to-end time",
        "days",
        Combine.RATIO,
        "Mean days from an episode's first event to what matters achieved (or its last "
        "piece of work), for episodes ending in the period.",
    ),
    Measure.REPEAT_SHARE: MeasureInfo(
        "Repeat requests",
        "%",
        Combine.RATIO,
        "Requests from someone who made another in the days before (the repeat window), "
        "over all requests in the period.",
    ),
    Measure.FAILURE_SHARE: MeasureInfo(
        "Failure demand",
        "%",
        Combine.RATIO,
        "Contacts and requests classed as failure demand, over those classed value or "
        "failure (unclassified ones left out).",
    ),
    Measure.CONTACTS: MeasureInfo(
        "Contacts", "contacts", Combine.SUM, "Contacts into adult social care in the period."
    ),
    Measure.REQUESTS: MeasureInfo(
        "Requests", "requests", Combine.SUM, "Requests for support starting in the period."
    ),
    Measure.ASSESSMENTS: MeasureInfo(
        "Assessments",
        "assessments",
        Combine.SUM,
        "Assessments completed in the period (ended, or started if no end is recorded).",
    ),
    Measure.NEW_PLACEMENTS: MeasureInfo(
        "New residential and nursing placements",
        "placements",
        Combine.SUM,
        "Long-term residential or nursing care services starting in the period.",
    ),
    Measure.PEOPLE_IN_PLACEMENT: MeasureInfo(
        "People in residential or nursing care",
        "people",
        Combine.CENSUS,
        "People with a long-term residential or nursing service on the period's last day.",
    ),
    Measure.CARE_HOURS: MeasureInfo(
        "Mean care hours a week",
        "hours a week",
        Combine.CENSUS,
        "Mean planned hours a week across people with long-term community (home) care "
        "on the period's last day.",
    ),
    Measure.WEEKLY_COST: MeasureInfo(
        "Weekly cost",
        "£",
        Combine.RATIO,
        "Planned cost of services running in the period (weekly cost × days running ÷ 7), "
        "per week of the period.",
    ),
}


@dataclass(frozen=True)
class Span:
    """One period: its first day and the day after its last."""

    start: dt.date
    stop: dt.date

    @property
    def days(self) -> int:
        return (self.stop - self.start).days


def whole_periods(window: Window, period: Period) -> list[Span]:
    """The whole weeks (Monday first) or calendar months inside the window."""
    spans = []
    if period is Period.WEEK:
        start = window.start + dt.timedelta(days=(7 - window.start.weekday()) % 7)
        while start + dt.timedelta(days=6) <= window.end:
            spans.append(Span(start, start + dt.timedelta(days=7)))
            start += dt.timedelta(days=7)
        return spans
    start = window.start if window.start.day == 1 else _next_month(window.start)
    while (stop := _next_month(start)) - dt.timedelta(days=1) <= window.end:
        spans.append(Span(start, stop))
        start = stop
    return spans


def judged_from(window: Window, repeat_days: int, gap_days: int) -> dict[Measure, dt.date]:
    """The first day each look-back measure can be judged on, near where records begin.

    A request is a repeat if another came in the ``repeat_days`` before it:
    until that look-back lies inside the records, repeats are undercounted.
    Episodes are seen from the charted start: in its first ``gap_days`` an
    episode may have begun unseen before it, and only short ones can have
    ended. Periods starting earlier are left out of those measures' series.
    """
    return {
        Measure.REPEAT_SHARE: window.look_back_complete(repeat_days),
        Measure.END_TO_END: window.charted.start + dt.timedelta(days=gap_days),
    }


def without_warm_up(table: pa.Table, first_days: dict[Measure, dt.date]) -> pa.Table:
    """The series without each measure's periods that start before its first judged day."""
    keep = [
        r["period_start"] >= first_days.get(Measure(r["measure"]), r["period_start"])
        for r in table.select(["measure", "period_start"]).to_pylist()
    ]
    return table.filter(pa.array(keep, pa.bool_()))


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


@dataclass(frozen=True)
class Calendar:
    """The periods on the backend: ``spans`` (one row a period) and ``days`` (one a day)."""

    spans: ir.Table
    """``period_start``, ``first_day`` and ``after_day`` (days since 1970)."""
    days: ir.Table
    """``day`` (days since 1970) and its ``period_start``."""


def calendar(con: object, spans: list[Span]) -> Calendar:
    """The periods as two small temporary tables (day numbers: no interval arithmetic)."""
    name = f"whatmatters_periods_{uuid.uuid4().hex[:10]}"
    span_rows = pa.table(
        {
            "period_start": pa.array([s.start for s in spans], pa.date32()),
            "first_day": pa.array([(s.start - _EPOCH).days for s in spans], pa.int64()),
            "after_day": pa.array([(s.stop - _EPOCH).days for s in spans], pa.int64()),
        }
    )
    days = [
        (d, s.start) for s in spans for d in range((s.start - _EPOCH).days, (s.stop - _EPOCH).days)
    ]
    day_rows = pa.table(
        {
            "day": pa.array([d for d, _ in days], pa.int64()),
            "period_start": pa.array([p for _, p in days], pa.date32()),
        }
    )
    return Calendar(
        upload(con, name, span_rows, temp=True), upload(con, f"{name}_days", day_rows, temp=True)
    )


def _per_period(
    cal: Calendar,
    items: ir.Table,
    day: ir.IntegerValue,
    numerator: ir.NumericValue,
    denominator: ir.NumericValue | None,
) -> ir.Table:
    """Sum ``numerator`` (and ``denominator``) of items whose ``day`` falls in each period."""
    t = items.select(_day=day, _num=numerator, _den=denominator if denominator is not None else 0)
    joined = cal.days.inner_join(t, cal.days.day == t._day)
    sums = joined.group_by("period_start").agg(
        numerator=joined._num.cast("float64").sum(), denominator=joined._den.cast("float64").sum()
    )
    return _fill(cal.spans, sums, ratio=denominator is not None)


def _fill(spans: ir.Table, sums: ir.Table, *, ratio: bool) -> ir.Table:
    """Every period, with 0 where nothing happened (a count of nothing is 0)."""
    full = spans.left_join(sums, spans.period_start == sums.period_start)
    return full.select(
        period_start=spans.period_start,
        numerator=full.numerator.fill_null(0.0),
        denominator=full.denominator.fill_null(0.0) if ratio else ibis.null("float64"),
    )


def _census(cal: Calendar, services: ir.Table, amount: ir.NumericValue | None) -> ir.Table:
    """Per period: people with a service running on its last day.

    Without ``amount`` the numerator is the number of people; with it, the
    numerator is the sum of ``amount`` (a person's services added first) and
    the denominator the number of people, so the value is a mean per person.
    """
    t = services.select(
        "person_id",
        _first=day_number(services.start),
        _last=day_number(services.end),
        _amount=amount if amount is not None else ibis.literal(0),
    )
    spans = cal.spans
    census = spans.after_day - 1
    running = spans.inner_join(t, [t._first <= census, t._last.isnull() | (t._last >= census)])
    people = running.group_by(["period_start", "person_id"]).agg(amount=running._amount.sum())
    if amount is None:
        sums = people.group_by("period_start").agg(numerator=people.count().cast("float64"))
        return _fill(spans, sums.mutate(denominator=ibis.null("float64")), ratio=False)
    sums = people.group_by("period_start").agg(
        numerator=people.amount.cast("float64").sum(),
        denominator=people.count().cast("float64"),
    )
    return _fill(spans, sums, ratio=True)


def _cost(cal: Calendar, services: ir.Table, window: Window) -> ir.Table:
    """Per period: planned cost of services running in it, and the weeks in the period.

    Days are counted inclusively (a service from 1 to 7 March runs 7 days),
    as DHSC's cost step does; an open service runs to the window's end.
    """
    last_day = (window.end - _EPOCH).days
    t = services.filter(services.weekly_cost.notnull()).select(
        _first=day_number(services.start),
        _after=day_number(services.end).fill_null(last_day) + 1,
        _weekly=services.weekly_cost,
    )
    spans = cal.spans
    joined = spans.inner_join(t, [t._first < spans.after_day, t._after > spans.first_day])
    days = ibis.least(joined._after, joined.after_day) - ibis.greatest(
        joined._first, joined.first_day
    )
    costs = joined.group_by("period_start").agg(
        numerator=(joined._weekly * days.cast("float64") / 7.0).sum()
    )
    full = spans.left_join(costs, spans.period_start == costs.period_start)
    return full.select(
        period_start=spans.period_start,
        numerator=full.numerator.fill_null(0.0),
        denominator=(spans.after_day - spans.first_day).cast("float64") / 7.0,
    )


def measure_series(
    cal: Calendar,
    events: ir.Table,
    episodes_table: ir.Table,
    all_requests: ir.Table,
    demand: ir.Table,
    window: Window,
    repeat_days: int,
) -> dict[Measure, ir.Table]:
    """Every measure for every period: ``period_start``, ``numerator``, ``denominator``.

    The denominator is empty for counts. Each measure is its own query
    (SQLite cannot parse all of them nested in one); ``series_table`` joins
    the results.

    ``events`` is the whole usable journal (look-backs and running services
    need what came before the window); ``demand`` the front door in the window.
    """
    kind = events.kind
    contacts = events.filter(kind == Kind.CONTACT.value)
    requests_in = in_window(all_requests, window)
    assessments = events.filter(kind == Kind.ASSESSMENT.value)
    placements = events.filter(is_placement(events))
    home_care = events.filter(is_home_care(events))
    classified = demand.filter(demand.demand != DemandType.UNKNOWN.value)

    parts = {
        Measure.END_TO_END: _per_period(
            cal,
            episodes_table,
            day_number(episodes_table.end),
            episodes_table.end_to_end_days,
            ibis.literal(1),
        ),
        Measure.REPEAT_SHARE: _per_period(
            cal,
            requests_in,
            day_number(requests_in.start),
            flag(is_repeat(requests_in, repeat_days)),
            ibis.literal(1),
        ),
        Measure.FAILURE_SHARE: _per_period(
            cal,
            classified,
            day_number(classified.start),
            flag(classified.demand == DemandType.FAILURE.value),
            ibis.literal(1),
        ),
        Measure.CONTACTS: _per_period(
            cal, contacts, day_number(contacts.start), ibis.literal(1), None
        ),
        Measure.REQUESTS: _per_period(
            cal, requests_in, day_number(requests_in.start), ibis.literal(1), None
        ),
        Measure.ASSESSMENTS: _per_period(
            cal,
            assessments,
            day_number(assessments.end.fill_null(assessments.start)),
            ibis.literal(1),
            None,
        ),
        Measure.NEW_PLACEMENTS: _per_period(
            cal, placements, day_number(placements.start), ibis.literal(1), None
        ),
        Measure.PEOPLE_IN_PLACEMENT: _census(cal, placements, None),
        Measure.CARE_HOURS: _census(cal, home_care, home_care.hours_per_week),
        Measure.WEEKLY_COST: _cost(cal, events.filter(events.kind == Kind.SERVICE.value), window),
    }
    return parts


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
