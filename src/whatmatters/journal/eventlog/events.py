"""One event as the source records it, read from a row or an XES event."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from whatmatters.journal.eventlog.columns import CASE_PREFIX, INSTANCE, EventColumns
from whatmatters.journal.eventlog.problems import ProblemLog
from whatmatters.journal.eventlog.timestamps import parse_timestamp, to_utc

# Receives an attribute no journal column takes: (person, source row, key, value).
AsideSink = Callable[[str, int | None, str, str], None]


@dataclass(slots=True)
class SourceEvent:
    """An event before lifecycle pairing: one row of a CSV, one XES ``<event>``."""

    row: int
    person: str
    activity: str
    start: datetime  # for a lifecycle event, the moment of the transition
    end: datetime | None
    transition: str | None  # the lifecycle transition as written, if any
    instance: str | None
    team: str | None
    worker: str | None


class EventBuilder:
    """Turns records (key → value) into ``SourceEvent``s, reporting what is wrong.

    A record's values are strings, or typed values from Parquet (datetimes,
    numbers). Keys starting ``case:`` are looked up in the case's attributes
    when a case is given (XES traces), else in the record itself (a CSV column
    may well be called ``case:concept:name``).
    """

    def __init__(
        self, columns: EventColumns, problems: ProblemLog, aside: AsideSink | None = None
    ) -> None:
        self.columns = columns
        self.problems = problems
        self.aside = aside
        self.seen: set[str] = set()  # explicitly named keys found at least once
        self._explicit = set(columns.explicit().values())
        self._used: dict[str, frozenset[str]] = {}  # by start key

    def build(
        self, record: Mapping[str, object], row: int, case: Mapping[str, object] | None = None
    ) -> SourceEvent | None:
        """The event in ``record`` (source row ``row``), or None if it has problems."""
        c = self.columns
        start_key = c.start_key(record)
        end_key = c.end_key(record)

        def get(key: str | None) -> object:
            if key is None:
                return None
            if case is not None and key.startswith(CASE_PREFIX):
                value = case.get(key[len(CASE_PREFIX) :])
            else:
                value = record.get(key)
            if value is not None and key in self._explicit:
                self.seen.add(key)
            return value

        person = self._required_text(get(c.person), row, c.person)
        activity = self._required_text(get(c.activity), row, c.activity)
        start = self._time(get(start_key), row, start_key, required=True)
        end = self._time(get(end_key), row, end_key, required=False) if end_key else None
        if start is not None and end is not None and end < start:
            self.problems.add(
                f"ends before it starts ({start_key} is {start:%Y-%m-%d %H:%M:%S})",
                row,
                end_key,
                end,
            )
            return None
        if person is None or activity is None or start is None:
            return None
        event = SourceEvent(
            row=row,
            person=person,
            activity=activity,
            start=start,
            end=end,
            transition=_text(get(c.lifecycle_key)),
            instance=_text(get(INSTANCE)),
            team=_text(get(c.team_key)),
            worker=_text(get(c.worker_key)),
        )
        if self.aside is not None:
            self._keep_aside(record, row, person, start_key, end_key)
        return event

    def _keep_aside(
        self,
        record: Mapping[str, object],
        row: int,
        person: str,
        start_key: str,
        end_key: str | None,
    ) -> None:
        used = self._used.get(start_key)
        if used is None:
            c = self.columns
            keys = (c.person, c.activity, start_key, end_key, c.team_key, c.worker_key)
            used = frozenset((*keys, c.lifecycle_key, INSTANCE))
            self._used[start_key] = used
        assert self.aside is not None
        for key, value in record.items():
            if key not in used:
                text = _text(value)
                if text is not None:
                    self.aside(person, row, key, text)

    def _required_text(self, value: object, row: int, key: str) -> str | None:
        text = _text(value)
        if text is None:
            self.problems.add("is empty or missing; every event needs it", row, key)
        return text

    def _time(self, value: object, row: int, key: str, *, required: bool) -> datetime | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problems.add("is empty or missing; every event needs a time", row, key)
            return None
        if isinstance(value, datetime | date):
            return to_utc(value)
        if isinstance(value, str):
            try:
                return parse_timestamp(value)
            except ValueError:
                pass
        self.problems.add(
            "is not a timestamp (ISO 8601 such as 2024-03-01T09:30:00+00:00, or dd/mm/yyyy hh:mm)",
            row,
            key,
            value,
        )
        return None


def _text(value: object) -> str | None:
    """A value as text; empty text and nulls are missing."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    return text if text.strip() else None
