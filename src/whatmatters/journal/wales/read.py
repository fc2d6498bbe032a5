"""Reading a Welsh file (the template or an ARCS extract) as text cells with row numbers.

Both readers work on the same shape: the headings, and for each record its
row as a spreadsheet numbers it (header = row 1) and its cells as text.
CSV is read with Python's ``csv`` module so that a row number is exact even
when a cell holds a line break; Excel with calamine (formulas are never
evaluated; date cells arrive as dates and are written as yyyy-mm-dd).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
FIELD_LIMIT = 10 * 2**20  # a 10 MB cell is a broken file, not a long note


class WalesFileError(Exception):
    """A file that cannot be read at all; the message says why."""

    def __init__(self, source: str, rule: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source, self.rule, self.message = source, rule, message


@dataclass
class Sheet:
    """A file's headings and records (row number, cells in heading order)."""

    source: str
    headers: list[str]
    records: list[tuple[int, list[str]]]


def read_sheet(path: Path, choose: Callable[[list[str]], bool] | None = None) -> Sheet:
    """Read ``path`` (CSV or Excel). In a workbook, the first sheet ``choose`` accepts
    (by its headings) is read; else the first sheet with anything in it."""
    source = path.name
    if not path.is_file():
        raise WalesFileError(source, "file", "no such file")
    if path.suffix.lower() in EXCEL_SUFFIXES:
        rows = _workbook_rows(path, source, choose)
    else:
        rows = _csv_rows(path, source)
    if not rows:
        raise WalesFileError(source, "empty", "the file is empty")
    (_, header), *body = rows
    headers = [h.strip() for h in header]
    while headers and not headers[-1]:
        headers.pop()
    _check_headers(source, headers)
    width = len(headers)
    records = []
    for number, cells in body:
        if not any(c.strip() for c in cells):
            continue  # a blank line is not a record
        cells = (cells + [""] * width)[:width]
        records.append((number, cells))
    return Sheet(source, headers, records)


def read_headers(path: Path, choose: Callable[[list[str]], bool] | None = None) -> list[str]:
    """Only the headings of a file (a CSV's first line; a workbook's chosen sheet's first row)."""
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return read_sheet(path, choose).headers
    source = path.name
    with path.open(encoding=_encoding_of_start(path, source), newline="") as text:
        first = text.readline()
    delimiter = max((",", ";", "\t", "|"), key=first.count)
    return next(csv.reader([first], delimiter=delimiter), [])


def _encoding_of_start(path: Path, source: str) -> str:
    with path.open("rb") as f:
        start = f.read(2**16)
    try:
        start.decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError as e:
        return "utf-8-sig" if e.start > len(start) - 4 else "cp1252"


def _check_headers(source: str, headers: list[str]) -> None:
    if not headers:
        raise WalesFileError(source, "empty", "the first row has no column headings")
    if "" in headers:
        raise WalesFileError(
            source, "header", f"column {headers.index('') + 1} has no heading (row 1)"
        )
    twice = [h for h, n in Counter(h.casefold() for h in headers).items() if n > 1]
    if twice:
        raise WalesFileError(source, "header", f"the heading {twice[0]!r} appears twice (row 1)")


def _encoding(path: Path, source: str) -> str:
    data = path.read_bytes()
    if b"\x00" in data:
        raise WalesFileError(source, "encoding", "not a CSV file: it holds binary data")
    try:
        data.decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        raise WalesFileError(
            source, "encoding", "the text is neither UTF-8 nor Windows-1252"
        ) from None
    return "cp1252"


def _csv_rows(path: Path, source: str) -> list[tuple[int, list[str]]]:
    csv.field_size_limit(FIELD_LIMIT)
    with path.open(encoding=_encoding(path, source), newline="") as text:
        first = text.readline()
        delimiter = max((",", ";", "\t", "|"), key=first.count)
        text.seek(0)
        try:
            return [(i, row) for i, row in enumerate(csv.reader(text, delimiter=delimiter), 1)]
        except csv.Error as e:
            raise WalesFileError(source, "csv", f"not readable as CSV ({e})") from e


def _workbook_rows(
    path: Path, source: str, choose: Callable[[list[str]], bool] | None
) -> list[tuple[int, list[str]]]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        sheets = [book.get_sheet_by_name(name).to_python() for name in book.sheet_names]
    except Exception as e:  # calamine raises its own error types for each fault
        raise WalesFileError(source, "workbook", f"not a readable Excel workbook ({e})") from e
    sheets = [s for s in sheets if any(any(_text(c) for c in row) for row in s)]
    if not sheets:
        return []
    chosen = next(
        (s for s in sheets if choose and choose([_text(c) for c in s[0]])),
        sheets[0],
    )
    return [(i, [_text(c) for c in row]) for i, row in enumerate(chosen, 1)]


def _text(cell: object) -> str:
    """A workbook cell as the text a CSV would hold."""
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(" ")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)
