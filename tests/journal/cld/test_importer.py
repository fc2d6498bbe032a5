"""Importing CLD files into a journal."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import polars as pl
import pytest

from tests.journal.cld.factory import R2_FIELDS, F, journey, row, write_cld
from tests.journal.cld.r1 import as_release_1
from whatmatters.journal.cld.importer import import_cld
from whatmatters.journal.cld.sample.make_sample import SAMPLE
from whatmatters.journal.store import read_journal, write_journal


def _journal(path: Path) -> pl.DataFrame:
    frame = pl.from_arrow(read_journal(path))
    assert isinstance(frame, pl.DataFrame)
    return frame


def test_the_sample_imports_cleanly(tmp_path: Path) -> None:
    result = import_cld([SAMPLE], tmp_path / "j")
    assert result.ok and result.validation.problems.height == 0
    journal = _journal(tmp_path / "j")
    assert journal.height == result.rows_written == result.validation.rows_read
    assert journal["event_id"].n_unique() == journal.height
    assert set(journal["kind"]) == {"request", "assessment", "service", "review"}
    assert journal["council"].unique().to_list() == ["999"]


def test_a_row_becomes_a_journal_row(tmp_path: Path) -> None:
    path = write_cld(tmp_path / "x.csv", journey())
    import_cld([path], tmp_path / "j")
    service = _journal(tmp_path / "j").filter(kind="service").row(0, named=True)
    assert service["event_id"] == "x.csv:4" and service["source_row"] == 4
    assert service["person_id"] == "999_P1"
    assert service["activity"] == "Long term support: Community"
    assert service["start"].isoformat() == "2024-05-21T00:00:00" and service["end"] is None
    assert service["outcome"] == "Continuation of support or services"
    assert (service["unit_cost"], service["weekly_cost"], service["hours_per_week"]) == (
        20.0,
        200.0,
        10.0,
    )
    assert service["nhs_number"] == "9990000018"
    assert str(service["date_of_birth"]) == "1950-02-01"
    assert str(service["reporting_period_end"]) == "2025-03-31"


def test_activities_name_the_steps(tmp_path: Path) -> None:
    rows = [
        *journey(),
        row(
            "review",
            {
                F.REVIEW_REASON: "Unplanned - Other Reason",
                F.EVENT_START_DATE: "01/10/2024",
                F.EVENT_END_DATE: "01/10/2024",
            },
        ),
        row(
            "request",
            {
                F.CLIENT_TYPE: "Unpaid carer",
                F.EVENT_REFERENCE: "C1",
                **dict.fromkeys(
                    (
                        F.AUTISM_SPECTRUM_DISORDER,
                        F.VISUAL_IMPAIRMENT,
                        F.HEARING_IMPAIRMENT,
                        F.DEMENTIA,
                        F.CLIENT_FUNDING_STATUS,
                    )
                ),
            },
        ),
    ]
    import_cld([write_cld(tmp_path / "x.csv", rows)], tmp_path / "j")
    assert _journal(tmp_path / "j")["activity"].to_list() == [
        "Request",
        "Long term assessment",
        "Long term support: Community",
        "Planned review",
        "Unplanned review",
        "Carer: Request",
    ]


def test_errors_leave_rows_out_and_warnings_keep_them(tmp_path: Path) -> None:
    rows = [
        row("request"),
        row("assessment", {F.EVENT_END_DATE: "31/02/2024"}),  # error
        row("review", {F.GENDER: "female"}),  # warning
    ]
    report = tmp_path / "problems.csv"
    result = import_cld([write_cld(tmp_path / "x.csv", rows)], tmp_path / "j", report=report)
    assert result.ok
    assert _journal(tmp_path / "j")["source_row"].to_list() == [2, 4]
    assert result.validation.rows_with_errors == 1
    with report.open(encoding="utf-8-sig") as f:
        lines = list(csv.DictReader(f))
    assert list(lines[0]) == ["file", "row", "field", "value", "rule", "severity", "message"]
    assert [(r["row"], r["rule"], r["severity"]) for r in lines] == [
        ("3", "date_impossible", "error"),
        ("4", "code_normalised", "warning"),
    ]
    left_out = pl.read_parquet(tmp_path / "j" / "aside" / "left_out_rows.parquet")
    assert left_out.select("source_row", "Event End Date").rows() == [(3, "31/02/2024")]


def test_strict_refuses_the_whole_import_on_any_error(tmp_path: Path) -> None:
    rows = [row("request"), row("assessment", {F.EVENT_END_DATE: "31/02/2024"})]
    report = tmp_path / "problems.csv"
    result = import_cld(
        [write_cld(tmp_path / "x.csv", rows)], tmp_path / "j", strict=True, report=report
    )
    assert not result.ok and "--strict" in (result.refused or "")
    assert not (tmp_path / "j").exists()
    assert report.exists()


def test_strict_accepts_warnings(tmp_path: Path) -> None:
    rows = [row("request", {F.GENDER: "female"})]
    assert import_cld([write_cld(tmp_path / "x.csv", rows)], tmp_path / "j", strict=True).ok


def _hostile(kind: str, path: Path) -> bytes:
    """The bytes of a hostile file of ``kind``, built from a valid one at ``path``."""
    valid = write_cld(path, journey()).read_bytes()
    header = valid.split(b"\r\n")[0]
    return {
        "empty": b"",
        "header only": header + b"\r\n",
        "binary": bytes(range(256)) * 20,
        "semicolons": valid.replace(b",", b";"),
        "truncated": valid[:-100],
        "long value": valid.replace(b"Request,R1,", b"Request," + b"x" * 100_000 + b","),
        "duplicate columns": valid.replace(b"Gender,", b"Event Type,", 1),
    }[kind]


@pytest.mark.parametrize(
    "kind",
    [
        "empty",
        "header only",
        "binary",
        "semicolons",
        "truncated",
        "long value",
        "duplicate columns",
    ],
)
def test_an_unreadable_file_means_no_journal_and_the_old_one_kept(
    tmp_path: Path, kind: str
) -> None:
    good = write_cld(tmp_path / "good.csv", journey())
    bad = tmp_path / "bad.csv"
    bad.write_bytes(_hostile(kind, tmp_path / "scratch.csv"))
    (tmp_path / "scratch.csv").unlink()
    write_journal(tmp_path / "j", [pl.DataFrame({"person_id": ["old"]}).to_arrow()])
    result = import_cld([good, bad], tmp_path / "j")
    assert not result.ok and "bad.csv" in (result.refused or "")
    assert _journal(tmp_path / "j")["person_id"].to_list() == ["old"]
    assert result.validation.problems.filter(file="bad.csv")["severity"].to_list() == ["error"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "good.csv", "j"]


def test_no_journal_when_every_row_has_an_error(tmp_path: Path) -> None:
    rows = [row("request", {F.EVENT_START_DATE: "tomorrow"})]
    result = import_cld([write_cld(tmp_path / "x.csv", rows)], tmp_path / "j")
    assert not result.ok and "every row has an error" in (result.refused or "")
    assert not (tmp_path / "j").exists()


def test_unknown_columns_are_kept_aside_in_the_journal(tmp_path: Path) -> None:
    header = [f.value for f in R2_FIELDS] + ["Team"]
    fields = [*R2_FIELDS, F.GP_PRACTICE_NAME]
    rows = [{**row("request"), F.GP_PRACTICE_NAME: "Front door"}]
    path = write_cld(tmp_path / "x.csv", rows, fields=fields, header=header)
    result = import_cld([path], tmp_path / "j")
    aside = pl.read_parquet(tmp_path / "j" / "aside" / "unknown_columns.parquet")
    assert aside.rows() == [("x.csv", 2, "Team", "Front door")]
    found = result.validation.problems.filter(rule="unknown_column")
    assert found.select("row", "field", "severity").rows() == [(1, "Team", "warning")]


def test_formula_text_stays_text_in_the_journal(tmp_path: Path) -> None:
    formula = '=HYPERLINK("http://example.invalid","click")'
    path = write_cld(tmp_path / "x.csv", [row("request", {F.EVENT_DESCRIPTION: formula})])
    import_cld([path], tmp_path / "j")
    assert _journal(tmp_path / "j")["event_description"].to_list() == [formula]


def test_release_1_values_are_stored_in_release_2_wording(tmp_path: Path) -> None:
    path = write_cld(tmp_path / "x.csv", [as_release_1(r) for r in journey()])
    result = import_cld([path], tmp_path / "j")
    journal = _journal(tmp_path / "j")
    assert set(journal["client_type"]) == {"Service user"}
    assert journal.filter(kind="service")["service_type"].to_list() == [
        "Long term support: Community"
    ]
    manifest = json.loads((tmp_path / "j" / "manifest.json").read_text())
    assert manifest["cld"]["files"][0]["release"] == "R1"
    assert {
        "field": "Client Type",
        "submitted": "Service User",
        "stored": "Service user",
        "how": "Release 1 → Release 2",
        "rows": 4,
    } in manifest["cld"]["mappings"]
    assert result.validation.problems.height == 0


def test_the_manifest_records_what_the_import_did(tmp_path: Path) -> None:
    rows = [row("request"), row("request"), row("review", {F.EVENT_END_DATE: "soon"})]
    import_cld([write_cld(tmp_path / "x.csv", rows)], tmp_path / "j")
    cld = json.loads((tmp_path / "j" / "manifest.json").read_text())["cld"]
    assert (cld["rows_read"], cld["rows_with_errors"], cld["duplicates_left_out"]) == (3, 1, 1)
    assert cld["reference_version"]
