"""Timestamps from event logs, as the journal stores them: UTC without time zone."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from whatmatters.journal.eventlog.values import has_other_digits


class OutOfRange(ValueError):
    """A timestamp that, in UTC, falls outside years 1 to 9999 (no calendar holds it)."""


class OtherDigits(ValueError):
    """A timestamp written with digits other than 0-9 (full-width, Arabic-Indic …)."""


# UK spreadsheets write day first: 30/12/2010, 30/12/2010 14:32, 30/12/2010 14:32:05.
_DAY_FIRST = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?",
    re.ASCII,  # 0-9 only: \d would also take full-width and Arabic-Indic digits
)


def parse_timestamp(text: str) -> datetime:
    """Read ``text`` as a timestamp and return it in UTC without a time zone.

    Accepts ISO 8601 (XES ``xs:dateTime``: ``2010-12-30T14:32:00.000+01:00``,
    ``…Z``, a space for ``T``, or a date alone) and day-first
    ``dd/mm/yyyy[ hh:mm[:ss]]``. A value with an offset is converted to UTC; one
    without is taken to be UTC already. Raises ``ValueError`` otherwise:
    ``OtherDigits`` for digits other than 0-9, ``OutOfRange`` for a moment that
    in UTC is before year 1 or after year 9999.
    """
    text = text.strip()
    if has_other_digits(text):
        raise OtherDigits(text)
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        value = _day_first(text)
    return to_utc(value)


def to_utc(value: datetime | date) -> datetime:
    """A datetime (or date, at midnight) in UTC without a time zone.

    Raises ``OutOfRange`` when the offset moves it past the calendar's ends
    (``0001-01-01T00:00:00+01:00`` is in year 0 in UTC).
    """
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    if value.tzinfo is not None:
        try:
            return value.astimezone(UTC).replace(tzinfo=None)
        except OverflowError:
            raise OutOfRange(value.isoformat()) from None
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
