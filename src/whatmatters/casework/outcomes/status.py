"""The outcome status pipeline, as data: which moves are allowed, and what each needs.

working on it ──► achieved (as the person sees it) ──► working on it (not after all)
      └────────► changed (what matters to the person changed; final)
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from whatmatters.journal.schema import OutcomeStatus

LABELS = {
    OutcomeStatus.WORKING_ON_IT: _("Working on it"),
    OutcomeStatus.ACHIEVED: _("Achieved, as the person sees it"),
    OutcomeStatus.CHANGED: _("Changed"),
}


@dataclass(frozen=True)
class Move:
    to: OutcomeStatus
    needs_reason: bool
    needs_person_confirmation: bool
    activity: str  # the journal activity this move writes


MOVES: dict[OutcomeStatus, tuple[Move, ...]] = {
    OutcomeStatus.WORKING_ON_IT: (
        Move(OutcomeStatus.ACHIEVED, False, True, "What matters achieved"),
        Move(OutcomeStatus.CHANGED, True, False, "What matters changed"),
    ),
    OutcomeStatus.ACHIEVED: (
        Move(OutcomeStatus.WORKING_ON_IT, True, False, "What matters reopened"),
    ),
    OutcomeStatus.CHANGED: (),
}


class InvalidMove(ValueError):
    """A status change the pipeline does not allow."""


def move(current: OutcomeStatus | str, to: OutcomeStatus | str) -> Move:
    """The allowed move from ``current`` to ``to``, or ``InvalidMove``."""
    for candidate in MOVES[OutcomeStatus(current)]:
        if candidate.to == OutcomeStatus(to):
            return candidate
    raise InvalidMove(f"an outcome cannot go from {current} to {to}")
