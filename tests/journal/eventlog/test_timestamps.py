"""Timestamps in any form event logs write them end up UTC without a time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from whatmatters.journal.eventlog.timestamps import parse_timestamp, to_utc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2010-12-30T14:32:00.000+01:00", datetime(2010, 12, 30, 13, 32)),  # XES, offset
        ("2006-01-11T15:49:42+01:00", datetime(2006, 1, 11, 14, 49, 42)),
        ("2024-03-31T01:30:00-05:30", datetime(2024, 3, 31, 7, 0)),  # crosses a day
        ("2015-01-05 09:02:50+00:00", datetime(2015, 1, 5, 9, 2, 50)),  # pm4py CSV
        ("2024-03-01T09:00:00Z", datetime(2024, 3, 1, 9)),
        ("2024-03-01T09:00:00.123456Z", datetime(2024, 3, 1, 9, 0, 0, 123456)),
        ("2024-03-01 09:00", datetime(2024, 3, 1, 9)),  # no offset: taken as UTC
        ("2024-03-01", datetime(2024, 3, 1)),  # a date: midnight
        (" 2024-03-01 ", datetime(2024, 3, 1)),
        ("01/03/2024", datetime(2024, 3, 1)),  # day first, as UK spreadsheets
        ("1/3/2024 9:05", datetime(2024, 3, 1, 9, 5)),
        ("01/03/2024 09:05:07", datetime(2024, 3, 1, 9, 5, 7)),
    ],
)
def test_parses_to_naive_utc(text: str, expected: datetime) -> None:
    value = parse_timestamp(text)
    assert value == expected and value.tzinfo is None


@pytest.mark.parametrize(
    "text", ["", "yesterday", "2024-13-01", "31/02/2024", "2024-03-01T25:00", "03/01/24"]
)
def test_refuses_what_is_not_a_timestamp(text: str) -> None:
    with pytest.raises(ValueError):
        parse_timestamp(text)


def test_typed_values_from_parquet() -> None:
    plus_two = timezone(timedelta(hours=2))
    assert to_utc(datetime(2024, 6, 1, 12, tzinfo=plus_two)) == datetime(2024, 6, 1, 10)
    assert to_utc(datetime(2024, 6, 1, 12, tzinfo=UTC)) == datetime(2024, 6, 1, 12)
    assert to_utc(datetime(2024, 6, 1, 12)) == datetime(2024, 6, 1, 12)
    assert to_utc(date(2024, 6, 1)) == datetime(2024, 6, 1)
