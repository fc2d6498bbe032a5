"""Several returns imported together: a service the next return leaves out has ended.

DHSC's joined tables (cld-algorithms.md §A7): for each council, every
reporting period but its latest is a "prior" period. A service a prior
return had open at its period's end (begun by then, with no end or an end
after it) that the
next return does not record again has ended, and DHSC sets its end to the
period's end. The import keeps the later return's copy of an event that both
record (``duplicates.py``: the later return wins), so a prior return's row
still open at its period's end, once duplicates are left out, is exactly one
the next return left out. Its end becomes that period's end; the row, its
outcome and everything else stay as submitted. A single return, and each
council's latest return, are never changed.
"""

from __future__ import annotations

import polars as pl

from whatmatters.journal.cld.columns import value
from whatmatters.journal.cld.conditions import SERVICE
from whatmatters.journal.cld.fields import Field


def ended_by_a_later_return() -> pl.Expr:
    """True on a service row a later return of its council leaves out while it was open."""
    period_end = value(Field.REPORTING_PERIOD_END_DATE)
    latest = period_end.max().over(value(Field.LA_CODE))
    start, end = value(Field.EVENT_START_DATE), value(Field.EVENT_END_DATE)
    # open at the period's end: begun by then (a row dated after its own period is no
    # evidence either way, and its end must not come before its start), not ended by then
    open_at_period_end = (start <= period_end) & (end.is_null() | (end > period_end))
    return (SERVICE & (period_end < latest) & open_at_period_end).fill_null(False)


def end_at_period_end() -> pl.Expr:
    """The Event End Date the journal keeps: the period's end where §A7 ends a service."""
    return (
        pl.when(ended_by_a_later_return())
        .then(value(Field.REPORTING_PERIOD_END_DATE))
        .otherwise(value(Field.EVENT_END_DATE))
    )
