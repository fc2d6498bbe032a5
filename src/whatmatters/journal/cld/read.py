"""Reading a CLD file (CSV or Excel workbook) into a table of text.

Every value is read as text, exactly as written; typing and checking come
later (``prepare.py``, ``rules/``). What this module refuses is a file that
cannot be read as a table at all — empty, binary, the wrong delimiter,
duplicate columns, a truncated row, a value no spreadsheet could hold — each
with a message that names the file and, where there is one, the row.

CSV is read with PyArrow's parallel reader (fast, and strict about the number
of fields in a row). Files it cannot read exactly — a row with the wrong
number of fields, blank lines, an odd number of quote characters — are read
again with Python's ``csv`` module, which gives the exact spreadsheet row of
each record and of any fault.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import numpy as np
import polars as pl

from whatmatters.journal.cld.fields import Field, FieldType, fields_by_header, header_key, spec
from whatmatters.journal.cld.problems import file_problem

MAX_FIELD_CHARS = 32_767  # the most an Excel cell holds: a longer value is a broken file
_ZIP = b"PK\x03\x04"  # .xlsx, .xlsm
_OLE = b"\xd0\xcf\x11\xe0"  # .xls
_BOM = b"\xef\xbb\xbf"
_CHUNK = 1 << 24  # bytes read at a time when counting


class FileRule(StrEnum):
    """Why a whole file could not be imported."""

    UNREADABLE = "file_unreadable"
    EMPTY = "file_empty"
    HEADER_ONLY = "file_header_only"
    BINARY = "file_binary"
    ENCODING = "file_encoding"
    DELIMITER = "file_delimiter"
    DUPLICATE_COLUMNS = "file_duplicate_columns"
    NO_CLD_COLUMNS = "file_no_cld_columns"
    MISSING_COLUMNS = "file_missing_columns"
    MALFORMED = "file_malformed"
    FIELD_TOO_LONG = "file_field_too_long"
    WORKBOOK = "file_workbook"


class CldFileError(Exception):
    """A file that cannot be read as a CLD table; nothing from it is imported."""

    def __init__(self, source: str, rule: FileRule, message: str, row: int | None = None) -> None:
        self.source, self.rule, self.row = source, rule, row
        where = f"{source} row {row}" if row else source
        super().__init__(f"{where}: {message}")
        self.detail = message

    def problem(self) -> pl.DataFrame:
        return file_problem(self.source, self.rule.value, self.detail, row=self.row)


@dataclass
class RawFile:
    """A CLD file read as text: one String column per field, nothing checked yet."""

    path: Path
    source: str
    frame: pl.DataFrame  # "source_row" then one column per Field (null where absent)
    present: tuple[Field, ...]  # the fields the file has a column for
    unknown: pl.DataFrame  # long form: source, source_row, column, value
    encoding: str
    blank_rows: int  # rows with no value at all, skipped


@dataclass
class _Grid:
    header: list[str]
    table: pl.DataFrame  # one String column per header cell, named c0, c1, …
    rows: pl.Series | None  # spreadsheet row of each record; None: consecutive from 2
    encoding: str


def read_cld_file(path: str | Path, source: str | None = None) -> RawFile:
    """Read ``path`` as CLD text; raises ``CldFileError`` if it is not a readable table."""
    path = Path(path)
    source = source or path.name
    if not path.is_file():
        raise CldFileError(source, FileRule.UNREADABLE, f"no such file: {path}")
    try:
        with path.open("rb") as f:
            head = f.read(65536)
    except OSError as e:
        raise CldFileError(source, FileRule.UNREADABLE, f"cannot be read ({e.strerror})") from e
    if head.startswith((_ZIP, _OLE)):
        grid = _read_workbook(path, source)
    else:
        grid = _read_csv(path, source, head)
    return _to_raw(path, source, grid)


# CSV ------------------------------------------------------------------------


def _read_csv(path: Path, source: str, head: bytes) -> _Grid:
    if not head.lstrip(_BOM).strip():
        raise CldFileError(source, FileRule.EMPTY, "the file is empty")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CldFileError(
            source,
            FileRule.ENCODING,
            "this is UTF-16 text (Excel's 'Unicode Text'); "
            "save it as 'CSV UTF-8 (comma delimited)'",
        )
    if b"\x00" in head or _looks_binary(head):
        raise CldFileError(
            source,
            FileRule.BINARY,
            "this is not a text CSV file (it contains binary data); "
            "save it from the spreadsheet as 'CSV UTF-8 (comma delimited)'",
        )
    encoding = _guess_encoding(head)
    text = head.decode(encoding, errors="replace").lstrip("\ufeff")
    first_line = text.splitlines()[0] if text.splitlines() else ""
    skip = 0
    if first_line.lower().startswith("sep="):  # Excel's delimiter hint line
        if first_line.strip().lower() != "sep=,":
            raise _delimiter_error(source, first_line)
        skip = 1
        text = text.split("\n", 1)[1] if "\n" in text else ""
    header = next(csv.reader(io.StringIO(text)), [])
    if not any(h.strip() for h in header):
        raise CldFileError(source, FileRule.EMPTY, "the file has no header row")
    if len(header) == 1:
        raise _delimiter_error(source, first_line)
    for candidate in _encodings(encoding):
        try:
            data = path if candidate == "utf-8" else _transcoded(path, candidate)
            frame = _polars_csv(data, len(header), skip)
        except UnicodeDecodeError:  # a byte Windows-1252 does not define
            continue
        except pl.exceptions.ComputeError as e:
            if "utf-8" in str(e).lower():
                continue
            return _read_csv_exactly(path, source, header, candidate, skip)
        except (pl.exceptions.PolarsError, pl.exceptions.NoDataError):
            return _read_csv_exactly(path, source, header, candidate, skip)
        if not _every_row_complete(data, frame, header, skip):
            return _read_csv_exactly(path, source, header, candidate, skip)
        return _Grid(header, frame, None, candidate)
    raise _encoding_error(source)


def _encodings(guess: str) -> list[str]:
    """Encodings to try, in order: UTF-8 falls back to Windows-1252 (Excel's "CSV")."""
    return ["utf-8", "cp1252"] if guess == "utf-8" else [guess]


def _transcoded(path: Path, encoding: str) -> bytes:
    """The file re-encoded as UTF-8 (Polars reads only UTF-8)."""
    return path.read_bytes().decode(encoding).encode("utf-8")


def _polars_csv(data: Path | bytes, width: int, skip: int) -> pl.DataFrame:
    return pl.read_csv(
        data if isinstance(data, Path) else io.BytesIO(data),
        has_header=False,
        skip_rows=1 + skip,
        schema=dict.fromkeys((f"c{i}" for i in range(width)), pl.String),
        infer_schema=False,
    )


def _every_row_complete(
    data: Path | bytes, frame: pl.DataFrame, header: list[str], skip: int
) -> bool:
    """True if no row was short of fields (Polars pads short rows silently).

    Each record of a well-formed file has one comma fewer than it has fields,
    apart from commas inside values, so the commas in the file must number
    (fields - 1) x records plus those inside values. A short row (a truncated
    file), a blank line or a quote read another way all break the count; the
    exact reader then finds and names the row.
    """
    in_file = _count_commas(data) - skip  # the "sep=," line has one
    in_values = sum(h.count(",") for h in header)
    if frame.height:
        counts = frame.select(pl.all().str.count_matches(",", literal=True).sum())
        in_values += sum(counts.row(0))
    return in_file == (len(header) - 1) * (frame.height + 1) + in_values


def _count_commas(data: Path | bytes) -> int:
    if isinstance(data, bytes):
        return _commas_in(data)
    commas = 0
    with data.open("rb") as f:
        while chunk := f.read(_CHUNK):
            commas += _commas_in(chunk)
    return commas


def _commas_in(chunk: bytes) -> int:
    """Commas in ``chunk``; NumPy compares bytes in vector steps, twice as fast as ``count``."""
    return int(np.count_nonzero(np.frombuffer(chunk, dtype=np.uint8) == ord(",")))


def _read_csv_exactly(
    path: Path, source: str, header: list[str], encoding: str, skip: int
) -> _Grid:
    """Read with Python's csv module: exact row numbers, exact faults."""
    for candidate in _encodings(encoding):
        try:
            return _read_csv_records(path, source, header, candidate, skip)
        except UnicodeDecodeError:
            continue
    raise _encoding_error(source)


def _read_csv_records(
    path: Path, source: str, header: list[str], encoding: str, skip: int
) -> _Grid:
    width = len(header)
    columns: list[list[str | None]] = [[] for _ in range(width)]
    rows: list[int] = []
    row = 1
    opened = "utf-8-sig" if encoding == "utf-8" else encoding
    try:
        with path.open(encoding=opened, newline="") as f:
            for _ in range(skip):
                f.readline()
            reader = csv.reader(f, strict=True)
            next(reader)
            row = 2
            for record in reader:
                if record and len(record) != width:
                    raise _field_count_error(source, row, len(record), width)
                if record:
                    for column, value in zip(columns, record, strict=True):
                        column.append(value or None)
                    rows.append(row)
                row += 1
    except csv.Error as e:
        if "field larger than field limit" in str(e):
            raise CldFileError(
                source,
                FileRule.FIELD_TOO_LONG,
                f"a value is longer than a spreadsheet cell can hold ({MAX_FIELD_CHARS:,} "
                "characters): usually a quote that is never closed",
                row=row,
            ) from e
        raise CldFileError(
            source,
            FileRule.MALFORMED,
            f"the row starting here is not valid CSV ({e}): a quoted value is never "
            "closed, so the file may be truncated",
            row=row,
        ) from e
    return _Grid(header, _frame(columns), pl.Series(rows, dtype=pl.Int64), encoding)


def _guess_encoding(head: bytes) -> str:
    """UTF-8 (with or without BOM) if the start decodes as UTF-8, else Windows-1252."""
    cut = head.rfind(b"\n")
    sample = head if cut < 0 else head[: cut + 1]
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _looks_binary(head: bytes) -> bool:
    control = sum(1 for b in head[:4096] if b < 9 or 13 < b < 32)
    return control > len(head[:4096]) // 20


def _delimiter_error(source: str, line: str) -> CldFileError:
    counts = {name: line.count(ch) for name, ch in (("semicolons", ";"), ("tabs", "\t"))}
    counts["vertical bars"] = line.count("|")
    found = ", ".join(f"{n} {name}" for name, n in counts.items() if n)
    return CldFileError(
        source,
        FileRule.DELIMITER,
        "the header is not comma-separated"
        + (f" (it has {found})" if found else " (it has one column)")
        + ": CLD files are CSV with commas; save as 'CSV UTF-8 (comma delimited)'",
        row=1,
    )


def _field_count_error(source: str, row: int, got: int, width: int) -> CldFileError:
    return CldFileError(
        source,
        FileRule.MALFORMED,
        f"this row has {got} fields but the header has {width}: the file may be "
        "truncated, or a value contains an unquoted comma or line break",
        row=row,
    )


def _encoding_error(source: str) -> CldFileError:
    return CldFileError(
        source,
        FileRule.ENCODING,
        "the text is neither UTF-8 nor Windows-1252; save it as 'CSV UTF-8 (comma delimited)'",
    )


# Workbooks ------------------------------------------------------------------


def _read_workbook(path: Path, source: str) -> _Grid:
    """The first sheet with CLD headers (else the first sheet) of an Excel workbook.

    Formulas are never evaluated: a formula cell gives the value Excel saved
    with it (text that merely starts with "=" is text). Dates formatted as
    dates arrive as dates; numbers in date columns are Excel serial dates.
    """
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        sheets = [book.get_sheet_by_name(name).to_python() for name in book.sheet_names]
    except Exception as e:  # calamine raises its own error types for each fault
        raise CldFileError(
            source, FileRule.WORKBOOK, f"this is not a readable Excel workbook ({e})"
        ) from e
    candidates = [_sheet_rows(rows) for rows in sheets]
    candidates = [c for c in candidates if c is not None]
    if not candidates:
        raise CldFileError(source, FileRule.EMPTY, "the workbook's sheets are all empty")
    known = fields_by_header()
    best = max(
        candidates, key=lambda c: sum(header_key(str(h)) in known for h in c[1][c[0]] if h != "")
    )
    first, cells = best
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
    return _Grid(header, _frame(columns), pl.Series(rows, dtype=pl.Int64), "xlsx")


def _frame(columns: list[list[str | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        {f"c{i}": c for i, c in enumerate(columns)},
        schema=dict.fromkeys((f"c{i}" for i in range(len(columns))), pl.String),
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
        if value != int(value) or not 1 <= value <= 2_958_465:
            return _cell_text(value)  # not a whole day: left for the date rules to reject
        days = int(value)
        if days == 60:  # Excel's 29/02/1900, a day that never was
            return "1900-02-29"
        origin = dt.date(1899, 12, 31) if days < 60 else dt.date(1899, 12, 30)
        return (origin + dt.timedelta(days=days)).isoformat()
    return _cell_text(value)


# Header and frame -------------------------------------------------------------


def _to_raw(path: Path, source: str, grid: _Grid) -> RawFile:
    header = [h.strip().lstrip("\ufeff") for h in grid.header]
    fields = _match_header(source, header)
    frame = grid.table
    if frame.height == 0:
        raise CldFileError(source, FileRule.HEADER_ONLY, "the file has a header but no rows")
    shortest, longest = _lengths(frame)
    # A quoted empty value ("") is as blank as an empty one.
    frame = frame.with_columns(
        pl.when(pl.col(name) != "").then(pl.col(name)).alias(name)
        for name, size in shortest.items()
        if size == 0
    )
    if grid.rows is None:  # a row index keeps the reader's chunks (no copy)
        frame = frame.with_row_index("source_row", offset=2)
        frame = frame.with_columns(pl.col("source_row").cast(pl.Int64))
    else:
        frame = frame.with_columns(grid.rows.alias("source_row"))
    blank = pl.all_horizontal(pl.exclude("source_row").is_null())
    blank_rows = frame.select(blank.sum()).item()
    if blank_rows:
        frame = frame.filter(~blank)
    if frame.height == 0:
        raise CldFileError(source, FileRule.HEADER_ONLY, "the file has a header but no values")
    _check_lengths(source, frame, header, longest)
    known = {f"c{i}": field.value for i, field in enumerate(fields) if field is not None}
    unknown = {
        f"c{i}": name or f"(column {i + 1})"
        for i, (name, field) in enumerate(zip(header, fields, strict=True))
        if field is None
    }
    unknown_long = (
        frame.select("source_row", *unknown)
        .rename(unknown)
        .unpivot(index="source_row", variable_name="column", value_name="value")
        .drop_nulls("value")
        .select(pl.lit(source).alias("source"), "source_row", "column", "value")
        if unknown
        else pl.DataFrame(
            schema={
                "source": pl.String,
                "source_row": pl.Int64,
                "column": pl.String,
                "value": pl.String,
            }
        )
    )
    frame = frame.select("source_row", *known).rename(known)
    missing = [f for f in Field if f.value not in frame.columns]
    frame = frame.with_columns(pl.lit(None, pl.String).alias(f.value) for f in missing)
    frame = frame.select("source_row", *(f.value for f in Field))
    present = tuple(f for f in Field if f not in missing)
    return RawFile(path, source, frame, present, unknown_long, grid.encoding, blank_rows)


def _match_header(source: str, header: list[str]) -> list[Field | None]:
    """The field of each column (None for an unknown one); refuses unusable headers."""
    known = fields_by_header()
    seen_names: dict[str, int] = {}
    seen_fields: dict[Field, int] = {}
    fields: list[Field | None] = []
    for i, name in enumerate(header):
        if name and name in seen_names:
            raise _duplicate_error(source, name, seen_names[name], i)
        seen_names[name] = i
        field = known.get(header_key(name)) if name else None
        if field is not None and field in seen_fields:
            raise _duplicate_error(source, name, seen_fields[field], i, header[seen_fields[field]])
        if field is not None:
            seen_fields[field] = i
        fields.append(field)
    if not seen_fields:
        shown = ", ".join(repr(h) for h in header[:5]) + (" …" if len(header) > 5 else "")
        raise CldFileError(
            source,
            FileRule.NO_CLD_COLUMNS,
            f"none of the {len(header)} columns is a CLD field (the header reads {shown})",
            row=1,
        )
    needed = [f for f in Field if spec(f).blank_severity == "error"]
    missing = [f.value for f in needed if f not in seen_fields]
    if missing:
        raise CldFileError(
            source,
            FileRule.MISSING_COLUMNS,
            f"the file has no column for {', '.join(missing)}, which every row needs",
            row=1,
        )
    return fields


def _duplicate_error(
    source: str, name: str, first: int, second: int, first_name: str | None = None
) -> CldFileError:
    same = f"'{name}'" if first_name is None else f"'{first_name}' and '{name}' (the same field)"
    return CldFileError(
        source,
        FileRule.DUPLICATE_COLUMNS,
        f"columns {_column_letter(first)} and {_column_letter(second)} are both {same}: "
        "remove one so each field has one column",
        row=1,
    )


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _lengths(frame: pl.DataFrame) -> tuple[dict[str, int | None], dict[str, int | None]]:
    """The shortest and the longest value of each column, in bytes (one pass)."""
    lengths = (
        frame.lazy()
        .select(
            *(pl.col(c).str.len_bytes().min().alias(f"min {c}") for c in frame.columns),
            *(pl.col(c).str.len_bytes().max().alias(f"max {c}") for c in frame.columns),
        )
        .collect()  # both from one length per value: common subexpressions are shared
        .row(0)
    )
    width = frame.width
    return dict(zip(frame.columns, lengths[:width], strict=True)), dict(
        zip(frame.columns, lengths[width:], strict=True)
    )


def _check_lengths(
    source: str, frame: pl.DataFrame, header: list[str], longest: dict[str, int | None]
) -> None:
    """Refuse a value longer than any spreadsheet cell: the file's quoting is broken."""
    for name, size in longest.items():
        if size is None or size <= MAX_FIELD_CHARS:
            continue
        chars = frame.get_column(name).str.len_chars()
        if chars.max() <= MAX_FIELD_CHARS:  # type: ignore[operator]
            continue
        at = int(chars.arg_max())  # type: ignore[arg-type]
        row = int(frame.get_column("source_row")[at])
        column = header[int(name[1:])] or f"column {int(name[1:]) + 1}"
        raise CldFileError(
            source,
            FileRule.FIELD_TOO_LONG,
            f"'{column}' holds {chars[at]:,} characters, more than a spreadsheet cell can "
            f"({MAX_FIELD_CHARS:,}): usually a quote that is never closed",
            row=row,
        )


def iter_sources(paths: list[Path]) -> Iterator[tuple[Path, str]]:
    """Each path with the name its rows will carry as ``source`` (names made unique)."""
    names = [p.name for p in paths]
    for path, name in zip(paths, names, strict=True):
        yield path, (name if names.count(name) == 1 else str(path))
