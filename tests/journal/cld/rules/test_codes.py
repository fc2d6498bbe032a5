"""Coded values: invalid, unlisted, normalised, Release 1 only, Release 1 in Release 2."""

from __future__ import annotations

from pathlib import Path

from tests.journal.cld.factory import F, check, problems, row
from whatmatters.journal.cld.release import Release


def test_a_value_not_on_a_complete_list_is_an_error(tmp_path: Path) -> None:
    validation = check(tmp_path, [row("service", {F.SERVICE_TYPE: "Long term: Community"})])
    found = validation.problems.filter(rule="code_invalid")
    assert found.select("field", "value", "severity").rows() == [
        ("Service Type", "Long term: Community", "error")
    ]
    assert validation.rows_kept == 0 and validation.rows_with_errors == 1


def test_a_mistyped_code_names_the_value_it_was_probably_meant_to_be(tmp_path: Path) -> None:
    rows = [
        row("request", {F.EVENT_TYPE: "Reqest"}),
        row("service", {F.SERVICE_TYPE: "Something else entirely"}),
    ]
    found = check(tmp_path, rows).problems.filter(rule="code_invalid")
    assert found.select("row", "message").rows() == [
        (2, "'Reqest' is not an Event Type value in Release 2; did you mean 'Request'?"),
        (3, "'Something else entirely' is not a Service Type value in Release 2"),
    ]


def test_a_value_not_on_an_incomplete_list_is_kept_with_a_warning(tmp_path: Path) -> None:
    validation = check(tmp_path, [row("request", {F.GENDER: "Non-binary"})])
    found = validation.problems.filter(rule="code_unlisted")
    assert found.select("field", "value", "severity").rows() == [
        ("Gender", "Non-binary", "warning")
    ]
    assert validation.rows_kept == 1


def test_case_and_spacing_are_normalised_and_named(tmp_path: Path) -> None:
    validation = check(tmp_path, [row("request", {F.EVENT_TYPE: "  request ", F.GENDER: "FEMALE"})])
    found = validation.problems.filter(rule="code_normalised").sort("field")
    assert found.select("field", "value", "severity").rows() == [
        ("Event Type", "  request ", "warning"),
        ("Gender", "FEMALE", "warning"),
    ]
    assert (
        found["message"][0]
        == "'  request ' read as 'Request' (case or spacing differs from the list)"
    )
    assert validation.mappings.filter(field="Gender").select("submitted", "stored").rows() == [
        ("FEMALE", "Female")
    ]


def test_a_release_1_value_in_a_release_2_file_is_mapped_with_a_warning(tmp_path: Path) -> None:
    rows = [row("service"), row("service", {F.SERVICE_TYPE: "Long Term Support: Community"})]
    validation = check(tmp_path, rows, release=Release.R2)
    found = validation.problems.filter(rule="code_release_1")
    assert found.select("row", "field", "severity").rows() == [(3, "Service Type", "warning")]
    assert "stored as Release 2 'Long term support: Community'" in found["message"][0]


def test_a_release_1_value_without_equivalent_is_kept_with_a_warning(tmp_path: Path) -> None:
    rows = [row("assessment", {F.EVENT_OUTCOME: "Progress to financial assessment"})]
    found = problems(tmp_path, rows, "code_r1_only", release=Release.R2)
    assert found.select("field", "severity").rows() == [("Event Outcome", "warning")]


def test_release_1_files_are_mapped_to_release_2_without_warnings(tmp_path: Path) -> None:
    rows = [row("service", {F.SERVICE_TYPE: "Long Term Support: Community"})]
    validation = check(tmp_path, rows, release=Release.R1)
    assert validation.problems.height == 0
    assert validation.mappings.select("field", "stored", "how", "rows").rows() == [
        ("Service Type", "Long term support: Community", "Release 1 → Release 2", 1)
    ]


def test_fields_without_a_public_list_accept_any_value(tmp_path: Path) -> None:
    assert check(tmp_path, [row("request", {F.DEMENTIA: "Maybe"})]).problems.height == 0


def test_a_neutralised_coded_value_is_read_as_its_text(tmp_path: Path) -> None:
    # An export put an apostrophe before text a spreadsheet could run; it is removed on import.
    rows = [row("request", {F.GENDER: "'=Other"}), row("request", {F.GENDER: "'plain"})]
    found = check(tmp_path, rows).problems.filter(rule="code_unlisted")
    assert found.select("row", "value").rows() == [(2, "=Other"), (3, "'plain")]
