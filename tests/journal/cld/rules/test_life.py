"""Birth and death: consistent with each other, the events and the person's other rows."""

from __future__ import annotations

from pathlib import Path

from tests.journal.cld.factory import F, check, problems, row


def test_death_before_birth_is_an_error(tmp_path: Path) -> None:
    found = problems(
        tmp_path, [row("request", {F.DATE_OF_DEATH: "01/01/1940"})], "death_before_birth"
    )
    assert found.select("field", "severity").rows() == [("Date of Death", "error")]


def test_birth_after_the_event_is_an_error(tmp_path: Path) -> None:
    found = problems(
        tmp_path, [row("request", {F.DATE_OF_BIRTH: "01/06/2024"})], "birth_after_event"
    )
    assert found.select("field", "severity").rows() == [("Date of Birth", "error")]


def test_death_before_the_event_is_an_error(tmp_path: Path) -> None:
    found = problems(
        tmp_path, [row("request", {F.DATE_OF_DEATH: "30/04/2024"})], "death_before_event"
    )
    assert found.select("field", "severity").rows() == [("Date of Death", "error")]


def test_an_event_running_past_the_death_is_a_warning(tmp_path: Path) -> None:
    rows = [
        row("service", {F.DATE_OF_DEATH: "01/07/2024"}),  # open
        row("service", {F.DATE_OF_DEATH: "01/07/2024", F.EVENT_END_DATE: "01/08/2024"}),
        row("service", {F.DATE_OF_DEATH: "01/07/2024", F.EVENT_END_DATE: "01/07/2024"}),
    ]
    validation = check(tmp_path, rows)
    found = validation.problems.filter(rule="death_during_event")
    assert found.select("row", "field", "severity").rows() == [
        (2, "Event End Date", "warning"),
        (3, "Event End Date", "warning"),
    ]
    assert "still open but the person died on 01/07/2024" in found["message"][0]
    assert validation.rows_kept == 3 - validation.duplicates


def test_one_person_with_two_dates_of_birth_is_a_warning_on_each_row(tmp_path: Path) -> None:
    rows = [row("request"), row("assessment", {F.DATE_OF_BIRTH: "02/02/1950"}), row("review")]
    found = problems(tmp_path, rows, "person_details_differ")
    assert found.select("row", "field").rows() == [
        (2, "Date of Birth"),
        (3, "Date of Birth"),
        (4, "Date of Birth"),
    ]


def test_a_death_recorded_on_some_rows_only_is_not_a_difference(tmp_path: Path) -> None:
    rows = [row("request"), row("review", {F.DATE_OF_DEATH: "01/12/2024"})]
    assert problems(tmp_path, rows, "person_details_differ").height == 0
