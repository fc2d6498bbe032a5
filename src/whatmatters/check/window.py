"""The window the check looks at: first and last day, included."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir

from whatmatters.check.errors import CheckError


@dataclass(frozen=True)
class Window:
    """The dates the check looks at, first and last day included."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def start_ts(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time())

    @property
    def end_ts(self) -> dt.datetime:
        """The first moment after the window."""
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time())


def window_of(events: ir.Table, start: dt.date | None, end: dt.date | None) -> Window:
    """The window: the given dates, or else the journal's first and last dates."""
    if start is None or end is None:
        bounds = events.agg(first=events.start.min(), last=events.start.max()).to_pyarrow()
        first, last = bounds["first"][0].as_py(), bounds["last"][0].as_py()
        if first is None:
            raise CheckError("the journal has no events with a person and a start")
        start = start or first.date()
        end = end or last.date()
    if start > end:
        raise CheckError(f"the window starts ({start}) after it ends ({end})")
    return Window(start, end)


def in_window(events: ir.Table, window: Window) -> ir.Table:
    """Events that start inside the window."""
    return events.filter(
        (events.start >= ibis.timestamp(window.start_ts))
        & (events.start < ibis.timestamp(window.end_ts))
    )
