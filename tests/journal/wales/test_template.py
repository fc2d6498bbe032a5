"""The Welsh template: every event type reaches the journal; every bad value is named."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from whatmatters.journal import read_journal
from whatmatters.journal.wales.importer import import_checked
from whatmatters.journal.wales.template import HEADERS
from whatmatters.journal.wales.validate import validate_wales


def write(path: Path, rows: list[dict[str, str]], headers: tuple[str, ...] = HEADERS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=headers)
        writer.writeheader()
        writer.writerows(rows)
    return path


def event(kind: str, date: str = "01/04/2024", **fields: str) -> dict[str, str]:
    return {
        "LA Code": "W06000015",
        "Person ID": "P1",
        "Event Type": kind,
        "Event Date": date,
        **{k.replace("_", " "): v for k, v in fields.items()},
    }


GOOD = [
    event("iaa_contact", **{"Advice_Given": "Yes", "Language": "cy", "Active_Offer_Made": "ie"}),
    event(
        "what_matters_conversation",
        "2024-04-03",
        **{"What_Matters": "  Mynd i'r capel ar y Sul  ", "Language": "CY"},
        **{"Active_Offer_Made": "Yes"},
    ),
    event("assessment", "10/04/2024", **{"Eligibility_Outcome": "Met through plan"}),
    event("plan_start", "20/04/2024"),
    event("review", "20/07/2024", **{"Review_Decision": "revise"}),
    event(
        "reablement", "01/05/2024", **{"End_Date": "10/06/2024", "Reablement_Outcome": "reduced"}
    ),
    event("safeguarding_report", "02/05/2024"),
    event("safeguarding_enquiry", "02/05/2024", **{"End_Date": "09/05/2024"}),
    event(
        "plan_closure",
        "01/10/2024",
        **{"Closure_Reason": "outcomes met", "Outcomes_Achieved": "fully"},
    ),
]


def test_each_event_type_becomes_its_journal_row(tmp_path: Path) -> None:
    checked = validate_wales([write(tmp_path / "wales.csv", GOOD)])
    assert checked.ok and checked.warnings == 0, checked.problems
    result = import_checked(checked, tmp_path / "j")
    rows = read_journal(result.journal).to_pylist()
    by_activity = {r["activity"]: r for r in rows}
    assert [r["kind"] for r in rows] == [
        "contact",
        "conversation",
        "assessment",
        "plan",
        "review",
        "service",
        "safeguarding",
        "safeguarding",
        "closure",
    ]
    contact = by_activity["Information, advice and assistance"]
    assert contact["advice_and_assistance"] is True
    assert (contact["conversation_language"], contact["active_offer_made"]) == ("cy", True)
    talk = by_activity["What matters conversation"]
    assert talk["words"] == "  Mynd i'r capel ar y Sul  "  # verbatim, spaces and all
    assert talk["start"] == dt.datetime(2024, 4, 3)
    assert by_activity["Assessment"]["eligibility_outcome_wales"] == "met_through_plan"
    assert by_activity["Review"]["review_decision"] == "revise"
    reablement = by_activity["Reablement"]
    assert reablement["service_component"] == "Reablement"
    assert (reablement["end"], reablement["reablement_outcome"]) == (
        dt.datetime(2024, 6, 10),
        "reduced",
    )
    enquiry = by_activity["Safeguarding enquiry"]
    assert (enquiry["safeguarding_stage"], enquiry["end"]) == ("enquiry", dt.datetime(2024, 5, 9))
    closure = by_activity["Care and support plan closed"]
    assert (closure["reason"], closure["closure_outcomes_achieved"]) == ("outcomes met", "fully")
    assert [r["source_row"] for r in rows] == list(range(2, 11))
    assert {r["council"] for r in rows} == {"W06000015"}


BAD = [
    (event("assessment"), "Eligibility Outcome", None, "required_for_event"),
    (event("review", **{"Review_Decision": "maybe"}), "Review Decision", "maybe", "code"),
    (event("plan_start", "31/02/2024"), "Event Date", "31/02/2024", "date"),
    (
        event("safeguarding_enquiry", "10/04/2024", **{"End_Date": "09/04/2024"}),
        "End Date",
        "09/04/2024",
        "date_order",
    ),
    (event("iaa_contact", **{"Advice_Given": "perhaps"}), "Advice Given", "perhaps", "yes_no"),
    (event("visit"), "Event Type", "visit", "code"),
    ({**event("plan_start"), "Person ID": ""}, "Person ID", None, "required"),
    (event("plan_closure"), "Closure Reason", None, "required_for_event"),
]


@pytest.mark.parametrize(("row", "field", "value", "rule"), BAD)
def test_a_bad_row_is_named_and_left_out(
    tmp_path: Path, row: dict[str, str], field: str, value: str | None, rule: str
) -> None:
    checked = validate_wales([write(tmp_path / "w.csv", [GOOD[0], row])])
    errors = checked.problems.filter(severity="error").to_dicts()
    assert [(p["file"], p["row"], p["field"], p["value"], p["rule"]) for p in errors] == [
        ("w.csv", 3, field, value, rule)
    ]
    assert errors[0]["message"]
    assert len(checked.rows) == 1 and checked.rows_with_errors == 1


def test_warnings_keep_the_row_but_drop_a_misplaced_field(tmp_path: Path) -> None:
    rows = [
        {**event("plan_closure", **{"Closure_Reason": "died", "Advice_Given": "Yes"})},
        {**event("iaa_contact", **{"Advice_Given": "No"}), "LA Code": "900"},
    ]
    checked = validate_wales([write(tmp_path / "w.csv", rows)])
    found = {(p["row"], p["field"], p["rule"]) for p in checked.problems.to_dicts()}
    assert found == {
        (2, "Outcomes Achieved", "expected_for_event"),
        (2, "Advice Given", "not_for_event"),
        (3, "Language", "expected_for_event"),
        (3, "Active Offer Made", "expected_for_event"),
        (3, "LA Code", "la_code"),
    }
    assert checked.errors == 0 and len(checked.rows) == 2
    assert "advice_and_assistance" not in checked.rows[0]


def test_strict_writes_nothing_when_a_row_has_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "w.csv", [GOOD[0], event("assessment")])
    result = import_checked(validate_wales([path]), tmp_path / "j", strict=True)
    assert result.refused and "--strict" in result.refused
    assert not (tmp_path / "j").exists()
    lenient = import_checked(validate_wales([path]), tmp_path / "j")
    assert lenient.rows_written == 1


def test_a_file_missing_a_required_column_is_refused_and_nothing_written(tmp_path: Path) -> None:
    headers = tuple(h for h in HEADERS if h != "Event Date")
    good = {k: v for k, v in GOOD[3].items() if k != "Event Date"}
    path = write(tmp_path / "w.csv", [good], headers)
    ok = write(tmp_path / "ok.csv", GOOD)
    checked = validate_wales([ok, path])
    assert [(p["file"], p["field"], p["rule"]) for p in checked.problems.to_dicts()] == [
        ("w.csv", "Event Date", "missing_column")
    ]
    result = import_checked(checked, tmp_path / "j")
    assert result.journal is None and "could not be read" in result.refused
    assert not (tmp_path / "j").exists()


def test_duplicate_event_ids_across_files_are_errors(tmp_path: Path) -> None:
    a = write(tmp_path / "a.csv", [{**GOOD[3], "Event ID": "E1"}])
    b = write(tmp_path / "b.csv", [{**GOOD[4], "Event ID": "E1"}])
    problems = validate_wales([a, b]).problems.to_dicts()
    assert [(p["file"], p["row"], p["rule"]) for p in problems] == [
        ("b.csv", 2, "duplicate_event_id")
    ]
    assert "a.csv row 2" in problems[0]["message"]


def test_an_excel_workbook_reads_like_the_csv(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["notes"])  # a first sheet of notes is passed over
    sheet = book.create_sheet("events")
    sheet.append(list(HEADERS))
    sheet.append(
        [dt.datetime(2024, 4, 10) if h == "Event Date" else GOOD[2].get(h) for h in HEADERS]
    )
    book.save(tmp_path / "w.xlsx")
    checked = validate_wales([tmp_path / "w.xlsx"])
    assert checked.ok, checked.problems
    [row] = checked.rows
    assert (row["start"], row["eligibility_outcome_wales"]) == (
        dt.datetime(2024, 4, 10),
        "met_through_plan",
    )
