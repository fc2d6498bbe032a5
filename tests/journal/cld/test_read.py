"""Reading CLD files: encodings, workbooks, headers, and hostile files refused clearly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from tests.journal.cld.factory import R2_FIELDS, F, journey, row, write_cld
from whatmatters.journal.cld.read import CldFileError, FileRule, read_cld_file


def _read_one(path: Path) -> dict[str, str | None]:
    return read_cld_file(path).frame.row(0, named=True)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_each_encoding_reads_the_same_text(tmp_path: Path, encoding: str) -> None:
    path = write_cld(
        tmp_path / "x.csv", [row("request", {F.LAST_NAME: "Exämple–Smith"})], encoding=encoding
    )
    raw = read_cld_file(path)
    assert raw.frame["Last Name"].to_list() == ["Exämple–Smith"]
    assert raw.frame["LA Code"].to_list() == ["999"]
    assert raw.encoding == ("cp1252" if encoding == "cp1252" else "utf-8")


def test_text_in_no_known_encoding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    write_cld(path, [row("request", {F.LAST_NAME: "PLACEHOLDER"})])
    path.write_bytes(path.read_bytes().replace(b"PLACEHOLDER", b"\x81\x8d\xc3"))
    with pytest.raises(CldFileError) as caught:
        read_cld_file(path)
    assert caught.value.rule is FileRule.ENCODING


def test_headers_may_be_underscored_any_case_in_any_order(tmp_path: Path) -> None:
    fields = list(reversed(R2_FIELDS))
    header = [f.value.upper().replace(" ", "_").replace(":", "") for f in fields]
    path = write_cld(tmp_path / "x.csv", [row("request")], fields=fields, header=header)
    values = _read_one(path)
    assert values["Request: Route of Access"] == "Community / Other route"
    assert values["Cost Frequency (Unit Type)"] is None


def test_pipeline_spellings_of_headers_are_known(tmp_path: Path) -> None:
    header = [f.value for f in R2_FIELDS]
    header[R2_FIELDS.index(F.COST_FREQUENCY)] = "Cost_Frequency_(Unit_Type)"
    header[R2_FIELDS.index(F.AUTISM_SPECTRUM_DISORDER)] = "Autism_Spectrum_Disorder_ASD"
    path = write_cld(tmp_path / "x.csv", [row("service")], header=header)
    assert _read_one(path)["Cost Frequency (Unit Type)"] == "Hourly"


def test_unknown_columns_are_kept_aside(tmp_path: Path) -> None:
    header = [f.value for f in R2_FIELDS] + ["Team", "Worker"]
    fields = [*R2_FIELDS, F.GP_PRACTICE_NAME, F.PROVIDER_CQC_LOCATION_NAME]
    rows = [{**row("request"), F.GP_PRACTICE_NAME: "Team A"}, row("review")]
    path = write_cld(tmp_path / "x.csv", rows, fields=fields, header=header)
    raw = read_cld_file(path)
    assert raw.unknown.rows() == [("x.csv", 2, "Team", "Team A")]
    assert F.GP_PRACTICE_NAME not in raw.present


def test_rows_are_numbered_as_a_spreadsheet_numbers_them(tmp_path: Path) -> None:
    path = write_cld(tmp_path / "x.csv", journey())
    lines = path.read_bytes().split(b"\r\n")
    empty_row = b"," * (len(R2_FIELDS) - 1)
    path.write_bytes(b"\r\n".join([lines[0], lines[1], b"", lines[2], empty_row, *lines[3:]]))
    raw = read_cld_file(path)
    assert raw.frame["source_row"].to_list() == [2, 4, 6, 7]
    assert raw.blank_rows == 1  # the row of empty cells; the blank line is not a row


def test_quoted_line_breaks_and_commas_are_values(tmp_path: Path) -> None:
    text = 'Said "help",\nthen rang again'
    path = write_cld(
        tmp_path / "x.csv", [row("request", {F.EVENT_DESCRIPTION: text}), row("review")]
    )
    raw = read_cld_file(path)
    assert raw.frame["Event Description"].to_list() == [text, None]
    assert raw.frame["source_row"].to_list() == [2, 3]


def test_formula_text_is_kept_as_text(tmp_path: Path) -> None:
    formula = '=HYPERLINK("http://example.invalid","click")'
    path = write_cld(tmp_path / "x.csv", [row("request", {F.EVENT_DESCRIPTION: formula})])
    assert _read_one(path)["Event Description"] == formula


def test_an_excel_sep_line_is_skipped(tmp_path: Path) -> None:
    path = write_cld(tmp_path / "x.csv", [row("request")])
    path.write_text("sep=,\r\n" + path.read_text())
    raw = read_cld_file(path)
    assert raw.frame["source_row"].to_list() == [2]


# Workbooks ----------------------------------------------------------------------


def _workbook(path: Path, rows: list[list[object]], header: list[str] | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header or [f.value for f in R2_FIELDS])
    for values in rows:
        sheet.append(values)
    book.save(path)
    return path


def _cells(values: dict[F, object]) -> list[object]:
    return [values.get(f) for f in R2_FIELDS]


def test_a_workbook_reads_dates_serials_and_numbers(tmp_path: Path) -> None:
    cells: dict[F, object] = dict(row("service"))
    cells |= {
        F.EVENT_START_DATE: dt.datetime(2024, 5, 21),
        F.DATE_OF_BIRTH: 18295,  # an Excel serial date: 01/02/1950
        F.REPORTING_PERIOD_START_DATE: dt.date(2024, 4, 1),
        F.UNIT_COST: 20.5,
        F.PLANNED_UNITS_PER_WEEK: 10,
        F.NHS_NUMBER: 9990000018,
        F.LA_CODE: 999,
    }
    values = _read_one(_workbook(tmp_path / "x.xlsx", [_cells(cells)]))
    assert values["Event Start Date"] == "2024-05-21"
    assert values["Date of Birth"] == "1950-02-01"
    assert values["Reporting Period Start Date"] == "2024-04-01"
    assert (values["Unit Cost"], values["Planned units per week"]) == ("20.5", "10")
    assert (values["NHS Number"], values["LA Code"]) == ("9990000018", "999")
    assert values["source_row"] == 2


def test_workbook_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "x.xlsx", [_cells(row("request"))])
    book = openpyxl.load_workbook(path)
    cell = book.active.cell(row=2, column=R2_FIELDS.index(F.EVENT_DESCRIPTION) + 1)
    cell.value = "=1+1"
    cell.data_type = "s"  # text, as a user typing '=1+1 gets
    book.save(path)
    assert _read_one(path)["Event Description"] == "=1+1"


def test_a_workbook_is_recognised_whatever_its_name(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "x.xlsx", [_cells(row("request"))])
    renamed = path.rename(tmp_path / "x.csv")
    assert _read_one(renamed)["Event Type"] == "Request"


# Hostile files ------------------------------------------------------------------


def _refused(path: Path) -> CldFileError:
    with pytest.raises(CldFileError) as caught:
        read_cld_file(path)
    return caught.value


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_bytes(b"")
    error = _refused(tmp_path / "x.csv")
    assert error.rule is FileRule.EMPTY and "x.csv: the file is empty" in str(error)


def test_a_header_only_file_is_refused(tmp_path: Path) -> None:
    error = _refused(write_cld(tmp_path / "x.csv", []))
    assert error.rule is FileRule.HEADER_ONLY


def test_a_semicolon_file_is_refused_naming_the_delimiter(tmp_path: Path) -> None:
    path = write_cld(tmp_path / "x.csv", [row("request")])
    path.write_text(path.read_text().replace(",", ";"))
    error = _refused(path)
    assert error.rule is FileRule.DELIMITER and "semicolons" in str(error)


def test_a_truncated_file_is_refused_naming_the_row(tmp_path: Path) -> None:
    path = write_cld(tmp_path / "x.csv", journey())
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 120])
    error = _refused(path)
    assert error.rule is FileRule.MALFORMED and error.row == 5
    assert "fields but the header has" in str(error)


def test_a_file_cut_inside_a_quoted_value_is_refused(tmp_path: Path) -> None:
    path = write_cld(
        tmp_path / "x.csv", [row("request"), row("review", {F.EVENT_DESCRIPTION: "a, b"})]
    )
    data = path.read_bytes()
    path.write_bytes(data[: data.index(b'"a, b') + 3])
    error = _refused(path)
    assert error.rule is FileRule.MALFORMED and error.row == 3
    assert "never closed" in str(error)


def test_binary_garbage_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_bytes(bytes(range(256)) * 40)
    assert _refused(tmp_path / "x.csv").rule is FileRule.BINARY


def test_a_broken_workbook_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.xlsx").write_bytes(b"PK\x03\x04" + b"\x00garbage" * 100)
    assert _refused(tmp_path / "x.xlsx").rule is FileRule.WORKBOOK


def test_a_value_longer_than_any_cell_is_refused(tmp_path: Path) -> None:
    path = write_cld(
        tmp_path / "x.csv", [row("request"), row("review", {F.EVENT_DESCRIPTION: "x" * 100_000})]
    )
    error = _refused(path)
    assert error.rule is FileRule.FIELD_TOO_LONG and error.row == 3
    assert "100,000 characters" in str(error) and "Event Description" in str(error)


def test_duplicate_column_names_are_refused(tmp_path: Path) -> None:
    header = [f.value for f in R2_FIELDS]
    header[-1] = "Event Type"
    error = _refused(write_cld(tmp_path / "x.csv", [row("request")], header=header))
    assert error.rule is FileRule.DUPLICATE_COLUMNS and "'Event Type'" in str(error)


def test_two_spellings_of_one_field_are_duplicates(tmp_path: Path) -> None:
    header = [f.value for f in R2_FIELDS]
    header[-1] = "event_start_date"
    error = _refused(write_cld(tmp_path / "x.csv", [row("request")], header=header))
    assert error.rule is FileRule.DUPLICATE_COLUMNS and "the same field" in str(error)


def test_a_file_without_cld_columns_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("name,score\nada,3\n")
    assert _refused(tmp_path / "x.csv").rule is FileRule.NO_CLD_COLUMNS


def test_a_file_missing_a_column_every_row_needs_is_refused(tmp_path: Path) -> None:
    fields = [f for f in R2_FIELDS if f is not F.EVENT_TYPE]
    error = _refused(write_cld(tmp_path / "x.csv", [row("request")], fields=fields))
    assert error.rule is FileRule.MISSING_COLUMNS and "Event Type" in str(error)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    assert _refused(tmp_path / "nope.csv").rule is FileRule.UNREADABLE


def test_utf16_text_is_refused_with_its_name(tmp_path: Path) -> None:
    path = write_cld(tmp_path / "x.csv", [row("request")], encoding="utf-16")
    error = _refused(path)
    assert error.rule is FileRule.ENCODING and "UTF-16" in str(error)


def test_a_quoted_empty_value_is_blank(tmp_path: Path) -> None:
    path = write_cld(tmp_path / "x.csv", [row("request")])
    path.write_bytes(path.read_bytes().replace(b",P1,", b',"",'))
    assert _read_one(path)["LA Person Unique Identifier"] is None
