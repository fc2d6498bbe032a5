"""Opening a journal as an Ibis table, on DuckDB by default."""

from __future__ import annotations

from pathlib import Path

import ibis
from ibis.backends import BaseBackend

from whatmatters.journal.store import JournalError, events_glob, read_manifest


def open_journal(path: str | Path, con: BaseBackend | None = None) -> ibis.Table:
    """The journal at ``path`` as an Ibis table.

    ``con`` defaults to a new embedded DuckDB connection; the check engine
    runs the same expressions on any backend that can read the table.
    """
    path = Path(path)
    if path.is_dir():
        read_manifest(path)
    elif path.is_file() and path.suffix != ".parquet":
        raise JournalError(
            f"{path} is a file, not a journal: import it first (`whatmatters import cld` or "
            "`import events`), or check it directly (`whatmatters check`)"
        )
    elif not path.is_file():
        raise JournalError(f"no journal at {path}")
    con = con if con is not None else ibis.duckdb.connect()
    return con.read_parquet(events_glob(path))
