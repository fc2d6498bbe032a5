"""Copying many journal rows into the casework journal table at once.

The ORM's ``bulk_create`` prepares every value of every row in Python
(seventy columns a row): a 300k-person council's history took minutes. Rows
from a journal are already typed, so they go in with one prepared statement
(SQLite) or ``COPY`` (PostgreSQL), stored as Django stores them: timestamps
as naive UTC text on SQLite and as ``timestamptz`` on PostgreSQL.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pyarrow as pa

from whatmatters.casework.journal_rows.fields import TABLE
from whatmatters.journal.schema import COLUMN_NAMES

BATCH = 20_000


def insert_journal_rows(
    table: pa.Table,
    *,
    using: str = "default",
    progress: Callable[[int], None] | None = None,
) -> int:
    """Append every row of ``table`` (journal columns) to the journal table; returns the count.

    Call inside a transaction: a failure part-way leaves nothing behind.
    """
    from django.db import connections

    connection = connections[using]
    columns = ", ".join(connection.ops.quote_name(name) for name in COLUMN_NAMES)
    target = connection.ops.quote_name(TABLE)
    postgres = connection.vendor == "postgresql"
    done = 0
    for batch in table.select(COLUMN_NAMES).to_batches(BATCH):
        values = [_adapted(column, postgres) for column in batch.columns]
        rows = list(zip(*values, strict=True))
        with connection.cursor() as cursor:
            if postgres:
                with cursor.cursor.copy(f"COPY {target} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(COLUMN_NAMES))
                cursor.executemany(f"INSERT INTO {target} ({columns}) VALUES ({marks})", rows)
        done += len(rows)
        if progress:
            progress(done)
    return done


def _adapted(column: pa.Array, postgres: bool) -> list:
    """A column's values as the database driver takes them."""
    values = column.to_pylist()
    if pa.types.is_timestamp(column.type):
        if postgres:  # journal timestamps are UTC
            return [v.replace(tzinfo=datetime.UTC) if v is not None else None for v in values]
        return [str(v) if v is not None else None for v in values]  # as Django stores them
    if pa.types.is_date(column.type) and not postgres:
        return [v.isoformat() if v is not None else None for v in values]
    return values
