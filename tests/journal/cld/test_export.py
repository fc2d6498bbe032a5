"""Exporting a journal's CLD rows as a CLD Release 2 CSV, and reading it back."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pytest

from tests.journal.cld.factory import F, journey, row, write_cld
from whatmatters.journal.cld.export import ExportError, export_cld
from whatmatters.journal.cld.importer import import_cld
from whatmatters.journal.cld.sample.make_sample import SAMPLE
from whatmatters.journal.store import read_journal, write_journal


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_the_sample_exports_back_byte_for_byte(tmp_path: Path) -> None:
    import_cld([SAMPLE], tmp_path / "j")
    result = export_cld(tmp_path / "j", tmp_path / "out.csv")
    assert result.rows_written == 277 and result.rows_left_out == 0
    exported = (tmp_path / "out.csv").read_bytes()
    assert exported.startswith(b"\xef\xbb\xbf")
    assert exported[3:] == SAMPLE.read_bytes()


def test_every_field_and_value_comes_back(tmp_path: Path) -> None:
    original = write_cld(tmp_path / "x.csv", journey())
    import_cld([original], tmp_path / "j")
    export_cld(tmp_path / "j", tmp_path / "out.csv")
    assert _rows(tmp_path / "out.csv") == _rows(original)


def test_dates_are_day_first_and_numbers_have_two_places(tmp_path: Path) -> None:
    rows = [row("service", {F.EVENT_START_DATE: "2024-05-21", F.UNIT_COST: "20.5"})]
    import_cld([write_cld(tmp_path / "x.csv", rows)], tmp_path / "j")
    export_cld(tmp_path / "j", tmp_path / "out.csv")
    exported = _rows(tmp_path / "out.csv")[0]
    assert exported["Event Start Date"] == "21/05/2024"
    assert (exported["Unit Cost"], exported["Planned units per week"]) == ("20.50", "10.00")


def test_rows_that_are_not_cld_events_are_left_out_and_counted(tmp_path: Path) -> None:
    import_cld([write_cld(tmp_path / "x.csv", journey())], tmp_path / "j")
    cld = read_journal(tmp_path / "j")
    contact = pa.table({"person_id": ["999_P1"], "kind": ["contact"], "source": ["casework"]})
    mixed = pa.concat_tables([cld, pa.Table.from_pylist(contact.to_pylist(), schema=cld.schema)])
    write_journal(tmp_path / "mixed", [mixed])
    result = export_cld(tmp_path / "mixed", tmp_path / "out.csv")
    assert (result.rows_written, result.rows_left_out) == (4, 1)
    assert len(_rows(tmp_path / "out.csv")) == 4


def test_a_journal_table_can_be_exported_directly(tmp_path: Path) -> None:
    import_cld([write_cld(tmp_path / "x.csv", journey())], tmp_path / "j")
    result = export_cld(read_journal(tmp_path / "j"), tmp_path / "out.csv")
    assert result.rows_written == 4


def test_formula_text_is_neutralised_and_restored(tmp_path: Path) -> None:
    texts = ['=HYPERLINK("http://example.invalid","x")', "+1", "-", "@SUM(A1)", "'=quoted", "plain"]
    rows = [
        row("request", {F.EVENT_DESCRIPTION: text, F.EVENT_REFERENCE: str(i)})
        for i, text in enumerate(texts)
    ]
    rows = [{**r, F.EVENT_START_DATE: f"{i + 1:02d}/04/2024"} for i, r in enumerate(rows)]
    import_cld([write_cld(tmp_path / "x.csv", rows)], tmp_path / "j")
    export_cld(tmp_path / "j", tmp_path / "out.csv")
    exported = [r["Event Description"] for r in _rows(tmp_path / "out.csv")]
    assert exported == [
        '\'=HYPERLINK("http://example.invalid","x")',
        "'+1",
        "'-",
        "'@SUM(A1)",
        "'=quoted",  # a neutralised cell in the council's file was read as its text
        "plain",
    ]
    journal = read_journal(tmp_path / "j")["event_description"].to_pylist()
    assert journal == [*texts[:4], "=quoted", "plain"]
    import_cld([tmp_path / "out.csv"], tmp_path / "again")
    assert read_journal(tmp_path / "again")["event_description"].to_pylist() == journal


def test_negative_numbers_are_not_neutralised(tmp_path: Path) -> None:
    import_cld(
        [write_cld(tmp_path / "x.csv", [row("service", {F.UNIT_COST: "-20"})])], tmp_path / "j"
    )
    export_cld(tmp_path / "j", tmp_path / "out.csv")
    assert _rows(tmp_path / "out.csv")[0]["Unit Cost"] == "-20.00"


def test_only_release_2_is_written(tmp_path: Path) -> None:
    import_cld([write_cld(tmp_path / "x.csv", journey())], tmp_path / "j")
    with pytest.raises(ExportError, match="only Release 2"):
        export_cld(tmp_path / "j", tmp_path / "out.csv", release="R1")
