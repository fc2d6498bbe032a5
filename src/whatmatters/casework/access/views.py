"""Break-glass: time-limited access to someone not allocated to your team."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render

from whatmatters.casework.access.decorators import requires
from whatmatters.casework.access.forms import BreakGlassForm
from whatmatters.casework.access.models import BreakGlassGrant
from whatmatters.casework.access.permissions import Permission
from whatmatters.casework.audit import log
from whatmatters.casework.audit.models import AuditAction
from whatmatters.casework.people.models import Person


@requires(Permission.BREAK_GLASS)
def break_glass(request, council_id: str):
    person = get_object_or_404(Person, council_id=council_id)
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        grant = BreakGlassGrant.grant(request.user, person, form.cleaned_data["reason"])
        log.record(
            request.user,
            AuditAction.BREAK_GLASS,
            "break-glass access",
            person=person,
            detail=f"{grant.reason} (until {grant.expires_at:%Y-%m-%d %H:%M} UTC)",
            path=request.path,
        )
        return redirect("person:overview", council_id=person.council_id)
    return render(
        request,
        "access/break_glass.html",
        {
            "form": form,
            "council_id": person.council_id,
            "minutes": settings.WHATMATTERS_BREAK_GLASS_MINUTES,
        },
    )
