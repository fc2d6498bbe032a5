"""Reading and writing journals on disk.

A journal is a folder::

    JOURNAL/
      manifest.json          schema version, row count, sources, notes
      events/part-00000.parquet, part-00001.parquet, …

Parts let a large journal be written in bounded memory and read in parallel;
any Parquet reader (DuckDB, Polars, Spark) opens ``JOURNAL/events/*.parquet``.

Writing is atomic: parts are written into a hidden sibling folder which
replaces the journal only when everything succeeded, in one step
(``replace_folder``), so at every moment — even if the process is killed or
the power fails — the path holds the whole old journal or the whole new one.
Every writer of an output folder (journals, reports, the synthetic council's
CLD files) goes through ``writing_folder`` and ``replace_folder`` (most
through ``folder_written``, which pairs them); see
docs/journal.md, "Writes with no gap".
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import glob
import json
import os
import shutil
import sys
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
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
        self._temp = self.path  # set on entering

    def __enter__(self) -> JournalWriter:
        if self.path.exists() and not is_journal(self.path):
            raise JournalError(f"{self.path} exists and is not a journal; refusing to replace it")
        self._temp = writing_folder(self.path)
        (self._temp / EVENTS).mkdir()
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


# Writes with no gap ----------------------------------------------------------------

_WRITING, _OLD = "writing", "old"


def writing_folder(target: Path) -> Path:
    """A new, empty hidden folder beside ``target`` to write its next version into.

    Leftovers of earlier runs that were killed (``.NAME.writing-*``, and
    ``.NAME.old-*`` where no atomic exchange exists) are cleaned up first; an
    old version left aside by a kill is put back if the path is empty.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(target)
    temp = target.parent / f".{target.name}.{_WRITING}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    temp.mkdir()
    return temp


@contextmanager
def folder_written(target: Path) -> Iterator[Path]:
    """A hidden folder to write ``target``'s next version into, put in its place on success.

    If the block raises, the new version is thrown away and ``target`` keeps
    the old one; either way nothing half-written is left beside it.
    """
    temp = writing_folder(target)
    try:
        yield temp
        replace_folder(temp, target)
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def replace_folder(new: Path, target: Path) -> None:
    """Put the folder ``new`` at ``target`` in one step, replacing an old one there.

    Files and folders are flushed to disk first (they survive a power cut once
    this returns). Where the system can exchange two paths atomically (Linux
    ``renameat2(RENAME_EXCHANGE)``, macOS ``renamex_np(RENAME_SWAP)``) the old
    and new folders swap places, so ``target`` never stops holding a whole
    version, and the old one, now at ``new``, is then removed. Elsewhere the
    old folder is renamed aside and the new one into place; a kill between
    the two leaves the old version in ``.NAME.old-*``, put back by the next
    run (``clean_leftovers``).
    """
    new, target = Path(new), Path(target)
    _sync_tree(new)
    if not target.exists():
        os.rename(new, target)
    elif _exchange(new, target):
        _sync_folder(target.parent)
        shutil.rmtree(new, ignore_errors=True)
    else:
        _replace_in_two_steps(new, target)
    _sync_folder(target.parent)


def clean_leftovers(target: Path) -> list[Path]:
    """Remove what killed runs left beside ``target``; returns what was removed.

    A folder still being written by a live process (its id is in the name) is
    left alone. If ``target`` is missing but an old version was set aside, the
    newest one is put back first.
    """
    target = Path(target)
    if not target.parent.is_dir():
        return []
    leftovers = sorted(
        (p for p in target.parent.glob(f".{glob.escape(target.name)}.*-*") if p.is_dir()),
        key=lambda p: p.stat().st_mtime,
    )
    olds = [p for p in leftovers if _kind(p, target) == _OLD]
    if olds and not target.exists():
        os.rename(olds[-1], target)
        leftovers.remove(olds[-1])
    removed = []
    for path in leftovers:
        if _kind(path, target) in (_WRITING, _OLD) and not _writer_alive(path, target):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    if removed:
        _sync_folder(target.parent)
    return removed


def _kind(path: Path, target: Path) -> str | None:
    rest = path.name.removeprefix(f".{target.name}.")
    kind, _, _ = rest.partition("-")
    return kind if kind in (_WRITING, _OLD) else None


def _writer_alive(path: Path, target: Path) -> bool:
    """True if the process named in a leftover's name is still running (not ours)."""
    rest = path.name.removeprefix(f".{target.name}.").partition("-")[2]
    pid_text = rest.partition("-")[0]
    if not pid_text.isdigit() or int(pid_text) == os.getpid():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _replace_in_two_steps(new: Path, target: Path) -> None:
    old = target.parent / f".{target.name}.{_OLD}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    os.rename(target, old)
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(old, target)
        raise
    _sync_folder(target.parent)
    shutil.rmtree(old, ignore_errors=True)


def _exchange_function() -> tuple[object, int] | None:
    """The C function that swaps two paths atomically, and its flag, if there is one."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        return libc.renameat2, 2  # RENAME_EXCHANGE (glibc 2.28+)
    if sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        return libc.renamex_np, 2  # RENAME_SWAP
    return None


_EXCHANGE = _exchange_function()
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap ``a`` and ``b`` in one step; False if this system or file system cannot."""
    if _EXCHANGE is None:
        return False
    function, flag = _EXCHANGE
    if sys.platform == "darwin":
        result = function(os.fsencode(a), os.fsencode(b), flag)  # type: ignore[operator]
    else:
        result = function(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), flag)  # type: ignore[operator]
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # e.g. a file system without the exchange (some network mounts)
    raise OSError(code, os.strerror(code), str(b))


def _sync_tree(folder: Path) -> None:
    """Flush every file and folder under ``folder`` to disk."""
    for root, _, files in os.walk(folder):
        for name in files:
            descriptor = os.open(os.path.join(root, name), os.O_RDONLY)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
        _sync_folder(Path(root))


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename is durable once its folder is synced)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return  # e.g. Windows, where folders cannot be opened
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the rename still stands
    finally:
        os.close(descriptor)


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
