"""Opening and closing work, with the rule that keeps work open.

Work ends in one of two ways only: the person says what matters is
achieved (every outcome still current is "achieved as the person sees
it"), or it ends for another recorded reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from whatmatters.casework.audit import log, wording
from whatmatters.casework.audit.models import AuditAction
from whatmatters.casework.common.wales import overall
from whatmatters.casework.journal_rows import write
from whatmatters.casework.journal_rows.models import JournalRow
from whatmatters.casework.plans.endings import end_for_closed_work
from whatmatters.casework.work.models import OutcomeAtClosure, Work
from whatmatters.journal.schema import Kind, OutcomeStatus

ACHIEVED_OUTCOME = "NFA: Support ended as planned"


class ClosureRefused(Exception):
    """The work cannot end this way; the message says why in plain words."""


@dataclass(frozen=True)
class Closure:
    outcome: str  # CLD Event Outcome
    reason: str  # the recorded reason (required unless what matters is achieved)
    achieved: bool  # the person says what matters is achieved
    # The closure statement: {Outcome: "fully" | "partly" | "not"}, in the person's view.
    evaluations: dict = field(default_factory=dict)


def open_work(person) -> Work | None:
    return Work.objects.filter(person=person, closed_at__isnull=True).first()


@transaction.atomic
def ensure_open(actor, person, when=None) -> Work:
    """The person's open work, opening it (a journal request row) if there is none."""
    work = open_work(person)
    if work is not None:
        return work
    when = when or timezone.now()
    row = write.row(Kind.REQUEST, "Work opened", person=person, actor=actor, start=when)
    work = Work.objects.create(
        person=person, opened_at=when, opened_by=actor, journal_event_id=row.event_id
    )
    log.record(actor, AuditAction.CREATE, wording.THE_WORK, person=person)
    return work


def outcomes_to_evaluate(person):
    """The personal outcomes a closure statement evaluates: all but those the person changed."""
    from whatmatters.casework.outcomes.models import Outcome

    # Outcomes of earlier, closed work were evaluated when that work closed.
    return (
        Outcome.objects.filter(person=person)
        .exclude(status=OutcomeStatus.CHANGED)
        .exclude(work__closed_at__isnull=False)
    )


def unfinished_outcomes(person):
    from whatmatters.casework.outcomes.models import Outcome

    return Outcome.objects.filter(person=person, status=OutcomeStatus.WORKING_ON_IT)


@transaction.atomic
def close(actor, person, closure: Closure) -> Work:
    work = open_work(person)
    if work is None:
        raise ClosureRefused(_("There is no open work to close"))
    if closure.achieved:
        unfinished = unfinished_outcomes(person).count()
        if unfinished:
            raise ClosureRefused(
                ngettext(
                    "%(count)s thing that matters is still being worked on: mark it "
                    "achieved with the person, or end the work for another reason",
                    "%(count)s things that matter are still being worked on: mark them "
                    "achieved with the person, or end the work for another reason",
                    unfinished,
                )
                % {"count": unfinished}
            )
        if not person.outcomes.filter(status=OutcomeStatus.ACHIEVED).exists():
            raise ClosureRefused(_("Nothing that matters has been recorded as achieved yet"))
    elif not closure.reason.strip():
        raise ClosureRefused(_("Enter the reason the work is ending"))
    now = timezone.now()
    work.closed_at, work.closed_by = now, actor
    work.closure_outcome = ACHIEVED_OUTCOME if closure.achieved else closure.outcome
    work.closure_reason = closure.reason
    work.outcomes_achieved = overall(list(closure.evaluations.values())) or ""
    work.save()
    _write_closure_statement(actor, person, work, closure.evaluations, now)
    write.row(
        Kind.CLOSURE,
        "What matters achieved" if closure.achieved else "Work ended",
        person=person,
        actor=actor,
        start=now,
        outcome=work.closure_outcome,
        reason=closure.reason or None,
        closure_outcomes_achieved=work.outcomes_achieved or None,
    )
    if work.journal_event_id:
        write.end(work.journal_event_id, now)
        JournalRow.objects.filter(event_id=work.journal_event_id).update(
            outcome=work.closure_outcome
        )
    _end_what_was_running(actor, person, now)
    closed = wording.THE_WORK_CLOSED
    log.record(actor, AuditAction.CHANGE, closed, person=person, detail=work.closure_outcome)
    return work


def _end_what_was_running(actor, person, now) -> None:
    """Nothing runs on after the work ends: every open plan action and paid
    service ends on the closing day, in casework, the journal and so in CLD
    (paid services in imported history included)."""
    end_for_closed_work(actor, person, now)
    JournalRow.objects.filter(
        person_id=person.council_id, kind=Kind.SERVICE.value, end__isnull=True
    ).update(end=now)


def _write_closure_statement(actor, person, work: Work, evaluations: dict, now) -> None:
    """One row per outcome evaluated: the person's view of how far it was achieved."""
    for outcome, achieved in evaluations.items():
        entry = OutcomeAtClosure.objects.create(work=work, outcome=outcome, achieved=achieved)
        write.row(
            Kind.OUTCOME,
            "Outcome evaluated at closure",
            person=person,
            actor=actor,
            start=now,
            source_row=entry.pk,
            words=outcome.words,
            words_by=outcome.words_by,
            status=outcome.status,
            closure_outcomes_achieved=achieved,
            event_reference=f"outcome {outcome.pk}",
        )
