"""Dates: ISO or day first; ambiguous, impossible and implausible dates are errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.journal.cld.factory import F, check, problems, row


@pytest.mark.parametrize(
    "text", ["01/05/2024", "1/5/2024", "2024-05-01", "01.05.2024", "01-05-2024"]
)
def test_iso_and_day_first_dates_are_read(tmp_path: Path, text: str) -> None:
    validation = check(tmp_path, [row("request", {F.EVENT_START_DATE: text})])
    assert validation.problems.height == 0


def test_a_midnight_time_is_accepted(tmp_path: Path) -> None:
    rows = [row("request", {F.EVENT_START_DATE: "2024-05-01 00:00:00"})]
    assert check(tmp_path, rows).problems.height == 0


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("soon", "date_unreadable"),
        ("01/05/2024 13:45", "date_unreadable"),
        ("45413", "date_unreadable"),  # a serial number is only a date in a workbook
        ("01/05/24", "date_ambiguous"),
        ("31/02/2024", "date_impossible"),
        ("2024-13-01", "date_impossible"),
        ("05/25/2024", "date_impossible"),
        ("01/05/1890", "date_out_of_range"),
        ("01/05/2124", "date_out_of_range"),
    ],
)
def test_bad_dates_are_errors_naming_the_value(tmp_path: Path, text: str, rule: str) -> None:
    found = problems(tmp_path, [row("request", {F.EVENT_START_DATE: text})], rule)
    assert found.select("row", "field", "value", "severity").rows() == [
        (2, "Event Start Date", text, "error")
    ]


def test_a_month_first_date_says_so(tmp_path: Path) -> None:
    found = problems(tmp_path, [row("request", {F.DATE_OF_BIRTH: "12/25/1950"})], "date_impossible")
    assert "looks month-first" in found["message"][0]
