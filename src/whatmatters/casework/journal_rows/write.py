"""Writing journal rows from casework changes."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.utils import timezone

from whatmatters.casework.journal_rows.models import JournalRow
from whatmatters.journal.schema import COLUMN_NAMES, Kind

SOURCE = "casework"
_SET_HERE = {"council", "event_id", "source", "person_id", "kind", "activity", "start"}


def new_event_id() -> str:
    return f"cw-{uuid.uuid4().hex}"


def row(
    kind: Kind,
    activity: str,
    *,
    person,
    actor=None,
    start: datetime | None = None,
    source_row: int | None = None,
    **columns,
) -> JournalRow:
    """Append one row about ``person``; ``columns`` are other journal columns.

    The person's details are repeated on the row (as CLD repeats them), and
    the team and worker default to the one who made the change.
    """
    unknown = sorted(set(columns) - set(COLUMN_NAMES) | (set(columns) & _SET_HERE))
    if unknown:
        raise TypeError(f"not settable journal columns: {', '.join(unknown)}")
    values = {**person.journal_fields(), **_actor_fields(actor), **columns}
    return JournalRow.objects.create(
        council=settings.WHATMATTERS_COUNCIL,
        event_id=new_event_id(),
        source=SOURCE,
        source_row=source_row,
        person_id=person.council_id,
        kind=Kind(kind).value,
        activity=activity,
        start=start or timezone.now(),
        **values,
    )


def _actor_fields(actor) -> dict[str, str]:
    if actor is None:
        return {}
    from whatmatters.casework.access.staff import team_of

    team = team_of(actor)
    return {"worker": actor.get_username(), **({"team": team.name} if team else {})}


def end(event_id: str, when: datetime | None = None) -> None:
    """Close an open row (a service or a piece of work) at ``when``."""
    JournalRow.objects.filter(event_id=event_id, end__isnull=True).update(
        end=when or timezone.now()
    )
