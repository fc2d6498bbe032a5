"""Reading a CLD file (CSV or Excel workbook) into a table of text.

Every value is read as text, exactly as written; typing and checking come
later (``prepare.py``, ``rules/``). What this module refuses is a file that
cannot be read as a table at all — empty, binary, the wrong delimiter,
duplicate columns, a truncated row, a value no spreadsheet could hold, a
control character inside a value — each with a message that names the file
and, where there is one, the row and the column. CSV is read by
``read_csv.py``, workbooks by ``read_workbook.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from whatmatters.journal.cld.fields import Field, fields_by_header, header_key, spec
from whatmatters.journal.cld.read_csv import read_csv
from whatmatters.journal.cld.read_grid import (
    MAX_FIELD_CHARS,
    CldFileError,
    FileRule,
    Grid,
)
from whatmatters.journal.cld.read_workbook import read_workbook

__all__ = ["CldFileError", "FileRule", "RawFile", "iter_sources", "read_cld_file"]

# C0 controls and DEL; tab, line feed and carriage return are text in a quoted value.
_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
_ZIP = b"PK\x03\x04"  # .xlsx, .xlsm
_OLE = b"\xd0\xcf\x11\xe0"  # .xls


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
        grid = read_workbook(path, source)
    else:
        grid = read_csv(path, source, head)
    return _to_raw(path, source, grid)


# Header and frame -------------------------------------------------------------


def _to_raw(path: Path, source: str, grid: Grid) -> RawFile:
    header = [h.strip().lstrip("\ufeff") for h in grid.header]
    fields = _match_header(source, header)
    frame = grid.table
    if frame.height == 0:
        raise CldFileError(source, FileRule.HEADER_ONLY, "the file has a header but no rows")
    if grid.rows is None:  # a row index keeps the reader's chunks (no copy)
        frame = frame.with_row_index("source_row", offset=2)
        frame = frame.with_columns(pl.col("source_row").cast(pl.Int64))
    else:
        frame = frame.with_columns(grid.rows.alias("source_row"))
    known = {f"c{i}": field.value for i, field in enumerate(fields) if field is not None}
    unknown = {
        f"c{i}": name or f"(column {i + 1})"
        for i, (name, field) in enumerate(zip(header, fields, strict=True))
        if field is None
    }
    # Unknown columns are folded into one long column first: a file with 20,000 of
    # them is then checked as one column of values, not 20,000 columns of rows.
    unknown_long = _long_form(source, frame, unknown)
    frame = frame.select("source_row", *known).rename(known)
    frame = _blank_as_null(frame)
    blank = pl.all_horizontal(pl.exclude("source_row").is_null())
    if not unknown_long.is_empty():
        blank = blank & ~pl.col("source_row").is_in(unknown_long.get_column("source_row"))
    blank_rows = frame.select(blank.sum()).item()
    if blank_rows:
        frame = frame.filter(~blank)
    if frame.height == 0:
        raise CldFileError(source, FileRule.HEADER_ONLY, "the file has a header but no values")
    cells = [frame, unknown_long.select("source_row", pl.col("value").alias("column"))]
    _check_lengths(source, cells, unknown_long)
    _check_control_characters(source, cells, unknown_long)
    missing = [f for f in Field if f.value not in frame.columns]
    frame = frame.with_columns(pl.lit(None, pl.String).alias(f.value) for f in missing)
    frame = frame.select("source_row", *(f.value for f in Field))
    present = tuple(f for f in Field if f not in missing)
    return RawFile(path, source, frame, present, unknown_long, grid.encoding, blank_rows)


def _long_form(source: str, frame: pl.DataFrame, unknown: dict[str, str]) -> pl.DataFrame:
    """The values of columns that are not CLD fields: source, source_row, column, value."""
    if not unknown:
        return pl.DataFrame(
            schema={
                "source": pl.String,
                "source_row": pl.Int64,
                "column": pl.String,
                "value": pl.String,
            }
        )
    return (
        frame.select("source_row", *unknown)
        .rename(unknown)
        .unpivot(index="source_row", variable_name="column", value_name="value")
        .filter(pl.col("value").is_not_null() & (pl.col("value") != ""))
        .select(pl.lit(source).alias("source"), "source_row", "column", "value")
    )


def _blank_as_null(frame: pl.DataFrame) -> pl.DataFrame:
    """A quoted empty value ("") is as blank as an empty one."""
    columns = [c for c in frame.columns if c != "source_row"]
    shortest = frame.select(pl.col(columns).str.len_bytes().min()).row(0)
    return frame.with_columns(
        pl.when(pl.col(name) != "").then(pl.col(name)).alias(name)
        for name, size in zip(columns, shortest, strict=True)
        if size == 0
    )


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


def _first_hit(
    cells: list[pl.DataFrame], unknown: pl.DataFrame, test: Callable[[pl.Expr], pl.Expr]
) -> tuple[int, str, str, int] | None:
    """(row, column, value, rows hit) of the first value for which ``test`` holds.

    ``cells`` are the CLD columns (one column per field) and the long form of the
    other columns, whose column names are in ``unknown``; both carry source_row.
    """
    found: list[tuple[int, str, str]] = []
    hits = 0
    for index, frame in enumerate(cells):
        columns = [c for c in frame.columns if c != "source_row"]
        if not columns or frame.is_empty():
            continue
        mask = frame.select(pl.any_horizontal(test(pl.col(columns))).fill_null(False))
        mask = mask.to_series()
        if not mask.any():
            continue
        hits += int(mask.sum())
        at = int(mask.arg_true()[0])
        record = frame.row(at, named=True)
        single = pl.DataFrame(
            {c: [record[c]] for c in columns}, schema=frame.select(columns).schema
        )
        name = next(c for c in columns if single.select(test(pl.col(c))).item())
        column = unknown.get_column("column")[at] if index else name
        found.append((int(record["source_row"]), column, record[name]))
    if not found:
        return None
    row, column, value = min(found)
    return row, column, value, hits


def _check_lengths(source: str, cells: list[pl.DataFrame], unknown: pl.DataFrame) -> None:
    """Refuse a value longer than any spreadsheet cell: the file's quoting is broken."""
    hit = _first_hit(cells, unknown, lambda c: c.str.len_chars() > MAX_FIELD_CHARS)
    if hit is not None:
        row, column, value, _ = hit
        raise CldFileError(
            source,
            FileRule.FIELD_TOO_LONG,
            f"'{column}' holds {len(value):,} characters, more than a spreadsheet cell can "
            f"({MAX_FIELD_CHARS:,}): usually a quote that is never closed",
            row=row,
        )


def _check_control_characters(
    source: str, cells: list[pl.DataFrame], unknown: pl.DataFrame
) -> None:
    """Refuse a control character anywhere in a value (a NUL in a person id makes a
    phantom person): no spreadsheet writes one, so the export is damaged."""
    hit = _first_hit(cells, unknown, lambda c: c.str.contains(_CONTROL))
    if hit is not None:
        row, column, value, hits = hit
        char = re.search(_CONTROL, value).group()  # type: ignore[union-attr]
        raise CldFileError(
            source,
            FileRule.CONTROL_CHARACTER,
            f"'{column}' holds a control character ({char!r}); no spreadsheet writes one, "
            "so the export is damaged: remove it and export again"
            + (f" ({hits - 1:,} more values hold one)" if hits > 1 else ""),
            row=row,
        )


def iter_sources(paths: list[Path]) -> Iterator[tuple[Path, str]]:
    """Each path with the name its rows will carry as ``source`` (names made unique)."""
    names = [p.name for p in paths]
    for path, name in zip(paths, names, strict=True):
        yield path, (name if names.count(name) == 1 else str(path))
