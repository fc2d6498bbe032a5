"""Repeat demand: people coming back because what mattered was not achieved.

A request is a repeat within N days when the same person made another
request in the N days before it (N is a parameter: 28, 90 and 182 by
default). The look-back reaches before the window's start, so the first
requests in the window are not wrongly counted as new.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from whatmatters.check.expressions import count_where
from whatmatters.check.window import Window, in_window
from whatmatters.journal.schema import Kind


def requests(events: ir.Table) -> ir.Table:
    """Every request (whole journal) with ``days_since_previous`` of the same person's.

    Days are calendar days between the two requests' start dates; a
    person's first request has none.
    """
    t = events.filter(events.kind == Kind.REQUEST.value)
    order = ibis.window(
        group_by=t.person_id, order_by=[t.start, t.end.fill_null(t.start), t.source_row, t.event_id]
    )
    previous = t.start.lag().over(order)
    return t.mutate(days_since_previous=t.start.date().delta(previous.date(), unit="day"))


def is_repeat(t: ir.Table, days: int) -> ir.BooleanValue:
    """Whether a request had another from the same person within ``days`` before it."""
    return (t.days_since_previous <= days).fill_null(False)


def repeat_requests(all_requests: ir.Table, window: Window, windows: tuple[int, ...]) -> ir.Table:
    """Repeat requests within each look-back.

    Card — for each look-back N: numerator, requests in the window from a
    person who made another request in the N days before (``repeats``);
    denominator, all requests in the window (``requests``); ``share``.
    Prerequisites: rows of kind request with a person and a start. Unknowns:
    none; a request on the same day as another counts as a repeat within 0
    days.
    """
    t = in_window(all_requests, window)
    aggs = {"requests": t.count()}
    for days in windows:
        aggs[f"repeats_{days}"] = count_where(is_repeat(t, days))
    wide = t.agg(**aggs)
    rows = [
        wide.select(
            days=ibis.literal(days, "int64"),
            requests=wide.requests,
            repeats=wide[f"repeats_{days}"],
        )
        for days in windows
    ]
    long = ibis.union(*rows) if len(rows) > 1 else rows[0]
    return long.mutate(
        share=(long.requests > 0).ifelse(
            long.repeats.cast("float64") / long.requests, ibis.null("float64")
        )
    )
