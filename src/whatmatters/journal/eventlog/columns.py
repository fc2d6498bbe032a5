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
from dataclasses import dataclass, field
from enum import StrEnum

from whatmatters.journal.schema import COLUMNS_BY_NAME

CASE_PREFIX = "case:"  # a trace attribute, as pm4py names it in a table
TIMESTAMP = "time:timestamp"
START_TIMESTAMP = "start_timestamp"  # pm4py's key for an interval's start
LIFECYCLE = "lifecycle:transition"
INSTANCE = "concept:instance"  # tells apart overlapping instances of one activity

# Journal columns the importer fills itself: a log cannot name them with --field.
OWN_COLUMNS = frozenset(
    [
        "council",
        "event_id",
        "source",
        "source_row",
        "person_id",
        "kind",
        "activity",
        "start",
        "end",
        "team",
        "worker",
    ]
)


class Classifier(StrEnum):
    """How a step is named: the activity alone, or with its lifecycle status.

    ``name`` is pm4py's default (``concept:name``); ``name+lifecycle`` is the
    XES standard classifier, which keeps a status other than start/complete in
    the name (BPIC 2013's ``Accepted (In Progress)``). Start and complete
    events are paired either way.
    """

    NAME = "name"
    NAME_LIFECYCLE = "name+lifecycle"


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
    to_team: str | None = None  # a referral's receiving team
    # Any other text column of the journal: (journal column, key in the log).
    fields: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    classifier: Classifier = Classifier.NAME_LIFECYCLE

    def __post_init__(self) -> None:
        """Refuse, in one line, a value no log could answer."""
        named = {"--person": self.person, "--activity": self.activity, **self.explicit()}
        for option, key in named.items():
            if not key.strip():
                raise ValueError(f"{option} is empty: name a column of the log, or leave it out")
        if self.end is not None and self.start is None:
            raise ValueError("an end column needs a start column too (give --start)")
        seen: set[str] = {"to_team"} if self.to_team is not None else set()
        for name, _ in self.fields:
            column = COLUMNS_BY_NAME.get(name)
            if column is None or name in OWN_COLUMNS or str(column.type) != "string":
                raise ValueError(
                    f"--field {name}=…: {name!r} is no journal text column --field can fill"
                    " (see docs/journal.md)"
                )
            if name in seen:
                raise ValueError(f"--field {name}=…: the journal column {name!r} is named twice")
            seen.add(name)

    @property
    def extra(self) -> dict[str, str]:
        """Journal column → key in the log, for every column beyond the core ones."""
        named = {"to_team": self.to_team} if self.to_team is not None else {}
        return {**named, **dict(self.fields)}

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
        extra = tuple(self.extra.values())
        return {key for key in (*named, *fixed, *extra) if key is not None}

    def explicit(self) -> dict[str, str]:
        """Keys the user named, by option name: each must exist in the file."""
        named = {
            "--start": self.start,
            "--end": self.end,
            "--team": self.team,
            "--worker": self.worker,
            "--lifecycle": self.lifecycle,
            "--to-team": self.to_team,
            **{f"--field {name}": key for name, key in self.fields},
        }
        return {option: key for option, key in named.items() if key is not None}

    def required(self, keys: Container[str]) -> dict[str, str]:
        """Keys every event must have, by option name."""
        return {
            "--person": self.person,
            "--activity": self.activity,
            "--start": self.start_key(keys),
        }
