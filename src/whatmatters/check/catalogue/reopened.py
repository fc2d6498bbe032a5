"""Closed then re-opened: closures followed by a new request from the same person.

A case closed and opened again within weeks is work the system did twice:
the person's need was not met, or the case was closed to meet a target. Each
closure counts once, on the day it was made; it is re-opened when the same
person's next request starts within 28 (or 90) days after it.
"""

from __future__ import annotations

import datetime as dt

import ibis
import ibis.expr.types as ir

from whatmatters.check.catalogue.entry import Card, Combine, Inputs, Measure, MeasureInfo
from whatmatters.check.catalogue.front_door import NO_START
from whatmatters.check.catalogue.periods import per_period
from whatmatters.check.expressions import day_number, flag
from whatmatters.journal.schema import Kind

SOON = (28, 90)
"""The look-aheads, in days: within four weeks, and within a quarter."""


def closures_with_next_request(events: ir.Table) -> ir.Table:
    """Every closure, with ``closure_day`` and ``next_request_day`` (both days since 1970).

    ``next_request_day`` is the day of the same person's first request that
    starts after the closure (empty when none does): the one join that every
    re-opened look-ahead reads, whatever its length.
    """
    closures = events.filter(events.kind == Kind.CLOSURE.value)
    closures = closures.mutate(closure_day=day_number(closures.start))
    requests = events.filter(events.kind == Kind.REQUEST.value)
    requests = requests.select(
        _person=requests.person_id, _start=requests.start, _day=day_number(requests.start)
    )
    joined = closures.inner_join(
        requests,
        [closures.person_id == requests._person, requests._start > closures.start],
    )
    nearest = joined.group_by(_id=joined.event_id).agg(_next=joined._day.min())
    marked = closures.left_join(nearest, closures.event_id == nearest._id)
    return marked.select(*closures.columns, next_request_day=marked._next)


def cutoff_day(last_day: dt.date, days: int) -> int:
    """The last closure day whose ``days``-day look-ahead ends by ``last_day``."""
    return (last_day - dt.date(1970, 1, 1)).days - days


def came_back_within(closures: ir.Table, days: int) -> ir.BooleanValue:
    """Whether a closure's next request came within ``days`` days of it (unknown when none came)."""
    return closures.next_request_day <= closures.closure_day + days


def reopened_closures(events: ir.Table, last_day: dt.date, days: int) -> ir.Table:
    """Closures made at least ``days`` days before ``last_day``, each with ``reopened`` (0 or 1).

    Columns: those of ``closures_with_next_request`` and ``reopened``. Later
    closures are left out: their look-ahead runs past the records, so a
    return could not be seen.
    """
    closures = closures_with_next_request(events)
    closures = closures.filter(closures.closure_day <= cutoff_day(last_day, days))
    return closures.mutate(reopened=flag(came_back_within(closures, days)))


def _series(days: int):
    def series(i: Inputs) -> ir.Table:
        t = reopened_closures(i.events, i.window.end, days)
        return per_period(i.calendar, t, t.closure_day, t.reopened, ibis.literal(1))

    return series


def _card(days: int) -> Card:
    return Card(
        f"Closures followed by a new request from the same person within {days} days, over "
        "all closures in the period.",
        numerator=f"Rows of kind closure in the period whose person's next request starts "
        f"after the closure and no more than {days} days after its day.",
        denominator=f"Rows of kind closure in the period made at least {days} days before the "
        "window's end.",
        prerequisites="Closures and requests recorded with the person. A CLD return holds no "
        "closures: there the measure is not recorded.",
        unknowns=f"A closure in the last {days} days of the window is left out of both (a "
        "return could not yet be seen); a request before the closure, or on it but earlier "
        f"in the day, does not re-open it. {NO_START}",
    )


REOPENED_28, REOPENED_90 = (
    MeasureInfo(
        measure,
        f"Closed then re-opened within {days} days",
        "%",
        Combine.RATIO,
        Combine.RATIO,
        f"Closures followed by a new request within {days} days",
        _card(days),
        _series(days),
    )
    for measure, days in zip((Measure.REOPENED_28, Measure.REOPENED_90), SOON, strict=True)
)
