"""Where the check runs: embedded DuckDB, or the casework database (SQLite, PostgreSQL).

The measures are Ibis expressions; this module only finds the journal table
on a backend (running the check is ``check/run.py``'s). The casework app
keeps a table with exactly the journal's columns in its own database, so
``--backend sqlite`` and ``--backend postgres`` read that table in place
(``journal/database.py``, the one way into such a database); a journal
folder can also be copied into a fresh SQLite database to check the two
backends agree. ``--backend spark`` reads a table in Spark's catalog or
journal files (``check/spark_backend.py``).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import ibis
import ibis.expr.types as ir
import pyarrow as pa
from ibis.backends import BaseBackend

from whatmatters.check.engines import DEFAULT_TABLE, Backend
from whatmatters.check.errors import CheckError
from whatmatters.journal.database import (
    DatabaseError,
    is_sqlite_file,
    open_journal_database,
)
from whatmatters.journal.store import JournalError, is_journal, read_journal
from whatmatters.journal.tables import open_journal


def journal_table(
    source: str | Path,
    backend: Backend,
    table: str = DEFAULT_TABLE,
    *,
    memory_limit: str | None = None,
) -> ir.Table:
    """The journal found at ``source`` as an Ibis table on ``backend``.

    ``source`` is a journal folder or Parquet file (any backend: copied in
    for SQLite), a SQLite database file, or a PostgreSQL URL; ``table`` names
    the journal table inside a database. ``memory_limit`` (DuckDB, e.g.
    "1.5GB") bounds DuckDB's memory: beyond it, work spills to a temporary
    folder.
    """
    backend = Backend(backend)
    text = str(source)
    if backend is Backend.SPARK:
        from whatmatters.check.spark_backend import spark_journal_table, spark_session

        return spark_journal_table(text, spark_session())
    if backend is Backend.POSTGRES and not text.startswith(("postgres://", "postgresql://")):
        raise CheckError(
            f"with --backend postgres give a database URL (postgresql://…), not {text}"
        )
    path = Path(source)
    if backend is Backend.POSTGRES or (backend is Backend.SQLITE and is_sqlite_file(path)):
        try:
            return open_journal_database(text, table)
        except DatabaseError as e:
            raise CheckError(str(e)) from e
    if backend is Backend.SQLITE and not path.exists():
        raise CheckError(f"there is no SQLite database or journal at {text}")
    if not (is_journal(path) or (path.is_file() and path.suffix == ".parquet")):
        raise CheckError(f"{text} is not a journal (a folder with manifest.json, or .parquet)")
    try:
        if backend is Backend.DUCKDB:
            return open_journal(path, _duckdb(memory_limit))
        con = ibis.sqlite.connect()
        return upload(con, table, read_journal(path))
    except JournalError as e:
        raise CheckError(str(e)) from e


def _duckdb(memory_limit: str | None = None) -> BaseBackend:
    con = ibis.duckdb.connect()
    # Every measure orders its rows itself; not keeping file order saves memory.
    con.raw_sql("SET preserve_insertion_order = false")
    con.raw_sql("SET enable_progress_bar = false")
    if memory_limit:
        try:
            con.raw_sql(f"SET memory_limit = '{memory_limit}'")
        except Exception as e:
            raise CheckError(f"{memory_limit!r} is not an amount of memory like 1.5GB") from e
        spill = Path(tempfile.gettempdir()) / "whatmatters-duckdb"
        con.raw_sql(f"SET temp_directory = '{spill}'")
    return con


class TemporaryViews:
    """Shared bases of many queries, each compiled once into a temporary view.

    Ibis writes a shared expression into every query built on it, compiling
    (and the database parsing) it again each time; a view is compiled once
    and each later query just names it. ``CREATE TEMP VIEW`` and ``DROP
    VIEW`` are the same SQL on every backend; the views go with the
    connection, and ``drop`` removes them sooner.
    """

    def __init__(self) -> None:
        self._made: list[tuple[BaseBackend, str]] = []

    def of(self, expr: ir.Table) -> ir.Table:
        """``expr`` as a temporary view (its Ibis schema kept: a view's own types may differ)."""
        con = ibis.get_backend(expr)
        name = f"whatmatters_view_{uuid.uuid4().hex[:12]}"
        con.raw_sql(f"CREATE TEMP VIEW {name} AS {con.compile(expr)}")
        self._made.append((con, name))
        return con.sql(f"SELECT * FROM {name}", schema=expr.schema())

    def drop(self) -> None:
        """Drop the views, latest first (a view may read an earlier one)."""
        while self._made:
            con, name = self._made.pop()
            con.raw_sql(f"DROP VIEW IF EXISTS {name}")


def upload(con: BaseBackend, name: str, table: pa.Table, *, temp: bool = False) -> ir.Table:
    """Copy an Arrow table onto ``con`` as ``name`` (replacing it) and return it.

    DuckDB (and other backends) take Arrow directly. SQLite and PostgreSQL
    get a table of the same Ibis schema filled row by row (``COPY`` on
    PostgreSQL), because Ibis's own path goes through pandas and cannot bind
    missing timestamps.
    """
    if con.name == "pyspark":  # a temporary view, whatever ``temp`` says
        from whatmatters.check.spark_backend import upload_to_spark

        return upload_to_spark(con, name, table)
    if con.name not in ("sqlite", "postgres"):  # DuckDB (and others) take Arrow directly
        return con.create_table(name, table, temp=temp, overwrite=True)
    con.create_table(name, schema=ibis.Schema.from_pyarrow(table.schema), temp=temp, overwrite=True)
    if con.name == "sqlite":
        _insert_sqlite(con.con, name, table)
    else:
        _copy_postgres(con.con, name, table)
    return con.table(name)


def _rows(table: pa.Table) -> Iterator[tuple]:
    for batch in table.to_batches(max_chunksize=50_000):
        columns = [column.to_pylist() for column in batch.columns]
        yield from zip(*columns, strict=True)


def _sqlite_value(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _insert_sqlite(raw: sqlite3.Connection, name: str, table: pa.Table) -> None:
    marks = ", ".join("?" * table.num_columns)
    rows = (tuple(_sqlite_value(v) for v in row) for row in _rows(table))
    with raw:
        raw.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)


def _copy_postgres(raw: object, name: str, table: pa.Table) -> None:
    columns = ", ".join(f'"{c}"' for c in table.column_names)
    with raw.cursor() as cur, cur.copy(f'COPY "{name}" ({columns}) FROM STDIN') as copy:
        for row in _rows(table):
            copy.write_row(row)
    raw.commit()
