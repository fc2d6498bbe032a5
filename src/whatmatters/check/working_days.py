"""Working days in Wales: weekdays that are not bank holidays.

A measure counting "within seven working days" joins each event's first and
last day to a small table of running counts of working days (uploaded to the
backend like the period calendar), so the count is a subtraction on every
backend. Bank holidays come from the ``holidays`` library's calendar for
Wales, which includes one-off days (the 2023 Coronation).
"""

from __future__ import annotations

import datetime as dt
import uuid
from functools import cache

import ibis.expr.types as ir
import pyarrow as pa

from whatmatters.check.backends import upload

_EPOCH = dt.date(1970, 1, 1)
MARGIN = dt.timedelta(days=366)  # events begin before, and end after, the periods charted


def working_day_counts(con: object, first: dt.date, last: dt.date) -> ir.Table:
    """``day`` (days since 1970) and ``worked``: working days from ``first`` up to that day.

    Working days after day a up to and including day b are ``worked(b) - worked(a)``:
    an event begun on a non-working day starts counting on the next working day.
    """
    days, worked = _counts(first - MARGIN, last + MARGIN)
    name = f"whatmatters_working_days_{uuid.uuid4().hex[:10]}"
    table = pa.table({"day": pa.array(days, pa.int64()), "worked": pa.array(worked, pa.int64())})
    return upload(con, name, table, temp=True)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days in Wales after ``start`` up to and including ``end``."""
    worked = _counts(start, end)[1]
    return worked[-1] - worked[0]


@cache
def _counts(first: dt.date, last: dt.date) -> tuple[list[int], list[int]]:
    import holidays  # here: only a Welsh journal needs it

    bank = holidays.country_holidays("GB", subdiv="WLS", years=range(first.year, last.year + 1))
    days, worked, n = [], [], 0
    day = first
    while day <= last:
        if day.weekday() < 5 and day not in bank:
            n += 1
        days.append((day - _EPOCH).days)
        worked.append(n)
        day += dt.timedelta(days=1)
    return days, worked
