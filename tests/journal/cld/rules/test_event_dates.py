"""Event dates: in order, and inside the reporting period."""

from __future__ import annotations

from pathlib import Path

from tests.journal.cld.factory import F, check, problems, row


def test_an_event_ending_before_it_starts_is_an_error(tmp_path: Path) -> None:
    validation = check(tmp_path, [row("request", {F.EVENT_END_DATE: "30/04/2024"})])
    found = validation.problems.filter(rule="end_before_start")
    assert found.select("field", "severity").rows() == [("Event End Date", "error")]
    assert found["message"][0] == "the event ends on 30/04/2024, before it starts on 01/05/2024"
    assert validation.rows_kept == 0


def test_a_reversed_reporting_period_is_an_error(tmp_path: Path) -> None:
    rows = [row("request", {F.REPORTING_PERIOD_END_DATE: "31/03/2024"})]
    found = problems(tmp_path, rows, "period_reversed")
    assert found.select("field", "severity").rows() == [("Reporting Period End Date", "error")]


def test_events_outside_the_period_are_warnings(tmp_path: Path) -> None:
    rows = [
        row("request", {F.EVENT_START_DATE: "01/02/2024", F.EVENT_END_DATE: "03/03/2024"}),
        row("request", {F.EVENT_START_DATE: "01/05/2025", F.EVENT_END_DATE: "02/05/2025"}),
        row("service", {F.EVENT_START_DATE: "01/01/2024", F.EVENT_END_DATE: "01/02/2024"}),
        row("service", {F.EVENT_START_DATE: "01/01/2024"}),  # open: still active in the period
        row("request", {F.EVENT_START_DATE: "01/02/2024", F.EVENT_END_DATE: "03/04/2024"}),
    ]
    found = problems(tmp_path, rows, "event_outside_period")
    assert found.select("row", "field", "severity").rows() == [
        (2, "Event End Date", "warning"),
        (3, "Event Start Date", "warning"),
        (4, "Event End Date", "warning"),
    ]
    assert "outside the reporting period 01/04/2024 to 31/03/2025" in found["message"][0]
