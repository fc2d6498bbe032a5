"""Measures that stay fast after a casework change.

Checking the journal and drawing the charts takes seconds on a council's
records, and any change to the journal makes the figures out of date. So
the page never waits for them once they have been made: it shows the latest
*snapshot* (the check's result and its charts in every language, with when
they were computed) and, if the journal has
changed since, starts one recomputation in the background; the next visit
after it finishes shows the new figures. Only the very first visit for a
scope (no snapshot yet) computes while the user waits.

``WHATMATTERS_MEASURES_IN_BACKGROUND = False`` (the tests) recomputes while
the user waits instead. A snapshot is kept in Django's cache without expiry, one per scope (the
council, or a team), replaced by the next; a lock in the cache keeps two
recomputations of one scope from running at once.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import close_old_connections, connection
from django.utils import timezone, translation

from whatmatters.casework.measures import check, figures

log = logging.getLogger(__name__)

# Longest a recomputation may hold its lock (a crashed one frees it by then).
LOCK_SECONDS = 15 * 60
# How much lower the recomputation runs than the pages being served.
BACKGROUND_NICENESS = 10


@dataclass(frozen=True)
class Snapshot:
    """The measures of one scope as they were at ``computed_at``."""

    key: str  # check.scope_key when computed: changes with the journal
    computed_at: datetime
    result: object  # a CheckResult
    charts: dict[str, list] = field(repr=False)  # language → list[figures.Chart]
    updating: bool = False  # the journal has changed since; new figures are on their way

    def charts_in(self, language: str) -> list:
        return self.charts.get(language) or self.charts.get(settings.LANGUAGE_CODE, [])


def latest(team: str | None) -> Snapshot:
    """The newest snapshot for ``team`` (None: the council), refreshed in the
    background if the journal has changed since it was made."""
    key = check.scope_key(team)
    snapshot = _kept(team)
    if snapshot is None or (
        snapshot.key != key and not settings.WHATMATTERS_MEASURES_IN_BACKGROUND
    ):
        return make(team, key)
    if snapshot.key != key:
        start_refresh(team)
        return replace(snapshot, updating=True)
    return snapshot


def make(team: str | None, key: str | None = None) -> Snapshot:
    """Compute and keep a new snapshot for ``team`` now (the demo warms with it)."""
    key = key or check.scope_key(team)
    result = check.check_for(team, key)
    charts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            charts[code] = figures.capability_charts(result)
    snapshot = Snapshot(key, timezone.now(), result, charts)
    cache.set(_snapshot_key(team), snapshot, None)
    cache.set(_stamp_key(team), _stamp(snapshot), None)
    return snapshot


# This process's copy of each scope's snapshot: a page reads only the small
# stamp from the shared cache, and the snapshot (megabytes) when it changes.
_copies: dict[str, Snapshot] = {}


def _kept(team: str | None) -> Snapshot | None:
    stamp = cache.get(_stamp_key(team))
    copy = _copies.get(_scope(team))
    if copy is not None and stamp == _stamp(copy):
        return copy
    snapshot = cache.get(_snapshot_key(team))
    if snapshot is not None:
        _copies[_scope(team)] = snapshot
    return snapshot


def _stamp(snapshot: Snapshot) -> str:
    return f"{snapshot.key}:{snapshot.computed_at.isoformat()}"


def refresh(team: str | None) -> None:
    """Make a new snapshot for ``team`` now (the background job's work)."""
    try:
        make(team)
    except Exception:  # a background job has no one to tell but the log
        log.exception("measures for %s could not be recomputed", team or "the council")
    finally:
        cache.delete(_lock_key(team))


def _in_a_thread(job: Callable[[], None]) -> None:
    def run():
        _yield_to_requests()
        close_old_connections()
        try:
            job()
        finally:
            connection.close()  # this thread's own connection

    threading.Thread(target=run, name="measures-refresh", daemon=True).start()


def _yield_to_requests() -> None:
    """Run this thread at a lower priority than the server's requests (Linux
    sets a thread's own priority; elsewhere it would be the whole process's)."""
    if sys.platform == "linux":
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICENESS)


# How background jobs run: a thread of the server process (tests replace it).
run_in_background: Callable[[Callable[[], None]], None] = _in_a_thread


def start_refresh(team: str | None) -> bool:
    """Start one background recomputation for ``team`` unless one is running."""
    if not cache.add(_lock_key(team), True, LOCK_SECONDS):
        return False
    run_in_background(lambda: refresh(team))
    return True


def _snapshot_key(team: str | None) -> str:
    return f"casework-measures-snapshot:{_scope(team)}"


def _stamp_key(team: str | None) -> str:
    return f"casework-measures-stamp:{_scope(team)}"


def _lock_key(team: str | None) -> str:
    return f"casework-measures-refreshing:{_scope(team)}"


def _scope(team: str | None) -> str:
    """A team's name as a cache key part (any cache accepts it)."""
    return hashlib.sha256((team or "").encode()).hexdigest()[:32]
