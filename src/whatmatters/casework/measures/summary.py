"""What matters, in the person's words: counted from the casework journal table.

The check (``measures/check.py``) makes every other figure on the page; it
does not count outcomes recorded in the person's words, so this does, from
the journal rows (the one vocabulary), never from the casework tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from whatmatters.casework.journal.models import JournalRow
from whatmatters.journal.schema import Kind, OutcomeStatus


@dataclass(frozen=True)
class Summary:
    """What matters in the person's words: a measure the check does not make."""

    outcomes_recorded: int
    outcomes_achieved: int
    people: int


def rows(team: str | None) -> QuerySet:
    """The journal rows in scope: one team's people's rows, or the council's."""
    everything = JournalRow.objects.all()
    if team is None:
        return everything
    people = everything.filter(team=team).values("person_id")
    return everything.filter(person_id__in=people)


def measures(team: str | None) -> Summary:
    scope = rows(team)
    outcomes = scope.filter(kind=Kind.OUTCOME)
    return Summary(
        outcomes_recorded=outcomes.filter(activity="What matters recorded").count(),
        outcomes_achieved=outcomes.filter(status=OutcomeStatus.ACHIEVED)
        .values("event_reference")
        .distinct()
        .count(),
        people=scope.values("person_id").distinct().count(),
    )
