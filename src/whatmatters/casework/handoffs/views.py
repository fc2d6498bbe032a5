"""Handing work on, with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from whatmatters.casework.access.decorators import person_page
from whatmatters.casework.access.permissions import Permission
from whatmatters.casework.access.rules import can_open_person
from whatmatters.casework.common import conflict
from whatmatters.casework.common.concurrency import EditConflict
from whatmatters.casework.handoffs import services
from whatmatters.casework.handoffs.forms import HandoffForm
from whatmatters.casework.handoffs.models import Handoff


@person_page(Permission.HANDOFF_MAKE)
def make(request, person):
    form = HandoffForm(request.POST or None, initial={"version": person.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            handoff = services.hand_off(
                request.user,
                person,
                to_team=data["to_team"],
                to_worker=data["to_worker"],
                reason=data["reason"],
                expected_version=data["version"],
            )
        except services.HandoffRefused as refused:
            form.add_error("to_worker", str(refused))
        except EditConflict:
            person.refresh_from_db()
            allocation = conflict.Difference(
                _("Allocated to"),
                _allocation(person.team, person.worker),
                _allocation(data["to_team"], data["to_worker"]),
            )
            conflict.reshow(form, person, [], more=[allocation])
        else:
            return _after_handoff(request, person, handoff)
    history = Handoff.objects.filter(person=person).select_related(
        "from_team", "to_team", "from_worker", "to_worker", "made_by"
    )
    return render(
        request, "handoffs/make.html", {"person": person, "form": form, "history": history}
    )


def _allocation(team, worker) -> str:
    return f"{team}: {worker.get_full_name() or worker.username}" if worker else str(team)


def _after_handoff(request, person, handoff: Handoff):
    """Back to the record if it is still the worker's; else to their team's list.

    Work passed to another team is no longer theirs to open: landing on
    "not found" would read as an error, so they see their list and a banner
    saying where the work went and why.
    """
    if can_open_person.test(request.user, person):
        messages.success(request, _("The work was passed to %(team)s") % {"team": handoff.to_team})
        return redirect("person:overview", council_id=person.council_id)
    messages.success(
        request,
        _("Work for %(person)s passed to %(team)s: %(reason)s")
        % {"person": person.full_name, "team": handoff.to_team, "reason": handoff.reason},
    )
    return redirect("people:mine")
