"""The check engine (``whatmatters.check.run_check``) on the live casework journal.

The measures page shows what ``whatmatters check`` would say about the
casework database: the same engine, the same figures. The rows in scope
(the council's, or those of the people a team has worked with) are read
once from the journal table, by the one way into a journal database that
``whatmatters check --backend sqlite|postgres`` uses too
(``whatmatters.journal.database``), and checked on embedded DuckDB, where
the check takes seconds rather than minutes; the result is cached until the
journal changes or ``CACHE_SECONDS`` pass.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

import pyarrow as pa
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from whatmatters.casework.journal_rows.source import connect_django, journal_table

T = TypeVar("T")

CACHE_SECONDS = 15 * 60
YEARS = 3  # the window: whole months over the last three years


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
    ``team`` has worked with (all their rows, whichever team wrote them).

    Read on a connection of its own, so it sees what is committed (as the
    command line does), never a request's unfinished transaction.
    """
    con = connect_django()
    try:
        journal = journal_table(con)
        if team is not None:
            theirs = journal.filter(journal.team == team).person_id
            journal = journal.filter(journal.person_id.isin(theirs))
        return journal.to_pyarrow()
    finally:
        con.disconnect()


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
