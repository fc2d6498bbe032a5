"""The check engine (``whatmatters.check.run_check``) on the live casework journal.

The measures page shows what ``whatmatters check`` would say about the
casework database: the same engine, the same figures. The rows in scope
(the council's, or those of the people a team has worked with) are read
once from the journal table and checked on embedded DuckDB, where the check
takes seconds rather than minutes; the result is cached until the journal
changes or ``CACHE_SECONDS`` pass.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import TypeVar

import pyarrow as pa
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from whatmatters.casework.journal_rows.fields import TABLE
from whatmatters.journal.schema import COLUMN_NAMES, SCHEMA

T = TypeVar("T")

CACHE_SECONDS = 15 * 60
YEARS = 3  # the window: whole months over the last three years
BATCH = 20_000


def check_params():
    """The window (the last ``YEARS`` years) and the council's change date, if set."""
    from whatmatters.check.params import CheckParams

    today = timezone.localdate()
    start = today.replace(year=today.year - YEARS, day=1)
    change = settings.WHATMATTERS_CHANGE_DATE
    if change is not None and not start < change <= today:
        change = None  # outside the window: compare its halves, as with no change date
    return CheckParams(start=start, end=today, change_date=change)


def journal_rows(team: str | None) -> pa.Table:
    """The journal rows in scope as Arrow: the council's, or those of the people
    ``team`` has worked with (all their rows, whichever team wrote them)."""
    names = ", ".join(connection.ops.quote_name(c) for c in COLUMN_NAMES)
    table = connection.ops.quote_name(TABLE)
    sql, params = f"SELECT {names} FROM {table}", []
    if team is not None:
        sql += f" WHERE person_id IN (SELECT person_id FROM {table} WHERE team = %s)"
        params = [team]
    batches = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        # In batches: a large council's rows as Python objects would take gigabytes.
        while rows := cursor.fetchmany(BATCH):
            columns = zip(*rows, strict=True)
            arrays = [_array(v, field.type) for v, field in zip(columns, SCHEMA, strict=True)]
            batches.append(pa.RecordBatch.from_arrays(arrays, schema=SCHEMA))
    return pa.Table.from_batches(batches, schema=SCHEMA)


def _array(values, kind: pa.DataType) -> pa.Array:
    if pa.types.is_timestamp(kind):  # journal timestamps are naive UTC
        values = [
            v.astimezone(dt.UTC).replace(tzinfo=None) if v is not None and v.tzinfo else v
            for v in values
        ]
    return pa.array(values, type=kind)


def scope_key(team: str | None) -> str:
    """A cache key for the rows in scope as they are now (it changes with the journal)."""
    scope = f"{team or ''}:{_journal_stamp()}:{check_params()}"
    return "casework-check:" + hashlib.sha256(scope.encode()).hexdigest()


def check_for(team: str | None, key: str | None = None):
    """``run_check`` on the rows in scope (a ``CheckResult``), cached under ``key``."""
    import ibis

    from whatmatters.check.run import run_check

    return cached(
        key or scope_key(team),
        lambda: run_check(
            ibis.duckdb.connect().create_table("journal", journal_rows(team)), check_params()
        ),
    )


def cached(key: str, make: Callable[[], T]) -> T:
    """The value cached under ``key``, made (and kept ``CACHE_SECONDS``) if there is none."""
    value = cache.get(key)
    if value is None:
        value = make()
        cache.set(key, value, CACHE_SECONDS)
    return value


def _journal_stamp() -> str:
    """Changes whenever a journal row is added or a row's end is set."""
    from django.db.models import Count, Max

    from whatmatters.casework.journal_rows.models import JournalRow

    stamp = JournalRow.objects.aggregate(n=Count("event_id"), start=Max("start"), end=Max("end"))
    return f"{stamp['n']}:{stamp['start']}:{stamp['end']}"
