"""Numbers: plain decimals; counts are whole numbers; two decimal places."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.journal.cld.factory import F, check, problems, row


@pytest.mark.parametrize("text", ["£20.00", "1,200.00", "twenty", "2e3", "NaN"])
def test_text_that_is_not_a_plain_number_is_an_error(tmp_path: Path, text: str) -> None:
    found = problems(tmp_path, [row("service", {F.UNIT_COST: text})], "number_invalid")
    assert found.select("field", "value", "severity").rows() == [("Unit Cost", text, "error")]


def test_a_count_must_be_whole(tmp_path: Path) -> None:
    carer = row("request", {F.CLIENT_TYPE: "Unpaid carer", F.NO_OF_ADULTS_CARED_FOR: "1.5"})
    found = problems(tmp_path, [carer], "number_invalid")
    assert "whole number" in found["message"][0]


def test_more_than_two_decimal_places_is_a_warning(tmp_path: Path) -> None:
    validation = check(tmp_path, [row("service", {F.UNIT_COST: "20.125"})])
    found = validation.problems.filter(rule="number_precision")
    assert found.select("value", "severity").rows() == [("20.125", "warning")]
    assert validation.rows_kept == 1


def test_trailing_zeros_are_not_extra_places(tmp_path: Path) -> None:
    assert check(tmp_path, [row("service", {F.UNIT_COST: "20.5000"})]).problems.height == 0
