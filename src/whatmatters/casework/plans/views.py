"""The plan: see it, make it, add and change actions, review it."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from whatmatters.casework.access.decorators import person_page
from whatmatters.casework.access.permissions import Permission
from whatmatters.casework.common.concurrency import CONFLICT_MESSAGE, EditConflict
from whatmatters.casework.outcomes.models import Outcome
from whatmatters.casework.plans import services
from whatmatters.casework.plans.forms import ActionForm, EndActionForm, PlanForm, ReviewForm
from whatmatters.casework.plans.models import Action
from whatmatters.journal.schema import ActionBy, OutcomeStatus


def _back(person):
    return redirect("plans:plan", council_id=person.council_id)


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
            "outcomes": Outcome.objects.filter(person=person),
        },
    )


@person_page(Permission.PLAN_EDIT)
def make(request, person):
    current = services.current_plan(person)
    if current is not None and current.work.closed_at is None:  # one plan for a piece of work
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
    if request.method == "POST" and form.is_valid():
        services.add_action(request.user, current, **form.action_fields())
        messages.success(request, _("The action was added to the plan"))
        return _back(person)
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
    if request.method == "POST" and form.is_valid():
        try:
            services.change_action(
                request.user, action, form.action_fields(), form.cleaned_data["version"] or 0
            )
        except EditConflict:
            form.add_error(None, CONFLICT_MESSAGE)
            action.refresh_from_db()
            form.data = form.data.copy()
            form.data["version"] = action.version
        else:
            messages.success(request, _("The action was changed"))
            return _back(person)
    heading = _("Change an action")
    return render(
        request, "plans/action.html", _action_page(person, form, action=action, heading=heading)
    )


@person_page(Permission.PLAN_EDIT)
def end_action(request, person, pk: int):
    action = get_object_or_404(Action, pk=pk, plan__person=person, ended_on__isnull=True)
    started = action.starts_on or timezone.localtime(action.created_at).date()
    form = EndActionForm(
        request.POST or None, initial={"ended_on": datetime.date.today()}, started=started
    )
    if request.method == "POST" and form.is_valid():
        services.end_action(request.user, action, form.cleaned_data["ended_on"])
        messages.success(request, _("The action was ended"))
        return _back(person)
    page = {"person": person, "form": form, "action": action, "heading": _("End an action")}
    return render(request, "plans/end_action.html", page)


@person_page(Permission.PLAN_EDIT)
def review(request, person):
    current = services.current_plan(person)
    if current is None:
        return redirect("plans:make", council_id=person.council_id)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.review(request.user, current, **form.cleaned_data)
        messages.success(request, _("The review was recorded"))
        return _back(person)
    page = {"person": person, "form": form, "plan": current, "heading": _("Review the plan")}
    return render(request, "plans/review.html", page)


def _action_page(person, form, **more) -> dict:
    return {"person": person, "form": form, "paid_service": ActionBy.PAID_SERVICE.value, **more}
