"""Which column (CSV, Parquet) or attribute (XES) holds each journal field.

The defaults are the XES standard keys, which pm4py also uses as column names
when it writes a log as CSV or Parquet: ``case:concept:name`` (the case, which
the journal calls the person), ``concept:name`` (the activity),
``time:timestamp``, ``org:resource`` (worker), ``org:group`` (team) and
``lifecycle:transition``. A trace attribute of an XES log is named with the
``case:`` prefix, as pm4py flattens it (``case:concept:name``).
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

CASE_PREFIX = "case:"  # a trace attribute, as pm4py names it in a table
TIMESTAMP = "time:timestamp"
START_TIMESTAMP = "start_timestamp"  # pm4py's key for an interval's start
LIFECYCLE = "lifecycle:transition"
INSTANCE = "concept:instance"  # tells apart overlapping instances of one activity


@dataclass(frozen=True)
class EventColumns:
    """Where each field comes from; ``None`` means the standard key, if present.

    ``start``/``end``: when neither is given, an event with a ``start_timestamp``
    runs from it to ``time:timestamp``; any other event happens at
    ``time:timestamp`` (and lifecycle start/complete events are paired). A key
    given explicitly must exist in the file; a default key may be absent
    (except the person, activity and time, which every event needs).
    """

    person: str = "case:concept:name"
    activity: str = "concept:name"
    start: str | None = None
    end: str | None = None
    team: str | None = None
    worker: str | None = None
    lifecycle: str | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.start is None:
            raise ValueError("an end column needs a start column too (give --start)")

    def start_key(self, keys: Container[str]) -> str:
        if self.start is not None:
            return self.start
        return START_TIMESTAMP if START_TIMESTAMP in keys else TIMESTAMP

    def end_key(self, keys: Container[str]) -> str | None:
        if self.start is not None:
            return self.end
        return TIMESTAMP if START_TIMESTAMP in keys else None

    @property
    def team_key(self) -> str:
        return self.team or "org:group"

    @property
    def worker_key(self) -> str:
        return self.worker or "org:resource"

    @property
    def lifecycle_key(self) -> str:
        return self.lifecycle or LIFECYCLE

    def source_keys(self) -> set[str]:
        """Every key the journal may take a value from."""
        named = (self.person, self.activity, self.start, self.end, TIMESTAMP, START_TIMESTAMP)
        fixed = (self.team_key, self.worker_key, self.lifecycle_key, INSTANCE)
        return {key for key in (*named, *fixed) if key is not None}

    def explicit(self) -> dict[str, str]:
        """Keys the user named, by option name: each must exist in the file."""
        named = {
            "--start": self.start,
            "--end": self.end,
            "--team": self.team,
            "--worker": self.worker,
            "--lifecycle": self.lifecycle,
        }
        return {option: key for option, key in named.items() if key is not None}

    def required(self, keys: Container[str]) -> dict[str, str]:
        """Keys every event must have, by option name."""
        return {
            "--person": self.person,
            "--activity": self.activity,
            "--start": self.start_key(keys),
        }
