"""Closing work."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from whatmatters.casework.access.decorators import person_page
from whatmatters.casework.access.permissions import Permission
from whatmatters.casework.plans.models import Action
from whatmatters.casework.work import services
from whatmatters.casework.work.forms import ACHIEVED, CloseForm


@person_page(Permission.WORK_CLOSE)
def close(request, person):
    work = services.open_work(person)
    outcomes = list(services.outcomes_to_evaluate(person))
    form = CloseForm(request.POST or None, outcomes=outcomes)
    if work is not None and request.method == "POST" and form.is_valid():
        how = form.cleaned_data["how"]
        closure = services.Closure(
            outcome="" if how == ACHIEVED else how,
            reason=form.cleaned_data["reason"],
            achieved=how == ACHIEVED,
            evaluations=form.evaluations(outcomes),
        )
        try:
            services.close(request.user, person, closure)
        except services.ClosureRefused as refused:
            form.add_error("how" if closure.achieved else "reason", str(refused))
        else:
            messages.success(request, _("The work was closed"))
            return redirect("person:overview", council_id=person.council_id)
    return render(
        request,
        "work/close.html",
        {
            "person": person,
            "form": form,
            "work": work,
            "unfinished": services.unfinished_outcomes(person),
            # Closing ends these on the day: the worker is told before, not after.
            "running": Action.objects.filter(plan__person=person, ended_on__isnull=True),
        },
    )
