"""Handing work on, with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from whatmatters.casework.access.decorators import person_page
from whatmatters.casework.access.permissions import Permission
from whatmatters.casework.common.concurrency import CONFLICT_MESSAGE, EditConflict
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
            form.add_error(None, CONFLICT_MESSAGE)
            person.refresh_from_db()
            form.data = form.data.copy()
            form.data["version"] = person.version
        else:
            messages.success(
                request, _("The work was passed to %(team)s") % {"team": handoff.to_team}
            )
            return redirect("person:overview", council_id=person.council_id)
    history = Handoff.objects.filter(person=person).select_related(
        "from_team", "to_team", "from_worker", "to_worker", "made_by"
    )
    return render(
        request, "handoffs/make.html", {"person": person, "form": form, "history": history}
    )
