"""Hostile CLD files: each gives a journal or a clear refusal naming file, row and
field — never a traceback, an abort or a silently wrong value (issue 16)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from tests.journal.cld.factory import R2_FIELDS, F, journey, row, write_cld
from whatmatters.cli import app
from whatmatters.journal.cld.read import CldFileError, FileRule, read_cld_file
from whatmatters.journal.cld.validate import validate_cld
from whatmatters.journal.store import is_journal

runner = CliRunner()


def _refused(path: Path) -> CldFileError:
    with pytest.raises(CldFileError) as caught:
        read_cld_file(path)
    return caught.value


def _with_line_endings(path: Path, ending: bytes) -> Path:
    data = path.read_bytes().replace(b"\r\n", b"\n")
    path.write_bytes(data.replace(b"\n", ending))
    return path


@pytest.mark.parametrize("ending", [b"\r", b"\n", b"\r\n"])
def test_every_kind_of_line_ending_reads_the_same(tmp_path: Path, ending: bytes) -> None:
    path = _with_line_endings(write_cld(tmp_path / "x.csv", journey()), ending)
    frame = read_cld_file(path).frame
    assert frame.height == 4
    assert frame.get_column("source_row").to_list() == [2, 3, 4, 5]
    assert not any("\r" in v for v in frame.row(3) if isinstance(v, str))


def test_mixed_line_endings_read_row_by_row(tmp_path: Path) -> None:
    path = write_cld(tmp_path / "x.csv", journey())
    lines = path.read_bytes().split(b"\r\n")
    path.write_bytes(lines[0] + b"\r" + lines[1] + b"\n" + b"\r\n".join(lines[2:]))
    assert read_cld_file(path).frame.height == 4


@pytest.mark.parametrize("command", [["validate"], ["import", "cld"]])
def test_commands_read_a_file_with_carriage_returns_only(tmp_path: Path, command) -> None:
    path = _with_line_endings(write_cld(tmp_path / "x.csv", journey()), b"\r")
    out = ["--out", str(tmp_path / "j")] if command[0] == "import" else []
    result = runner.invoke(app, [*command, str(path), *out])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 0, result.output
    assert "4 rows" in result.output


def test_a_nul_after_the_first_64_kib_is_refused_naming_row_and_field(tmp_path: Path) -> None:
    rows = [row("request", {F.LA_PERSON_UNIQUE_IDENTIFIER: f"P{i:07d}"}) for i in range(400)]
    rows[-1][F.LA_PERSON_UNIQUE_IDENTIFIER] = "P00\x0000399"
    path = write_cld(tmp_path / "x.csv", rows)
    assert path.read_bytes().index(b"\x00") > 65536
    error = _refused(path)
    assert error.rule is FileRule.CONTROL_CHARACTER
    assert error.row == 401
    assert "'LA Person Unique Identifier'" in str(error)


def test_a_control_character_in_an_unknown_column_is_refused(tmp_path: Path) -> None:
    header = [f.value for f in R2_FIELDS] + ["Notes"]
    path = write_cld(tmp_path / "x.csv", [{**row("request")}], header=header)
    path.write_bytes(path.read_bytes().rstrip(b"\r\n") + b",bad\x1bvalue\r\n")
    error = _refused(path)
    assert (error.rule, error.row) == (FileRule.CONTROL_CHARACTER, 2)
    assert "'Notes'" in str(error)


@pytest.mark.parametrize(
    ("field", "text", "rule"),
    [
        (F.EVENT_START_DATE, "２０２４-０５-２１", "date_unreadable"),  # full-width
        (F.EVENT_START_DATE, "٢١/٠٥/٢٠٢٤", "date_unreadable"),  # Arabic-Indic
        (F.PLANNED_UNITS_PER_WEEK, "１２", "number_invalid"),
        (F.UNIT_COST, "١٢", "number_invalid"),
    ],
)
def test_digits_other_than_0_to_9_are_refused_naming_row_and_field(
    tmp_path: Path, field: F, text: str, rule: str
) -> None:
    path = write_cld(tmp_path / "x.csv", [row("service", {field: text})])
    problems = validate_cld([path]).problems.filter(field=field.value)
    assert (problems.get_column("row").to_list(), problems.get_column("rule").to_list()) == (
        [2],
        [rule],
    )


def test_a_header_wider_than_64_kib_is_read_whole(tmp_path: Path) -> None:
    extra = [f"Extra column {i}" for i in range(20_000)]
    header = [f.value for f in R2_FIELDS] + extra
    path = tmp_path / "wide.csv"
    values = write_cld(tmp_path / "one.csv", [row("request")]).read_text().splitlines()[1]
    path.write_text(",".join(header) + "\n" + values + "," * len(extra) + "x\n")
    raw = read_cld_file(path)
    assert raw.frame.height == 1
    assert raw.unknown.get_column("column").to_list() == ["Extra column 19999"]


# Workbooks ------------------------------------------------------------------------


def _workbook(path: Path, far_cell: str | None = None, start: object = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([f.value for f in R2_FIELDS])
    sheet.append([row("request").get(f) for f in R2_FIELDS])
    second = {F.LA_PERSON_UNIQUE_IDENTIFIER: "P0000002", F.EVENT_REFERENCE: "REQ-2"}
    sheet.append([row("request", second).get(f) for f in R2_FIELDS])
    if start is not None:
        column = R2_FIELDS.index(F.EVENT_START_DATE) + 1
        cell = sheet.cell(row=2, column=column, value=45000)
        cell.number_format = "dd/mm/yyyy"
    if far_cell:
        sheet[far_cell] = "x"
    book.save(path)
    if start is not None:  # openpyxl cannot write these numbers: set them in the XML
        _replace_in_sheet(path, b"<v>45000</v>", f"<v>{start}</v>".encode())
    return path


def _replace_in_sheet(path: Path, old: bytes, new: bytes) -> None:
    with zipfile.ZipFile(path) as book:
        parts = {info: book.read(info) for info in book.infolist()}
    with zipfile.ZipFile(path, "w") as book:
        for info, data in parts.items():
            book.writestr(info, data.replace(old, new) if "worksheets/" in info.filename else data)


@pytest.mark.parametrize("far_cell", ["XFD1048576", "A1048576", "AAA100000"])
def test_a_sheet_of_absurd_extent_is_refused_with_the_bound(tmp_path: Path, far_cell: str) -> None:
    """One cell far away made the reader ask for up to 512 GiB."""
    from whatmatters.journal.cld.workbook_bounds import MAX_SHEET_CELLS

    path = _workbook(tmp_path / "x.xlsx", far_cell)
    assert path.stat().st_size < 10_000
    error = _refused(path)
    assert error.rule is FileRule.WORKBOOK_TOO_LARGE
    assert f"{MAX_SHEET_CELLS:,}" in str(error)
    assert re.search(r"spans at least [\d,]+ rows by [\d,]+ columns", str(error))


def test_a_far_empty_formatted_cell_is_not_counted(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "x.xlsx")
    _replace_in_sheet(
        path,
        b"</sheetData>",
        b'<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>',
    )
    assert read_cld_file(path).frame.height == 2


@pytest.mark.parametrize("number", ["NaN", "1e309", "-1e309", "-1e300", "3000000"])
def test_a_date_cell_no_date_can_be_is_a_row_level_error(tmp_path: Path, number: str) -> None:
    """NaN and 1e309 crashed the date conversion; -1e309 panicked inside the reader."""
    path = _workbook(tmp_path / "x.xlsx", start=number)
    assert read_cld_file(path).frame.get_column("Event Start Date").to_list()[0] == number
    problems = validate_cld([path]).problems.filter(field="Event Start Date")
    assert problems.select("row", "rule").rows() == [(2, "date_unreadable")]


def test_import_of_a_workbook_with_a_nan_date_writes_the_other_rows(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "x.xlsx", start="NaN")
    result = runner.invoke(app, ["import", "cld", str(path), "--out", str(tmp_path / "j")])
    assert result.exit_code == 0, result.output
    assert "date_unreadable" in result.output
    assert is_journal(tmp_path / "j")
