"""Recording what matters, the person's ratings and status changes (journalled)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from whatmatters.casework.audit import log, wording
from whatmatters.casework.audit.models import AuditAction
from whatmatters.casework.common.concurrency import save_versioned
from whatmatters.casework.journal_rows import write
from whatmatters.casework.outcomes import status
from whatmatters.casework.outcomes.models import Outcome, Rating, StatusChange
from whatmatters.casework.work.services import ensure_open
from whatmatters.journal.schema import Kind, OutcomeStatus


class MoveRefused(ValueError):
    """A status change is missing what it needs: ``field`` names the form field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@transaction.atomic
def record_outcome(actor, person, *, words: str, words_by: str, area: str = "") -> Outcome:
    work = ensure_open(actor, person)
    outcome = Outcome.objects.create(
        person=person, work=work, words=words, words_by=words_by, area=area, recorded_by=actor
    )
    write.row(
        Kind.OUTCOME,
        "What matters recorded",
        person=person,
        actor=actor,
        start=outcome.recorded_at,
        source_row=outcome.pk,
        words=words,
        words_by=words_by,
        status=OutcomeStatus.WORKING_ON_IT.value,
        event_reference=f"outcome {outcome.pk}",
    )
    which = f"outcome {outcome.pk}"
    log.record(actor, AuditAction.CREATE, wording.WHAT_MATTERS, person=person, detail=which)
    return outcome


@transaction.atomic
def rate(actor, outcome: Outcome, rating: int, words: str = "") -> Rating:
    """The person's own rating of progress, 0 to 10, with what they said."""
    if not 0 <= rating <= 10:
        raise ValueError("a rating is from 0 to 10")
    entry = Rating.objects.create(outcome=outcome, rating=rating, words=words, recorded_by=actor)
    write.row(
        Kind.OUTCOME,
        "Progress rated",
        person=outcome.person,
        actor=actor,
        start=entry.rated_at,
        source_row=outcome.pk,
        rating=rating,
        words=words or None,
        words_by="person",
        status=outcome.status,
        event_reference=f"outcome {outcome.pk}",
    )
    log.record(
        actor,
        AuditAction.CREATE,
        wording.A_RATING,
        person=outcome.person,
        detail=f"outcome {outcome.pk}, rated {rating} out of 10",
    )
    return entry


@transaction.atomic
def change_status(
    actor,
    outcome: Outcome,
    to: OutcomeStatus,
    *,
    reason: str,
    person_confirms: bool,
    expected_version: int,
) -> StatusChange:
    """Move an outcome along the pipeline; refuses invalid moves and stale forms."""
    allowed = status.move(outcome.status, to)
    if allowed.needs_reason and not reason.strip():
        raise MoveRefused("reason", _("Enter the reason for this change"))
    if allowed.needs_person_confirmation and not person_confirms:
        raise MoveRefused("person_confirms", _("Confirm that the person says this is achieved"))
    previous = outcome.status
    outcome.status = to.value
    save_versioned(outcome, expected_version)
    change = StatusChange.objects.create(
        outcome=outcome,
        from_status=previous,
        to_status=to.value,
        reason=reason,
        changed_by=actor,
    )
    write.row(
        Kind.OUTCOME,
        allowed.activity,
        person=outcome.person,
        actor=actor,
        start=change.changed_at,
        source_row=outcome.pk,
        status=to.value,
        reason=reason or None,
        words=outcome.words,
        words_by=outcome.words_by,
        event_reference=f"outcome {outcome.pk}",
    )
    log.record(
        actor,
        AuditAction.CHANGE,
        wording.WHAT_MATTERS_STATUS,
        person=outcome.person,
        detail=f"outcome {outcome.pk}: {_status_words(previous)} → {_status_words(to.value)}",
    )
    return change


def _status_words(value: str) -> str:
    """A status as the form names it (in English, as the audit keeps it)."""
    return wording.in_english(status.LABELS[OutcomeStatus(value)])
