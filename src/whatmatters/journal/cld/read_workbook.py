"""Reading a CLD Excel workbook (.xlsx, .xls) into a table of text."""

from __future__ import annotations

import datetime as dt
import io
import math
from pathlib import Path

import polars as pl

from whatmatters.journal.cld.fields import FieldType, fields_by_header, header_key, spec
from whatmatters.journal.cld.read_grid import CldFileError, FileRule, Grid, text_frame
from whatmatters.journal.cld.workbook_bounds import checked_workbook


def read_workbook(path: Path, source: str) -> Grid:
    """The first sheet with CLD headers (else the first sheet) of an Excel workbook.

    Formulas are never evaluated: a formula cell gives the value Excel saved
    with it (text that merely starts with "=" is text). Dates formatted as
    dates arrive as dates; numbers in date columns are Excel serial dates.
    Sheets are measured first (``workbook_bounds.py``): one too large is refused.
    """
    first, cells = _best_sheet(path, source)
    known = fields_by_header()
    header = [_cell_text(h) or "" for h in cells[first]]
    date_columns = {
        i
        for i, name in enumerate(header)
        if known.get(header_key(name)) and spec(known[header_key(name)]).type is FieldType.DATE
    }
    width = len(header)
    columns: list[list[str | None]] = [[] for _ in range(width)]
    rows = []
    for index in range(first + 1, len(cells)):
        record = cells[index]
        if all(v == "" or v is None for v in record):
            continue
        for i, column in enumerate(columns):
            value = record[i] if i < len(record) else None
            column.append(_excel_date(value) if i in date_columns else _cell_text(value))
        rows.append(index + 1)
    return Grid(header, text_frame(columns), pl.Series(rows, dtype=pl.Int64), "xlsx")


def _best_sheet(path: Path, source: str) -> tuple[int, list[list[object]]]:
    """(header index, rows) of the sheet with the most CLD headers, one sheet in memory
    at a time besides the best so far."""
    from python_calamine import CalamineWorkbook

    patched = checked_workbook(path, source) if _is_zip(path) else None
    known = fields_by_header()
    best: tuple[int, list[list[object]]] | None = None
    best_score = -1
    try:
        book = (
            CalamineWorkbook.from_path(str(path))
            if patched is None
            else CalamineWorkbook.from_filelike(io.BytesIO(patched))
        )
        for name in book.sheet_names:
            candidate = _sheet_rows(book.get_sheet_by_name(name).to_python())
            if candidate is None:
                continue
            first, cells = candidate
            score = sum(header_key(str(h)) in known for h in cells[first] if h != "")
            if score > best_score:
                best, best_score = candidate, score
    except Exception as e:  # calamine raises its own error types for each fault
        raise _unreadable(source, e) from e
    except BaseException as e:  # a panic inside calamine (pyo3's PanicException)
        if isinstance(e, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise _unreadable(source, e) from e
    if best is None:
        raise CldFileError(source, FileRule.EMPTY, "the workbook's sheets are all empty")
    return best


def _is_zip(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(4) == b"PK\x03\x04"


def _unreadable(source: str, error: BaseException) -> CldFileError:
    return CldFileError(
        source, FileRule.WORKBOOK, f"this is not a readable Excel workbook ({error})"
    )


def _sheet_rows(rows: list[list[object]]) -> tuple[int, list[list[object]]] | None:
    """(index of the header row, rows) for a sheet, or None if it is empty."""
    for i, record in enumerate(rows):
        if any(v not in ("", None) for v in record):
            return i, rows
    return None


def _cell_text(value: object) -> str | None:
    """A cell as the text a CSV export of it would hold."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _excel_date(value: object) -> str | None:
    """A date cell as ISO text; a number is an Excel serial date (1900 date system)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value) or value != int(value) or not 1 <= value <= 2_958_465:
            return _cell_text(value)  # not a whole day: left for the date rules to reject
        days = int(value)
        if days == 60:  # Excel's 29/02/1900, a day that never was
            return "1900-02-29"
        origin = dt.date(1899, 12, 31) if days < 60 else dt.date(1899, 12, 30)
        return (origin + dt.timedelta(days=days)).isoformat()
    return _cell_text(value)
