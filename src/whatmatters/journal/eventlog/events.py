"""One event as the source records it, read from a row or an XES event."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from whatmatters.journal.eventlog.columns import CASE_PREFIX, INSTANCE, EventColumns
from whatmatters.journal.eventlog.problems import ProblemLog
from whatmatters.journal.eventlog.timestamps import (
    OtherDigits,
    OutOfRange,
    parse_timestamp,
    to_utc,
)
from whatmatters.journal.eventlog.values import control_field

NOT_A_TIMESTAMP = (
    "is not a timestamp (ISO 8601 such as 2024-03-01T09:30:00+00:00, or dd/mm/yyyy hh:mm)"
)
OUT_OF_RANGE = "is beyond the calendar: in UTC it falls before year 1 or after year 9999"
OTHER_DIGITS = (
    "is written with digits other than 0-9 (full-width or Arabic-Indic digits): retype them as 0-9"
)
CONTROL = "holds a control character: the export is damaged; remove it and export again"

# Receives attributes no journal column takes: (person, source row, [(key, value), …]).
AsideSink = Callable[[str, int | None, list[tuple[str, object]]], None]


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
    extra: tuple[str | None, ...] = ()  # values of ``EventColumns.extra``, in its order


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
        self._explicit = tuple(columns.explicit().values())
        self._plans: dict[str, _Plan] = {}  # by start key

    def build(
        self, record: Mapping[str, object], row: int, case: Mapping[str, object] | None = None
    ) -> SourceEvent | None:
        """The event in ``record`` (source row ``row``), or None if it has problems."""
        damaged = control_field(record.items())
        if damaged is None and case is not None:
            damaged = control_field((CASE_PREFIX + k, v) for k, v in case.items())
        if damaged is not None:  # refused whole: which value would be the true one?
            self.problems.add(CONTROL, row, *damaged)
            return None
        start_key = self.columns.start_key(record)
        plan = self._plans.get(start_key) or self._plan(start_key, record)
        values = [
            record.get(key) if in_case is None or case is None else case.get(in_case)
            for key, in_case in plan.lookups
        ]
        person, activity, start, end, transition, instance, team, worker = values[:8]
        for key in self._explicit:
            if key not in self.seen and values[plan.keys.index(key)] is not None:
                self.seen.add(key)
        person = self._required_text(person, row, plan.keys[0])
        activity = self._required_text(activity, row, plan.keys[1])
        start = self._time(start, row, start_key, required=True)
        if end is not None:
            end = self._time(end, row, plan.keys[3], required=False)
            if start is not None and end is not None and end < start:
                moment = f"{start:%Y-%m-%d %H:%M:%S}"
                self.problems.add(
                    f"ends before it starts ({start_key} is {moment})", row, plan.keys[3], end
                )
                return None
        if person is None or activity is None or start is None:
            return None
        if self.aside is not None:
            used = plan.used
            extra = [
                (k, v) for k, v in record.items() if k not in used and v is not None and v != ""
            ]
            if extra:
                self.aside(person, row, extra)
        return SourceEvent(
            row,
            person,
            activity,
            start,
            end,
            _text(transition),
            _text(instance),
            _text(team),
            _text(worker),
            tuple(_text(v) for v in values[8:]),
        )

    def _plan(self, start_key: str, record: Mapping[str, object]) -> _Plan:
        c = self.columns
        keys = (
            c.person,
            c.activity,
            start_key,
            c.end_key(record),
            c.lifecycle_key,
            INSTANCE,
            c.team_key,
            c.worker_key,
            *c.extra.values(),
        )
        plan = _Plan(keys)
        self._plans[start_key] = plan
        return plan

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
        message = NOT_A_TIMESTAMP
        try:
            # pandas' NaT (a nanosecond Parquet timestamp of -2**63) is a datetime
            # that equals nothing, itself included: it is no moment at all.
            if isinstance(value, datetime | date) and value == value:
                return to_utc(value)
            if isinstance(value, str):
                return parse_timestamp(value)
        except OutOfRange:
            message = OUT_OF_RANGE
        except OtherDigits:
            message = OTHER_DIGITS
        except ValueError:
            pass
        self.problems.add(message, row, key, value)
        return None


class _Plan:
    """Where each field of an event is: in the record, or (``case:…``) in its case."""

    def __init__(self, keys: tuple[str | None, ...]) -> None:
        self.keys = keys
        # (key in the record, key in the case attributes when it names one)
        self.lookups = tuple(
            (key, key.removeprefix(CASE_PREFIX) if key and key.startswith(CASE_PREFIX) else None)
            for key in keys
        )
        self.used = frozenset(key for key in keys if key is not None)


def _text(value: object) -> str | None:
    """A value as text; empty text and nulls are missing."""
    if value is None:
        return None
    text = value if type(value) is str else str(value)
    return None if not text or text.isspace() else text
