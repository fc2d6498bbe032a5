"""The plan: see it, make it, add and change actions, review it."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from whatmatters.casework.access.decorators import person_page
from whatmatters.casework.access.permissions import Permission
from whatmatters.casework.common import conflict
from whatmatters.casework.common.concurrency import EditConflict
from whatmatters.casework.common.wales import ReviewDecision
from whatmatters.casework.outcomes.models import Outcome
from whatmatters.casework.plans import services
from whatmatters.casework.plans.forms import (
    ActionForm,
    DoneActionForm,
    EndActionForm,
    PlanForm,
    ReviewForm,
)
from whatmatters.casework.plans.models import Action, Ending
from whatmatters.casework.plans.services import PlanRefused
from whatmatters.journal.schema import ActionBy, OutcomeStatus


def _back(person):
    return redirect("plans:plan", council_id=person.council_id)


def _refused(request, person, refusal: PlanRefused):
    """A closed plan or an ended action: say why, back on the plan (never a form)."""
    messages.error(request, str(refusal))
    return _back(person)


@person_page()
def plan(request, person):
    current = services.current_plan(person)
    return render(
        request,
        "plans/plan.html",
        {
            "person": person,
            "plan": current,
            "actions": current.actions.select_related("outcome") if current else [],
            "reviews": current.reviews.select_related("reviewed_by") if current else [],
            "editable": current is not None and current.is_open,
            "outcomes": Outcome.objects.filter(person=person),
        },
    )


@person_page(Permission.PLAN_EDIT)
def make(request, person):
    current = services.current_plan(person)
    if current is not None and current.is_open:  # one plan for a piece of work
        messages.info(request, _("This piece of work already has a plan: add to it or review it"))
        return _back(person)
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.make_plan(request.user, person, **form.cleaned_data)
        messages.success(request, _("The plan was started: now add what will be done"))
        return _back(person)
    heading = _("Make a plan with the person")
    return render(request, "plans/make.html", {"person": person, "form": form, "heading": heading})


def _open_outcomes(person):
    return Outcome.objects.filter(person=person, status=OutcomeStatus.WORKING_ON_IT)


@person_page(Permission.PLAN_EDIT)
def add_action(request, person):
    current = services.current_plan(person)
    if current is None:
        return redirect("plans:make", council_id=person.council_id)
    form = ActionForm(request.POST or None, outcomes=_open_outcomes(person))
    try:
        services.refuse_unless_open(current)
        if request.method == "POST" and form.is_valid():
            services.add_action(request.user, current, **form.action_fields())
            messages.success(request, _("The action was added to the plan"))
            return _back(person)
    except PlanRefused as refusal:
        return _refused(request, person, refusal)
    heading = _("Add an action")
    return render(request, "plans/action.html", _action_page(person, form, heading=heading))


@person_page(Permission.PLAN_EDIT)
def change_action(request, person, pk: int):
    action = get_object_or_404(Action, pk=pk, plan__person=person)
    initial = {f: getattr(action, f) for f in ActionForm.base_fields if hasattr(action, f)}
    initial["version"] = action.version
    form = ActionForm(
        request.POST or None, initial=initial, outcomes=Outcome.objects.filter(person=person)
    )
    try:
        services.refuse_unless_changeable(action)
        if request.method == "POST" and form.is_valid():
            services.change_action(
                request.user, action, form.action_fields(), form.cleaned_data["version"] or 0
            )
            messages.success(request, _("The action was changed"))
            return _back(person)
    except PlanRefused as refusal:
        return _refused(request, person, refusal)
    except EditConflict:
        conflict.reshow(form, action, [n for n in form.fields if n != "version"])
    heading = _("Change an action")
    return render(
        request, "plans/action.html", _action_page(person, form, action=action, heading=heading)
    )


@person_page(Permission.PLAN_EDIT)
def end_action(request, person, pk: int):
    return _finish(request, person, pk, Ending.STOPPED)


@person_page(Permission.PLAN_EDIT)
def done_action(request, person, pk: int):
    return _finish(request, person, pk, Ending.DONE)


def _finish(request, person, pk: int, how: Ending):
    """Mark an action done (with who did it) or end it; a stale form is refused."""
    action = get_object_or_404(Action, pk=pk, plan__person=person)
    started = action.starts_on or timezone.localtime(action.created_at).date()
    kind = DoneActionForm if how == Ending.DONE else EndActionForm
    initial = {"ended_on": datetime.date.today(), "version": action.version}
    form = kind(request.POST or None, initial=initial, started=started)
    try:
        services.refuse_unless_changeable(action)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            services.end_action(
                request.user,
                action,
                data["ended_on"],
                data["version"],
                how=how,
                done_by=data.get("done_by", ""),
            )
            done = how == Ending.DONE
            messages.success(
                request, _("The action was marked done") if done else _("The action was ended")
            )
            return _back(person)
    except PlanRefused as refusal:
        return _refused(request, person, refusal)
    except EditConflict:
        conflict.reshow(form, action, ["ended_on"])
    heading = _("Mark an action done") if how == Ending.DONE else _("End an action")
    page = {"person": person, "form": form, "action": action, "heading": heading}
    return render(request, "plans/end_action.html", page)


@person_page(Permission.PLAN_EDIT)
def review(request, person):
    current = services.current_plan(person)
    if current is None:
        return redirect("plans:make", council_id=person.council_id)
    form = ReviewForm(request.POST or None)
    try:
        services.refuse_unless_open(current)
        if request.method == "POST" and form.is_valid():
            entry = services.review(request.user, current, **form.cleaned_data)
            messages.success(request, _("The review was recorded"))
            if entry.decision == ReviewDecision.CLOSE:
                # Closing the plan is closing the work, with its closure statement.
                return redirect("work:close", council_id=person.council_id)
            return _back(person)
    except PlanRefused as refusal:
        return _refused(request, person, refusal)
    page = {"person": person, "form": form, "plan": current, "heading": _("Review the plan")}
    return render(request, "plans/review.html", page)


def _action_page(person, form, **more) -> dict:
    return {"person": person, "form": form, "paid_service": ActionBy.PAID_SERVICE.value, **more}
