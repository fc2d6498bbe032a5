"""A workbook's sheets measured before they are read, so a hostile file cannot
exhaust memory or crash the Excel reader.

calamine (the Excel reader) holds a sheet as a dense grid from A1 to its last
cell: a 2 KB workbook with one value at XFD1048576 asks for 17 billion cells.
Each sheet of an .xlsx is therefore streamed once first (lxml, one row at a
time) to find the extent of the cells that hold a value, and a sheet larger
than ``MAX_SHEET_CELLS`` is refused with its extent and the bound.

The same pass finds numbers no date can be — NaN, infinities, serials beyond
9999-12-31 or a huge negative — which calamine turns into a wrong date or a
crash when the cell is formatted as a date. Such cells are rewritten as text
(in a copy, in memory), so they reach the date and number rules as written and
become a row-level error naming the row and field.

.xls files need no scan: the format itself stops at 65,536 rows by 256 columns.
Binary workbooks (.xlsb) are refused: their sheets cannot be measured first.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from whatmatters.journal.cld.read_grid import CldFileError, FileRule

MAX_SHEET_CELLS = 10_000_000  # e.g. 200,000 rows by 50 columns; larger returns go as CSV
MAX_PART_BYTES = 1 << 30  # a sheet's or the shared strings' XML, uncompressed
LAST_SERIAL = 2_958_465  # 9999-12-31 in Excel's 1900 date system
_SHEETS = re.compile(r"xl/worksheets/[^/]+\.xml")
_BINARY_SHEETS = re.compile(r"xl/worksheets/[^/]+\.bin")
_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_PARSER = {"huge_tree": True, "resolve_entities": False, "no_network": True}


@dataclass
class SheetExtent:
    """The last row and column holding a value, and the cells to read as text."""

    rows: int = 0
    columns: int = 0
    as_text: set[str] = field(default_factory=set)  # cell references, e.g. "C12"


def checked_workbook(path: Path, source: str) -> bytes | None:
    """Refuse an .xlsx whose sheets are too large; a patched copy when cells must be
    read as text, else None (read the file as it is)."""
    try:
        with zipfile.ZipFile(path) as book:
            members = [m for m in book.infolist() if _SHEETS.fullmatch(m.filename)]
            if any(_BINARY_SHEETS.fullmatch(m.filename) for m in book.infolist()):
                raise CldFileError(
                    source,
                    FileRule.WORKBOOK,
                    "this is an Excel binary workbook (.xlsb), whose sheets cannot be measured "
                    "before reading: save it as .xlsx or CSV",
                )
            _check_sizes(book, source)
            extents = {m.filename: _measure(book, m.filename, source) for m in members}
            patched = {name: e.as_text for name, e in extents.items() if e.as_text}
            return _patched(book, patched) if patched else None
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        etree.LxmlError,
        OSError,
        EOFError,
        ValueError,
        RuntimeError,  # an encrypted member
        NotImplementedError,  # a compression method zipfile does not have
    ) as e:
        raise CldFileError(
            source, FileRule.WORKBOOK, f"this is not a readable Excel workbook ({e})"
        ) from e


def _check_sizes(book: zipfile.ZipFile, source: str) -> None:
    for member in book.infolist():
        if member.file_size > MAX_PART_BYTES:
            raise CldFileError(
                source,
                FileRule.WORKBOOK_TOO_LARGE,
                f"the workbook's part {member.filename} unpacks to {member.file_size:,} bytes, "
                f"more than whatmatters reads ({MAX_PART_BYTES:,}); save the sheet as CSV",
            )


def _measure(book: zipfile.ZipFile, member: str, source: str) -> SheetExtent:
    extent = SheetExtent()
    row, column = 0, 0
    with book.open(member) as xml:
        for event, element in etree.iterparse(
            xml, events=("start", "end"), tag=("{*}row", "{*}c"), **_PARSER
        ):
            local = etree.QName(element).localname
            if local == "row":
                if event == "start":
                    row = int(element.get("r") or row + 1)
                    column = 0
                else:
                    element.clear()
                    while element.getprevious() is not None:
                        del element.getparent()[0]
                continue
            if event == "start":
                continue
            row, column = _position(element.get("r"), row, column)
            if _has_value(element):
                extent.rows = max(extent.rows, row)
                extent.columns = max(extent.columns, column)
                if extent.rows * extent.columns > MAX_SHEET_CELLS:
                    raise _too_large(source, member, extent)
                if _number_no_date_can_be(element):
                    ref = element.get("r")
                    if ref is None:
                        raise CldFileError(
                            source,
                            FileRule.WORKBOOK,
                            "a cell holds a number no spreadsheet can (NaN, infinity or beyond "
                            "9999-12-31) and has no cell reference to name it",
                            row=row,
                        )
                    extent.as_text.add(ref)
    return extent


def _position(ref: str | None, row: int, column: int) -> tuple[int, int]:
    """A cell's (row, column) from its reference, or following the one before it."""
    if ref is None:
        return row, column + 1
    match = _REF.fullmatch(ref)
    if match is None:
        return row, column + 1
    letters, digits = match.groups()
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return int(digits), number


def _has_value(cell: etree._Element) -> bool:
    return any(etree.QName(child).localname in ("v", "is") for child in cell)


def _number_no_date_can_be(cell: etree._Element) -> bool:
    """A number cell whose value has no date: calamine would misread or crash on it."""
    if cell.get("t") not in (None, "n"):
        return cell.get("t") == "d"  # an ISO date cell: its text goes to the date rules
    value = next((c.text for c in cell if etree.QName(c).localname == "v"), None)
    try:
        number = float(value or "")
    except ValueError:
        return True
    return not math.isfinite(number) or abs(number) > LAST_SERIAL + 1


def _too_large(source: str, member: str, extent: SheetExtent) -> CldFileError:
    sheet = member.rsplit("/", 1)[-1].removesuffix(".xml")
    return CldFileError(
        source,
        FileRule.WORKBOOK_TOO_LARGE,
        f"{sheet} spans at least {extent.rows:,} rows by {extent.columns:,} columns, more "
        f"cells than whatmatters reads from a sheet ({MAX_SHEET_CELLS:,}); delete stray "
        "cells far from the table, or save the sheet as CSV",
    )


def _patched(book: zipfile.ZipFile, as_text: dict[str, set[str]]) -> bytes:
    """A copy of the workbook with the named cells typed as text (t="str")."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for member in book.infolist():
            data = book.read(member)
            if member.filename in as_text:
                data = _cells_as_text(data, as_text[member.filename])
            copy.writestr(member, data)
    return out.getvalue()


_CELL = re.compile(rb"<((?:\w+:)?c)\b([^>]*?)(/?)>")


def _cells_as_text(xml: bytes, refs: set[str]) -> bytes:
    def retype(match: re.Match[bytes]) -> bytes:
        tag, attributes, empty = match.groups()
        ref = re.search(rb'\br="([A-Z0-9]+)"', attributes)
        if ref is None or ref.group(1).decode() not in refs:
            return match.group()
        attributes = re.sub(rb'\s+t="[^"]*"', b"", attributes) + b' t="str"'
        return b"<" + tag + attributes + empty + b">"

    return _CELL.sub(retype, xml)
