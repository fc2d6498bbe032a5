"""CSV and Parquet event logs: one event per row, streamed.

CSV is read with Python's ``csv`` module rather than a columnar reader so
that every problem can name its row exactly (a spreadsheet's numbering:
the header is row 1, the first event row 2). Parquet is read batch by batch;
its rows are numbered from 1.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from whatmatters.journal.eventlog.problems import ProblemLog

Record = dict[str, object]
Progress = Callable[[int, int], None]  # (done, total) in bytes or rows
DELIMITERS = (",", ";", "\t", "|")
FIELD_LIMIT = 10 * 2**20  # a 10 MB field is a broken file, not a long note
PARQUET_BATCH = 65_536
# What a damaged Parquet file raises: Arrow's errors, I/O errors, and a column
# name that is not UTF-8 (pyarrow decodes names with no fallback).
_DAMAGED = (pa.ArrowException, OSError, UnicodeDecodeError)


def check_header(names: list[str], problems: ProblemLog) -> None:
    """Fail on duplicate or empty column names (they would make fields ambiguous)."""
    duplicates = [name for name, n in Counter(names).items() if n > 1]
    if duplicates:
        name = duplicates[0]
        where = ", ".join(str(i + 1) for i, n in enumerate(names) if n == name)
        raise problems.fail(f"duplicate column name {name!r} (columns {where})", row=1)


def csv_encoding(path: Path, problems: ProblemLog) -> str:
    """UTF-8 (with or without BOM) when the whole file decodes so; else Windows-1252.

    Checked before reading (in chunks, in bounded memory) so an import never
    stops half way on a stray byte. Binary data is refused.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8 = True
    with path.open("rb") as f:
        while chunk := f.read(2**20):
            if b"\x00" in chunk:
                raise problems.fail("not a CSV file: it holds binary data (NUL bytes)")
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
        if utf8:
            try:
                decoder.decode(b"", final=True)  # a character cut off at the end
            except UnicodeDecodeError:
                utf8 = False
    if utf8:
        return "utf-8-sig"
    try:
        with path.open(encoding="cp1252") as f:
            while f.read(2**20):
                pass
    except UnicodeDecodeError:
        raise problems.fail("not a CSV file: it is neither UTF-8 nor Windows-1252 text") from None
    return "cp1252"


def read_csv(
    path: Path,
    encoding: str,
    problems: ProblemLog,
    on_progress: Progress | None = None,
) -> tuple[list[str], Iterator[tuple[int, Record]]]:
    """The header and an iterator of (spreadsheet row, record) for a CSV file.

    The file is opened twice: here for the header, and again by the iterator,
    so nothing stays open if the caller stops at the header.
    """
    csv.field_size_limit(FIELD_LIMIT)
    with path.open(encoding=encoding, newline="") as text:
        delimiter = max(DELIMITERS, key=text.readline().count)
        text.seek(0)
        try:
            header = next(csv.reader(text, delimiter=delimiter), None)
        except csv.Error as error:
            raise problems.fail(f"the header cannot be read as CSV: {error}", row=1) from None
    if not header or not any(name.strip() for name in header):
        raise problems.fail("the file has no header row", row=1)
    check_header(header, problems)
    size = path.stat().st_size

    def records() -> Iterator[tuple[int, Record]]:
        row = 1
        with path.open("rb") as raw, io.TextIOWrapper(raw, encoding=encoding, newline="") as text:
            reader = csv.reader(text, delimiter=delimiter)
            try:
                next(reader)  # the header, read above
                for row, fields in enumerate(reader, start=2):
                    if not fields:
                        continue  # a blank line: a spreadsheet's empty row
                    if len(fields) != len(header):
                        problems.add(
                            f"has {len(fields)} fields but the header has {len(header)}"
                            f" (delimiter {delimiter!r})",
                            row,
                        )
                        continue
                    yield row, dict(zip(header, fields, strict=True))
                    if on_progress is not None and row % 10_000 == 0:
                        on_progress(raw.tell(), size)
            except csv.Error as error:
                raise problems.fail(f"cannot be read as CSV: {error}", row=row + 1) from None

    return header, records()


def read_parquet(
    path: Path, problems: ProblemLog, on_progress: Progress | None = None
) -> tuple[list[str], Iterator[tuple[int, Record]]]:
    """The column names and an iterator of (record number from 1, record)."""
    try:
        names = pq.read_schema(path).names
    except _DAMAGED as error:
        raise problems.fail(f"not a Parquet file ({error})") from None
    check_header(names, problems)

    def records() -> Iterator[tuple[int, Record]]:
        row = 0
        try:
            with pq.ParquetFile(path) as parquet:
                total = parquet.metadata.num_rows
                for batch in parquet.iter_batches(batch_size=PARQUET_BATCH):
                    for record in _python_records(batch):
                        row += 1
                        yield row, record
                    if on_progress is not None:
                        on_progress(row, total)
        except _DAMAGED as error:
            raise problems.fail(f"the Parquet file is damaged ({error})", row=row + 1) from None

    return names, records()


def _python_records(batch: pa.RecordBatch) -> list[Record]:
    """The batch's rows as dicts; a value Python cannot hold becomes text naming it.

    A date32 of 2**31-1 days or a timestamp past year 9999 has no Python
    ``datetime``: rather than fail the whole batch, that one value is given as
    text (``date32 2147483647``), which the event builder then reports as not a
    timestamp, with its row and field.
    """
    try:
        return batch.to_pylist()
    except (OverflowError, ValueError):
        columns = {name: _python_values(batch.column(name)) for name in batch.schema.names}
        return [
            dict(zip(columns, values, strict=True))
            for values in zip(*columns.values(), strict=True)
        ]


def _python_values(column: pa.Array) -> list[object]:
    try:
        return column.to_pylist()
    except (OverflowError, ValueError):
        return [_python_value(column, i) for i in range(len(column))]


def _python_value(column: pa.Array, index: int) -> object:
    scalar = column[index]
    try:
        return scalar.as_py()
    except (OverflowError, ValueError):
        raw = pa.array([scalar]).view(
            pa.int64() if pa.types.is_timestamp(column.type) else pa.int32()
        )
        return f"{column.type} {raw[0].as_py()} (beyond what a calendar holds)"
