"""The periods measures are counted in, and the joins every measure is built from.

The periods are small calendar tables put on the backend, and every
measure is a join of its items to them, so the same expressions run on every
backend and for any periods (the results table uses the same ones). Only
whole periods inside the window are used: a half month would look like a
fall in demand.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from whatmatters.check.backends import upload
from whatmatters.check.expressions import day_number
from whatmatters.check.params import Period
from whatmatters.check.window import Window

EPOCH = dt.date(1970, 1, 1)


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
            "first_day": pa.array([(s.start - EPOCH).days for s in spans], pa.int64()),
            "after_day": pa.array([(s.stop - EPOCH).days for s in spans], pa.int64()),
        }
    )
    days = [
        (d, s.start) for s in spans for d in range((s.start - EPOCH).days, (s.stop - EPOCH).days)
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


def per_period(
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
    return fill(cal.spans, sums, ratio=denominator is not None)


def counted(cal: Calendar, items: ir.Table, day: ir.IntegerValue) -> ir.Table:
    """How many ``items`` fall on a day of each period."""
    return per_period(cal, items, day, ibis.literal(1), None)


def fill(spans: ir.Table, sums: ir.Table, *, ratio: bool) -> ir.Table:
    """Every period, with 0 where nothing happened (a count of nothing is 0)."""
    full = spans.left_join(sums, spans.period_start == sums.period_start)
    return full.select(
        period_start=spans.period_start,
        numerator=full.numerator.fill_null(0.0),
        denominator=full.denominator.fill_null(0.0) if ratio else ibis.null("float64"),
    )


def census(cal: Calendar, services: ir.Table, amount: ir.NumericValue | None) -> ir.Table:
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
    last_day = spans.after_day - 1
    running = spans.inner_join(t, [t._first <= last_day, t._last.isnull() | (t._last >= last_day)])
    people = running.group_by(["period_start", "person_id"]).agg(amount=running._amount.sum())
    if amount is None:
        sums = people.group_by("period_start").agg(numerator=people.count().cast("float64"))
        return fill(spans, sums.mutate(denominator=ibis.null("float64")), ratio=False)
    sums = people.group_by("period_start").agg(
        numerator=people.amount.cast("float64").sum(),
        denominator=people.count().cast("float64"),
    )
    return fill(spans, sums, ratio=True)
