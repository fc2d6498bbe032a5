"""What the person adds in their own words, and the worker's review of it."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from whatmatters.casework.audit.models import AuditAction
from whatmatters.casework.person_view import audit as person_audit
from whatmatters.casework.person_view.models import About, TheirWords
from whatmatters.casework.person_view.stamps import stamp_once
from whatmatters.casework.plans.models import Action
from whatmatters.casework.stories.sections import Section


def subjects(person) -> list[tuple[str, str]]:
    """(value, label) for everything the person can write about."""
    from whatmatters.casework.plans.services import current_plan

    choices = [(About.WHAT_MATTERS.value, About.WHAT_MATTERS.label)]
    choices += [(f"section:{s.value}", s.label) for s in Section]
    choices.append((About.PLAN.value, About.PLAN.label))
    plan = current_plan(person)
    if plan:
        for action in plan.actions.filter(ended_on__isnull=True):
            choices.append(
                (f"action:{action.pk}", _("About: %(action)s") % {"action": action.description})
            )
    return choices


@transaction.atomic
def add(invitation, subject: str, text: str, *, path: str = "") -> TheirWords:
    """Keep the person's words; words about a paid service wait for the worker's review."""
    person = invitation.person
    words = TheirWords(person=person, invitation=invitation, text=text)
    kind, _sep, value = subject.partition(":")
    if kind == "section":
        words.section = Section(value)
    elif kind == "action":
        action = Action.objects.get(pk=int(value), plan__person=person)
        words.action = action
        words.needs_review = action.is_paid
    else:
        words.about = About(subject)
    words.save()
    person_audit.record(
        invitation,
        AuditAction.CREATE,
        gettext_noop("Added to their record in their own words"),
        path=path,
        detail="waits for the worker's review (a paid service)" if words.needs_review else "",
    )
    return words


def mark_reviewed(actor, words: TheirWords) -> None:
    stamp_once(
        actor,
        words,
        "reviewed",
        what=gettext_noop("Reviewed what the person said about a paid service"),
        detail=f"their words {words.pk}",
    )
