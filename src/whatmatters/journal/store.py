"""Reading and writing journals on disk.

A journal is a folder::

    JOURNAL/
      manifest.json          schema version, row count, sources, notes
      events/part-00000.parquet, part-00001.parquet, …

Parts let a large journal be written in bounded memory and read in parallel;
any Parquet reader (DuckDB, Polars, Spark) opens ``JOURNAL/events/*.parquet``.

Writing is atomic: parts are written into a hidden sibling folder which is
renamed into place only when everything succeeded, so an interrupted or
failed write leaves no journal (and leaves an existing one untouched).
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from whatmatters.journal.schema import SCHEMA, SCHEMA_VERSION, conform

MANIFEST = "manifest.json"
EVENTS = "events"
ROW_GROUP_ROWS = 256_000
# Identifiers of a row or a person rarely repeat within a row group: a Parquet
# dictionary for them is built, outgrows its page and is abandoned, which costs
# a quarter of the writing time and makes the file larger. Every other column
# (codes, kinds, teams, dates, amounts) repeats and is dictionary-encoded.
_WITHOUT_DICTIONARY = frozenset(
    {"event_id", "source_row", "person_id", "nhs_number", "la_person_id", "event_reference"}
)
_DICTIONARY_COLUMNS = [name for name in SCHEMA.names if name not in _WITHOUT_DICTIONARY]


class JournalError(Exception):
    """A journal could not be read or written; the message says why."""


def events_glob(path: str | Path) -> str:
    """The glob of a journal's Parquet parts (or the file itself if given one)."""
    path = Path(path)
    if path.is_file() and path.suffix == ".parquet":
        return str(path)
    return str(path / EVENTS / "*.parquet")


def read_manifest(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    manifest = path / MANIFEST
    if not manifest.is_file():
        raise JournalError(f"{path} is not a journal: it has no {MANIFEST}")
    return json.loads(manifest.read_text(encoding="utf-8"))


def is_journal(path: str | Path) -> bool:
    return (Path(path) / MANIFEST).is_file()


class JournalWriter:
    """Write a journal atomically, part by part.

    >>> with JournalWriter(out) as writer:          # doctest: +SKIP
    ...     writer.write(table)                       # any subset of columns
    ...     writer.manifest["sources"] = ["a.csv"]
    """

    def __init__(self, path: str | Path, *, rows_per_part: int = 1_000_000) -> None:
        self.path = Path(path)
        self.rows_per_part = rows_per_part
        self.manifest: dict[str, Any] = {}
        self.rows = 0
        self._parts = 0
        self._writer: pq.ParquetWriter | None = None
        self._rows_in_part = 0
        self._temp = self.path.parent / f".{self.path.name}.writing-{uuid.uuid4().hex[:8]}"

    def __enter__(self) -> JournalWriter:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists() and not is_journal(self.path):
            raise JournalError(f"{self.path} exists and is not a journal; refusing to replace it")
        (self._temp / EVENTS).mkdir(parents=True)
        return self

    def write(self, table: pa.Table | pa.RecordBatch) -> None:
        """Append rows; columns not given are left empty."""
        if isinstance(table, pa.RecordBatch):
            table = pa.Table.from_batches([table])
        table = conform(table)
        offset = 0
        while offset < table.num_rows:
            if self._writer is None or self._rows_in_part >= self.rows_per_part:
                self._open_part()
            take = min(table.num_rows - offset, self.rows_per_part - self._rows_in_part)
            assert self._writer is not None
            self._writer.write_table(table.slice(offset, take), row_group_size=ROW_GROUP_ROWS)
            self._rows_in_part += take
            offset += take
        self.rows += table.num_rows

    def side_path(self, name: str) -> Path:
        """A path inside the journal for a side file (e.g. ``aside/unknown_columns.parquet``).

        Side files are written into the hidden folder too, so they appear with
        the journal atomically, or not at all.
        """
        path = self._temp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def _open_part(self) -> None:
        if self._writer is not None:
            self._writer.close()
        name = self._temp / EVENTS / f"part-{self._parts:05d}.parquet"
        self._writer = pq.ParquetWriter(
            name, SCHEMA, compression="zstd", use_dictionary=_DICTIONARY_COLUMNS
        )
        self._parts += 1
        self._rows_in_part = 0

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if self._writer is not None:
                self._writer.close()
            if exc_type is not None:
                return
            if self._parts == 0:  # an empty journal still has one (empty) part
                self._open_part()
                assert self._writer is not None
                self._writer.close()
            manifest = {"schema_version": SCHEMA_VERSION, "rows": self.rows, **self.manifest}
            (self._temp / MANIFEST).write_text(
                json.dumps(manifest, indent=2, sort_keys=True, default=str) + "\n",
                encoding="utf-8",
            )
            replace_folder(self._temp, self.path)
        finally:
            shutil.rmtree(self._temp, ignore_errors=True)


def replace_folder(new: Path, target: Path) -> None:
    """Move the folder ``new`` to ``target``, replacing an old one there (a journal,
    a report); if the move fails, the old one is put back."""
    if not target.exists():
        new.rename(target)
        return
    old = target.parent / f".{target.name}.old-{uuid.uuid4().hex[:8]}"
    target.rename(old)
    try:
        new.rename(target)
    except BaseException:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def write_journal(path: str | Path, tables: Iterable[pa.Table], **manifest: Any) -> int:
    """Write ``tables`` as one journal at ``path``; returns the row count."""
    with JournalWriter(path) as writer:
        writer.manifest.update(manifest)
        for table in tables:
            writer.write(table)
    return writer.rows


def read_journal(path: str | Path) -> pa.Table:
    """The whole journal as one Arrow table (for small journals and tests)."""
    path = Path(path)
    if not path.exists():
        raise JournalError(f"no journal at {path}")
    if path.is_dir():
        read_manifest(path)
    return pq.read_table(events_glob(path).replace("*.parquet", ""), schema=SCHEMA)
