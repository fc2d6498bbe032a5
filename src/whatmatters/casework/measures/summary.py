"""Headline measures from the casework journal table.

Every figure is read from the journal rows (the one vocabulary), never
from the casework tables, so the same figures come out of an imported
journal. Each function's docstring is its card: numerator, denominator,
and what happens to unknowns.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet

from whatmatters.casework.journal.models import JournalRow
from whatmatters.journal.schema import DemandType, Kind, OutcomeStatus


@dataclass(frozen=True)
class Demand:
    contacts: int
    failure: int
    value: int
    unknown: int
    resolved_first_point: int

    @property
    def failure_share(self) -> float | None:
        """Failure demand ÷ contacts whose type is known (unknowns left out)."""
        known = self.failure + self.value
        return self.failure / known if known else None

    @property
    def resolved_share(self) -> float | None:
        """Contacts resolved at the first point ÷ all contacts."""
        return self.resolved_first_point / self.contacts if self.contacts else None


@dataclass(frozen=True)
class Summary:
    demand: Demand
    outcomes_recorded: int
    outcomes_achieved: int
    handoffs: int
    self_referrals: int
    people: int
    pseudonymised: bool


def rows(team: str | None) -> QuerySet:
    """The journal rows in scope: one team's people's rows, or the council's."""
    everything = JournalRow.objects.all()
    if team is None:
        return everything
    people = everything.filter(team=team).values("person_id")
    return everything.filter(person_id__in=people)


def demand(scope: QuerySet) -> Demand:
    """Contacts in scope by demand type; resolved at first point counted as true only."""
    counts = scope.filter(kind=Kind.CONTACT).aggregate(
        contacts=Count("event_id"),
        failure=Count("event_id", filter=Q(demand_type=DemandType.FAILURE)),
        value=Count("event_id", filter=Q(demand_type=DemandType.VALUE)),
        unknown=Count(
            "event_id", filter=~Q(demand_type__in=[DemandType.FAILURE, DemandType.VALUE])
        ),
        resolved_first_point=Count("event_id", filter=Q(resolved_first_point=True)),
    )
    return Demand(**counts)


def measures(team: str | None, pseudonymised: bool) -> Summary:
    scope = rows(team)
    outcomes = scope.filter(kind=Kind.OUTCOME)
    referrals = scope.filter(kind=Kind.REFERRAL)
    return Summary(
        demand=demand(scope),
        outcomes_recorded=outcomes.filter(activity="What matters recorded").count(),
        outcomes_achieved=outcomes.filter(status=OutcomeStatus.ACHIEVED)
        .values("event_reference")
        .distinct()
        .count(),
        handoffs=referrals.count(),
        self_referrals=referrals.filter(team=F("to_team")).count(),
        people=scope.values("person_id").distinct().count(),
        pseudonymised=pseudonymised,
    )
