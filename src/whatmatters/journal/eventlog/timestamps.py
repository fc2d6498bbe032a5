"""Timestamps from event logs, as the journal stores them: UTC without time zone."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

# UK spreadsheets write day first: 30/12/2010, 30/12/2010 14:32, 30/12/2010 14:32:05.
_DAY_FIRST = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?"
)


def parse_timestamp(text: str) -> datetime:
    """Read ``text`` as a timestamp and return it in UTC without a time zone.

    Accepts ISO 8601 (XES ``xs:dateTime``: ``2010-12-30T14:32:00.000+01:00``,
    ``…Z``, a space for ``T``, or a date alone) and day-first
    ``dd/mm/yyyy[ hh:mm[:ss]]``. A value with an offset is converted to UTC; one
    without is taken to be UTC already. Raises ``ValueError`` otherwise.
    """
    text = text.strip()
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        value = _day_first(text)
    return to_utc(value)


def to_utc(value: datetime | date) -> datetime:
    """A datetime (or date, at midnight) in UTC without a time zone."""
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    if value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _day_first(text: str) -> datetime:
    match = _DAY_FIRST.fullmatch(text)
    if match is None:
        raise ValueError(f"not a timestamp: {text!r}")
    day, month, year, hour, minute, second, fraction = match.groups()
    return datetime(
        int(year),
        int(month),
        int(day),
        int(hour or 0),
        int(minute or 0),
        int(second or 0),
        int((fraction or "0").ljust(6, "0")),
    )
