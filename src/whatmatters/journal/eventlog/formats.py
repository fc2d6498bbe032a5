"""Which format an event log file is in, and opening it (gzip or not)."""

from __future__ import annotations

import gzip
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

from whatmatters.journal.eventlog.problems import EventLogError, Problem

GZIP_MAGIC = b"\x1f\x8b"


class LogFormat(StrEnum):
    CSV = "csv"
    PARQUET = "parquet"
    XES = "xes"


_SUFFIXES = {
    ".csv": LogFormat.CSV,
    ".parquet": LogFormat.PARQUET,
    ".pq": LogFormat.PARQUET,
    ".xes": LogFormat.XES,
    ".xes.gz": LogFormat.XES,
}


def detect_format(path: Path) -> LogFormat:
    """The format by the file's name (``.csv``, ``.parquet``, ``.xes``, ``.xes.gz``)."""
    name = path.name.lower()
    for suffix, log_format in _SUFFIXES.items():
        if name.endswith(suffix):
            return log_format
    known = ", ".join(_SUFFIXES)
    raise EventLogError(
        [Problem(path.name, f"cannot tell the event log's format from its name (use {known})")]
    )


def check_readable(path: Path) -> None:
    """Fail with a clear message when ``path`` is missing, a folder or empty."""
    if not path.exists():
        message = "no such file"
    elif not path.is_file():
        message = "is not a file"
    elif path.stat().st_size == 0:
        message = "the file is empty"
    else:
        return
    raise EventLogError([Problem(str(path), message)])


def open_maybe_gzip(raw: BinaryIO) -> BinaryIO:
    """``raw``, decompressed if it starts with the gzip signature (whatever its name)."""
    head = raw.read(2)
    raw.seek(0)
    if head == GZIP_MAGIC:
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    return raw
