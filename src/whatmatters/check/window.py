"""The window the check looks at: first and last day, included.

A journal holds more than the stretch its records describe: long-term
services started years before the council's records begin (a placement from
1999 in a journal whose contacts start in 2022), and now and then a stray
old or mistyped date. So by default the window does not start at the
journal's first event but where the **front door** (contacts and requests)
is recorded steadily: at the first contact or request of the first month
holding at least a quarter of a typical month's (the median over months with
any). It ends at the journal's last event. Records that begin or end within
``GRACE_DAYS`` of a month's edge (a weekend, a bank holiday) are taken to
cover that whole month. A journal with no contacts or
requests (an event log) is looked at from its first event to its last, as
process-mining tools do.

Events that start before the window are outside it, but a service that is
still running counts where a measure needs it: people in care, care hours
and cost on the capability charts, and whether a person making a request is
already in long-term support.

Whatever the window, capability charts cover only its **recorded** part
(``Window.charted``): the days of steady front-door records (of steady
records of any kind when there are no contacts or requests), so months
before the records begin are not charted as zeros. Measures that look back
(repeat requests) can only be judged once their look-back lies inside the
records (``Window.look_back_complete``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import statistics
from dataclasses import dataclass, replace
from enum import StrEnum

import ibis
import ibis.expr.types as ir

from whatmatters.check.errors import CheckError
from whatmatters.check.expressions import count_where
from whatmatters.journal.schema import Kind

FRONT_DOOR = (Kind.CONTACT.value, Kind.REQUEST.value)
"""The kinds of record that say demand came in: the front door."""

GRACE_DAYS = 3
"""Records that begin within this many days of a month's first day, or end within this
many of its last (a weekend, a bank holiday), cover the whole month: so a return whose
last request starts on 30 March still has March charted."""

STEADY_SHARE = 0.25
"""A month is recorded steadily when it holds at least this share of a typical month's
records (a quarter, so a month whose records begin on the 20th still counts, while a
trickle of old open requests does not)."""


class WindowBasis(StrEnum):
    """How the window's start was chosen, so the report can say it."""

    GIVEN = "given"  # --from
    REPORTING_PERIODS = "reporting periods"  # the periods CLD returns state
    FRONT_DOOR = "front door"  # the first steady month of contacts and requests
    ALL_EVENTS = "all events"  # no contacts or requests: the first event


@dataclass(frozen=True)
class Window:
    """The dates the check looks at, first and last day included.

    ``recorded_from`` and ``recorded_to`` are the first and last days of
    steady front-door records (of steady records of any kind in a journal
    with no contacts or requests); unknown (None) for a window made by hand,
    which is then taken as recorded throughout. ``earlier`` and ``later``
    count the usable events that start before and after the window.
    """

    start: dt.date
    end: dt.date
    recorded_from: dt.date | None = None
    recorded_to: dt.date | None = None
    basis: WindowBasis = WindowBasis.GIVEN
    earlier: int = 0
    later: int = 0

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

    @property
    def charted(self) -> Window:
        """The part of the window with steady records: what capability charts cover.

        It may be empty (start after end) when the window lies wholly outside
        the records.
        """
        start = max(self.start, self.recorded_from or self.start)
        end = min(self.end, self.recorded_to or self.end)
        return replace(self, start=start, end=end)

    def look_back_complete(self, days: int) -> dt.date:
        """The first day whose look-back of ``days`` days lies wholly inside the records.

        Before it, a look-back (is this request a repeat?) reaches back to
        days with no records and would undercount.
        """
        if self.recorded_from is None:
            return self.start
        return max(self.start, self.recorded_from + dt.timedelta(days=days))


@dataclass(frozen=True)
class _Month:
    """One calendar month's records: how many, the first and last day."""

    records: int
    first: dt.date
    last: dt.date


def window_of(events: ir.Table, start: dt.date | None, end: dt.date | None) -> Window:
    """The window: the given dates, or else as this module's docstring says.

    ``events`` are the usable journal rows (a person and a start).
    """
    start_given = start is not None
    bounds = events.agg(first=events.start.min(), last=events.start.max()).to_pyarrow()
    first, last = bounds["first"][0].as_py(), bounds["last"][0].as_py()
    if first is None:
        if start is None or end is None:
            raise CheckError("the journal has no events with a person and a start")
        # Nothing recorded yet (a new casework database): the given dates, empty.
        return _checked(Window(start, end))
    stated = reporting_periods(events)
    if stated is not None:
        recorded_from, recorded_to = stated
        basis = WindowBasis.REPORTING_PERIODS
        start, end = start or recorded_from, end or recorded_to
    else:
        front_door = _steady(_months(events.filter(events.kind.isin(FRONT_DOOR))))
        steady = front_door or _steady(_months(events))
        recorded_from = _from_month_start(steady[0].first)
        recorded_to = _to_month_end(steady[-1].last)
        basis = WindowBasis.FRONT_DOOR if front_door else WindowBasis.ALL_EVENTS
        start = start or (recorded_from if front_door else first.date())
        end = end or max(last.date(), recorded_to)
    if start_given:
        basis = WindowBasis.GIVEN
    window = _checked(Window(start, end, recorded_from, recorded_to, basis))
    outside = events.agg(
        earlier=count_where(events.start < ibis.timestamp(window.start_ts)),
        later=count_where(events.start >= ibis.timestamp(window.end_ts)),
    ).to_pyarrow()
    return replace(window, earlier=outside["earlier"][0].as_py(), later=outside["later"][0].as_py())


def reporting_periods(events: ir.Table) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the reporting periods the rows state (CLD returns), if any.

    From the earliest ``reporting_period_start`` to the latest
    ``reporting_period_end``; None when the journal states none (casework,
    event logs, the synthetic council's journal) or they make no sense.
    """
    if not {"reporting_period_start", "reporting_period_end"} <= set(events.columns):
        return None
    row = (
        events.agg(
            first=events.reporting_period_start.min(), last=events.reporting_period_end.max()
        )
        .to_pyarrow()
        .to_pylist()[0]
    )
    first, last = _as_date(row["first"]), _as_date(row["last"])
    if first is None or last is None:
        return None
    return (first, last) if first <= last else None


def _as_date(value: object) -> dt.date | None:
    """A date from what a backend returns (a date, a timestamp, or ISO text in SQLite)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _from_month_start(day: dt.date) -> dt.date:
    """``day``, or its month's first day when it is within ``GRACE_DAYS`` of it."""
    first = day.replace(day=1)
    return first if (day - first).days < GRACE_DAYS else day


def _to_month_end(day: dt.date) -> dt.date:
    """``day``, or its month's last day when it is within ``GRACE_DAYS`` of it."""
    last = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return last if (last - day).days < GRACE_DAYS else day


def _checked(window: Window) -> Window:
    if window.start > window.end:
        raise CheckError(f"the window starts ({window.start}) after it ends ({window.end})")
    return window


def _months(events: ir.Table) -> list[_Month]:
    """Each calendar month with records, in order (one small query)."""
    t = events.mutate(year=events.start.year(), month=events.start.month())
    rows = (
        t.group_by(["year", "month"])
        .agg(n=t.count(), first=t.start.min(), last=t.start.max())
        .to_pyarrow()
        .to_pylist()
    )
    rows.sort(key=lambda r: (r["year"], r["month"]))
    return [_Month(r["n"], r["first"].date(), r["last"].date()) for r in rows]


def _steady(months: list[_Month]) -> list[_Month]:
    """The months from the first to the last holding a steady flow of records."""
    if not months:
        return []
    typical = statistics.median(m.records for m in months)
    flowing = [k for k, m in enumerate(months) if m.records >= STEADY_SHARE * typical]
    return months[flowing[0] : flowing[-1] + 1]


def in_window(events: ir.Table, window: Window) -> ir.Table:
    """Events that start inside the window."""
    return events.filter(
        (events.start >= ibis.timestamp(window.start_ts))
        & (events.start < ibis.timestamp(window.end_ts))
    )
