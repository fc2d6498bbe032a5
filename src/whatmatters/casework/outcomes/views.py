"""What matters: record it, see it with its ratings, rate it, change its status."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from whatmatters.casework.access.decorators import person_page
from whatmatters.casework.access.permissions import Permission
from whatmatters.casework.common import conflict
from whatmatters.casework.common.concurrency import EditConflict
from whatmatters.casework.outcomes import services
from whatmatters.casework.outcomes.forms import OutcomeForm, RatingForm, StatusForm
from whatmatters.casework.outcomes.models import Outcome
from whatmatters.casework.outcomes.status import MOVES
from whatmatters.journal.schema import OutcomeStatus


@person_page(Permission.OUTCOME_EDIT)
def create(request, person):
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_outcome(request.user, person, **form.cleaned_data)
        messages.success(request, _("What matters was recorded"))
        return redirect("person:overview", council_id=person.council_id)
    return render(request, "outcomes/create.html", {"person": person, "form": form})


@person_page()
def detail(request, person, pk: int):
    outcome = get_object_or_404(Outcome, pk=pk, person=person)
    return render(
        request,
        "outcomes/detail.html",
        {
            "person": person,
            "outcome": outcome,
            "ratings": outcome.ratings.select_related("recorded_by"),
            "changes": outcome.status_changes.select_related("changed_by"),
            "actions": outcome.actions.all(),
            "can_move": bool(MOVES[OutcomeStatus(outcome.status)]),
        },
    )


@person_page(Permission.OUTCOME_EDIT)
def rate(request, person, pk: int):
    outcome = get_object_or_404(Outcome, pk=pk, person=person)
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.rate(
            request.user, outcome, form.cleaned_data["rating"], form.cleaned_data["words"]
        )
        messages.success(request, _("The person's rating was recorded"))
        return redirect("outcomes:detail", council_id=person.council_id, pk=outcome.pk)
    return render(
        request, "outcomes/rate.html", {"person": person, "outcome": outcome, "form": form}
    )


@person_page(Permission.OUTCOME_EDIT)
def change_status(request, person, pk: int):
    outcome = get_object_or_404(Outcome, pk=pk, person=person)
    form = StatusForm(
        request.POST or None, current=outcome.status, initial={"version": outcome.version}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_status(
                request.user,
                outcome,
                OutcomeStatus(data["to"]),
                reason=data["reason"],
                person_confirms=data["person_confirms"],
                expected_version=data["version"],
            )
        except services.MoveRefused as refused:
            form.add_error(refused.field, str(refused))
        except EditConflict:
            outcome.refresh_from_db()
            status_now = conflict.Difference(
                str(form.fields["to"].label),
                outcome.get_status_display(),
                conflict.shown(form.fields["to"], data["to"]),
            )
            conflict.reshow(form, outcome, [], more=[status_now])
        else:
            messages.success(request, _("The status was changed"))
            return redirect("outcomes:detail", council_id=person.council_id, pk=outcome.pk)
    return render(
        request, "outcomes/status.html", {"person": person, "outcome": outcome, "form": form}
    )
