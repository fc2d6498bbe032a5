"""Actions coming to an end: their journal rows, and all of them when work closes.

Apart from plans/services.py because closing work (work/services.py) ends
actions, while making a plan opens work: each side imports this, not the other.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from whatmatters.casework.common.concurrency import bump_version
from whatmatters.casework.journal_rows import write
from whatmatters.casework.journal_rows.models import JournalRow
from whatmatters.casework.plans.models import Action, Ending
from whatmatters.journal.schema import Kind


def end_journal_rows(action: Action, when: datetime.datetime) -> None:
    """End the action's open journal rows: the action and any paid service (its CLD row)."""
    JournalRow.objects.filter(
        source=write.SOURCE,
        person_id=action.plan.person.council_id,
        kind__in=[Kind.ACTION.value, Kind.SERVICE.value],
        event_reference=f"action {action.pk}",
        end__isnull=True,
    ).update(end=when)


def end_for_closed_work(actor, person, when: datetime.datetime) -> int:
    """Closing work ends every open action of the person's plans on the closing day."""
    count = 0
    for action in Action.objects.filter(plan__person=person, ended_on__isnull=True).select_related(
        "plan__person"
    ):
        action.ended_on, action.ended_how, action.ended_by = (
            timezone.localtime(when).date(),
            Ending.WORK_CLOSED,
            actor,
        )
        bump_version(action, "ended_on", "ended_how", "ended_by")
        end_journal_rows(action, when)
        count += 1
    return count
