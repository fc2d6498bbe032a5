"""Making the plan with the person: actions, paid services, reviews (journalled)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from whatmatters.casework.audit import log, wording
from whatmatters.casework.audit.models import AuditAction
from whatmatters.casework.common.concurrency import bump_version, save_versioned
from whatmatters.casework.journal_rows import write
from whatmatters.casework.plans.endings import end_journal_rows
from whatmatters.casework.plans.models import Action, Ending, Plan, Review
from whatmatters.casework.work.services import ensure_open
from whatmatters.journal.schema import Kind

PAID_FIELDS = (
    "service_type",
    "service_component",
    "delivery_mechanism",
    "hours_per_week",
    "unit_cost",
    "cost_frequency",
    "planned_units_per_week",
)


class PlanRefused(Exception):
    """The plan or action cannot be changed (the message says why, in plain words)."""


def current_plan(person) -> Plan | None:
    return Plan.objects.filter(person=person).select_related("work").first()


def refuse_unless_open(plan: Plan) -> None:
    if not plan.is_open:
        raise PlanRefused(_("The work this plan belongs to is closed: the plan can be read only"))


def refuse_unless_changeable(action: Action) -> None:
    refuse_unless_open(action.plan)
    if action.ended_on is not None:
        raise PlanRefused(
            _("This action ended on %(date)s: it can no longer be changed")
            % {"date": date_format(action.ended_on, "j F Y")}
        )


def _at(day: datetime.date | None) -> datetime.datetime:
    if day is None or day == timezone.localdate():
        return timezone.now()
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)


@transaction.atomic
def make_plan(actor, person, *, made_with: str, review_on: datetime.date | None) -> Plan:
    work = ensure_open(actor, person)
    plan = Plan.objects.create(
        person=person, work=work, made_with=made_with, review_on=review_on, made_by=actor
    )
    write.row(
        Kind.PLAN,
        "Plan made with the person",
        person=person,
        actor=actor,
        start=timezone.now(),
        source_row=plan.pk,
        event_reference=f"plan {plan.pk}",
        event_description=f"made with: {made_with}" if made_with else None,
    )
    log.record(actor, AuditAction.CREATE, wording.A_PLAN, person=person, detail=f"plan {plan.pk}")
    return plan


def _service_columns(action: Action) -> dict:
    return {
        "service_type": action.service_type or None,
        "service_component": action.service_component or None,
        "delivery_mechanism": action.delivery_mechanism or None,
        "unit_cost": action.unit_cost,
        "cost_frequency": action.cost_frequency or None,
        "planned_units_per_week": action.planned_units_per_week,
        "units_per_week": action.units_per_week,
        "weekly_cost": action.weekly_cost,
        "hours_per_week": action.hours_per_week,
    }


def _journal_action(actor, action: Action) -> None:
    person = action.plan.person
    write.row(
        Kind.ACTION,
        f"Action: {action.action_by}",
        person=person,
        actor=actor,
        start=_at(action.starts_on),
        source_row=action.pk,
        action_by=action.action_by,
        event_description=action.description,
        event_reference=f"action {action.pk}",
        words=action.outcome.words,
        words_by=action.outcome.words_by,
    )
    if action.is_paid:
        row = write.row(
            Kind.SERVICE,
            "Service",
            person=person,
            actor=actor,
            start=_at(action.starts_on),
            source_row=action.pk,
            action_by=action.action_by,
            event_description=action.description,
            event_reference=f"action {action.pk}",
            **_service_columns(action),
        )
        action.journal_event_id = row.event_id
        Action.objects.filter(pk=action.pk).update(journal_event_id=row.event_id)


@transaction.atomic
def add_action(actor, plan: Plan, **fields) -> Action:
    refuse_unless_open(plan)
    if fields.get("action_by") != "paid_service":
        fields = {k: v for k, v in fields.items() if k not in PAID_FIELDS}
    action = Action.objects.create(plan=plan, created_by=actor, **fields)
    _journal_action(actor, action)
    log.record(
        actor, AuditAction.CREATE, wording.A_PLAN_ACTION, person=plan.person, detail=_which(action)
    )
    return action


@transaction.atomic
def change_action(actor, action: Action, fields: dict, expected_version: int) -> Action:
    """Change an action. A paid service that changes is a new CLD service event:
    the old one ends today and the new one starts; one that becomes another kind
    of action (the family takes it on) ends today. An ended action, or one
    of a closed plan, is refused."""
    refuse_unless_changeable(action)
    before = {k: getattr(action, k) for k in PAID_FIELDS}
    for key, value in fields.items():
        setattr(action, key, value)
    if not action.is_paid:
        for key in PAID_FIELDS:
            setattr(action, key, Action._meta.get_field(key).get_default())
        if action.journal_event_id:
            write.end(action.journal_event_id, timezone.now())
            action.journal_event_id = ""
    save_versioned(action, expected_version)
    if action.is_paid and any(before[k] != getattr(action, k) for k in PAID_FIELDS):
        now = timezone.now()
        if action.journal_event_id:
            write.end(action.journal_event_id, now)
        row = write.row(
            Kind.SERVICE,
            "Service",
            person=action.plan.person,
            actor=actor,
            start=now,
            source_row=action.pk,
            action_by=action.action_by,
            event_description=action.description,
            event_reference=f"action {action.pk}",
            **_service_columns(action),
        )
        Action.objects.filter(pk=action.pk).update(journal_event_id=row.event_id)
    log.record(
        actor,
        AuditAction.CHANGE,
        wording.A_PLAN_ACTION,
        person=action.plan.person,
        detail=_which(action),
    )
    return action


@transaction.atomic
def end_action(
    actor,
    action: Action,
    ended_on: datetime.date,
    expected_version: int,
    *,
    how: Ending = Ending.STOPPED,
    done_by: str = "",
) -> None:
    """End an action (done, with who did it, or stopped): a change like any
    other, so its version goes up and a form opened before it is refused."""
    refuse_unless_changeable(action)
    action.ended_on, action.ended_how, action.done_by = ended_on, how, done_by
    action.ended_by = actor
    save_versioned(action, expected_version)
    end_journal_rows(action, _at(ended_on))
    done = how == Ending.DONE
    log.record(
        actor,
        AuditAction.CHANGE,
        wording.A_PLAN_ACTION_DONE if done else wording.A_PLAN_ACTION_STOPPED,
        person=action.plan.person,
        detail=_which(action) + (f", done by {done_by}" if done and done_by else ""),
    )


def _which(action: Action) -> str:
    """Which action, for the audit: its number and the plan's."""
    return f"action {action.pk} of plan {action.plan_id}"


@transaction.atomic
def review(
    actor, plan: Plan, *, notes: str, next_review_on: datetime.date | None, decision: str = ""
) -> Review:
    """Record a review and its decision: confirm, revise or close the plan.

    Closing is done by closing the work, which records the closure statement."""
    refuse_unless_open(plan)
    entry = Review.objects.create(
        plan=plan,
        notes=notes,
        next_review_on=next_review_on,
        decision=decision,
        reviewed_by=actor,
    )
    plan.review_on = next_review_on
    bump_version(plan, "review_on")
    write.row(
        Kind.REVIEW,
        "Plan reviewed",
        person=plan.person,
        actor=actor,
        start=timezone.now(),
        source_row=entry.pk,
        words=notes,
        words_by="person",
        event_reference=f"plan {plan.pk}",
        review_decision=decision or None,
    )
    log.record(
        actor,
        AuditAction.CHANGE,
        wording.A_PLAN_REVIEW,
        person=plan.person,
        detail=f"plan {plan.pk}"
        + (f", decided: {wording.in_english(entry.get_decision_display())}" if decision else ""),
    )
    return entry
