"""NHS numbers and postcodes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.journal.cld.factory import F, problems, row


@pytest.mark.parametrize("text", ["9990000018", "999 000 0018"])
def test_valid_nhs_numbers_pass(tmp_path: Path, text: str) -> None:
    assert (
        problems(tmp_path, [row("request", {F.NHS_NUMBER: text})], "nhs_number_invalid").height == 0
    )


@pytest.mark.parametrize("text", ["9990000017", "12345", "999000001X"])
def test_invalid_nhs_numbers_are_warnings(tmp_path: Path, text: str) -> None:
    found = problems(tmp_path, [row("request", {F.NHS_NUMBER: text})], "nhs_number_invalid")
    assert found.select("value", "severity").rows() == [(text, "warning")]


def test_an_nhs_number_a_spreadsheet_rounded_is_explained(tmp_path: Path) -> None:
    found = problems(tmp_path, [row("request", {F.NHS_NUMBER: "9.99E+09"})], "nhs_number_invalid")
    assert "spreadsheet turned into a rounded number" in found["message"][0]


def test_a_postcode_in_the_wrong_form_is_a_warning(tmp_path: Path) -> None:
    found = problems(tmp_path, [row("request", {F.POSTCODE: "Not known"})], "postcode_invalid")
    assert found.select("value", "severity").rows() == [("Not known", "warning")]
    assert (
        problems(tmp_path, [row("request", {F.POSTCODE: "xx11aa"})], "postcode_invalid").height == 0
    )
