"""Lifecycle pairing: a start and its complete event become one journal row.

The rule is pm4py's (``interval_lifecycle.to_interval``), so a log reads the
same here as in process-mining tools:

* within one case, events are taken in time order (ties in file order);
* a ``start`` waits for a ``complete`` of the same activity (and the same
  ``concept:instance``, if given); a ``complete`` closes the *oldest* waiting
  start (first in, first out) — one row from the start to the complete;
* a ``complete`` with no waiting start, or an event with no transition, is an
  instant: it starts at its time and has no end;
* unlike pm4py, nothing is dropped: a start never completed is a row still
  open (no end); an event with any other transition (``schedule``,
  ``suspend``, or a system's own status such as BPIC 2013's ``In Progress``)
  is an instant whose activity names the transition: ``Accepted (In Progress)``;
* an event that already has an end (an interval log) is a row as it stands.

Transitions are compared ignoring case.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from whatmatters.journal.eventlog.columns import Classifier
from whatmatters.journal.eventlog.events import SourceEvent

START = "start"
COMPLETE = "complete"


@dataclass(slots=True)
class Instance:
    """One activity instance: one journal row."""

    rows: tuple[int, ...]  # the source rows it came from: (start, complete) when paired
    person: str
    activity: str
    start: datetime
    end: datetime | None
    team: str | None
    worker: str | None
    extra: tuple[str | None, ...] = ()  # values of ``EventColumns.extra``, in its order


@dataclass
class PairingCounts:
    paired: int = 0  # start/complete pairs made into one row
    open_starts: int = 0  # starts never completed: rows with no end
    lone_completes: int = 0  # completes with no start: instants


def single(event: SourceEvent, classifier: Classifier = Classifier.NAME_LIFECYCLE) -> Instance:
    """The row for an event that is not paired with another."""
    activity = event.activity
    transition = event.transition
    named = classifier is Classifier.NAME_LIFECYCLE
    if named and transition is not None and transition.lower() not in (START, COMPLETE):
        activity = f"{activity} ({transition})"
    return Instance(
        (event.row,),
        event.person,
        activity,
        event.start,
        event.end,
        event.team,
        event.worker,
        event.extra,
    )


def pair_case(
    events: Iterable[SourceEvent],
    counts: PairingCounts,
    classifier: Classifier = Classifier.NAME_LIFECYCLE,
) -> list[Instance]:
    """The rows for one case's events, in order of their start."""
    ordered = sorted(events, key=lambda e: (e.start, e.row))
    waiting: dict[tuple[str, str | None], deque[SourceEvent]] = {}
    rows: list[Instance] = []
    for event in ordered:
        transition = (event.transition or COMPLETE).lower()
        if event.end is not None or transition not in (START, COMPLETE):
            rows.append(single(event, classifier))
        elif transition == START:
            waiting.setdefault((event.activity, event.instance), deque()).append(event)
        else:
            queue = waiting.get((event.activity, event.instance))
            if queue:
                rows.append(_joined(queue.popleft(), event))
                counts.paired += 1
            else:
                rows.append(single(event, classifier))
                if event.transition is not None:
                    counts.lone_completes += 1
    for queue in waiting.values():
        counts.open_starts += len(queue)
        rows.extend(single(start, classifier) for start in queue)
    rows.sort(key=lambda r: (r.start, r.rows[0]))
    return rows


def _joined(start: SourceEvent, complete: SourceEvent) -> Instance:
    """A start and its complete; who did it is taken from the complete (as pm4py)."""
    return Instance(
        rows=(start.row, complete.row),
        person=start.person,
        activity=start.activity,
        start=start.start,
        end=complete.start,
        team=complete.team or start.team,
        worker=complete.worker or start.worker,
        extra=tuple(c or s for c, s in zip(complete.extra, start.extra, strict=True)),
    )
