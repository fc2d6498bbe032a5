"""Break-glass: time-limited, read-only access to someone not allocated to your team."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils import timezone

from whatmatters.casework.access import break_glass as rules
from whatmatters.casework.access.decorators import requires
from whatmatters.casework.access.forms import BreakGlassForm
from whatmatters.casework.access.models import BreakGlassGrant
from whatmatters.casework.access.permissions import Permission
from whatmatters.casework.access.staff import profile_of
from whatmatters.casework.audit import log, wording
from whatmatters.casework.audit.models import AuditAction
from whatmatters.casework.people.models import Person


@requires(Permission.BREAK_GLASS)
def break_glass(request, council_id: str):
    """The form says nothing about the record, and the answer is the same whether
    the council ID exists or not: the ID alone tells no one a record is there."""
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = Person.objects.filter(council_id=council_id).first()
        if person is not None:
            _grant(request, person, form.cleaned_data["reason"])
        else:  # someone trying council IDs: the administrators see it
            log.record(
                request.user,
                AuditAction.BREAK_GLASS,
                wording.BREAK_GLASS_NO_RECORD,
                detail=f"{council_id[:50]}: {form.cleaned_data['reason']}",
                path=request.path,
            )
        # A missing record goes to the same address, which answers "not found"
        # as it does for any record the user may not open.
        return redirect("person:overview", council_id=council_id)
    return render(
        request,
        "access/break_glass.html",
        {"form": form, "minutes": settings.WHATMATTERS_BREAK_GLASS_MINUTES},
    )


def _grant(request, person, reason: str) -> None:
    profile = profile_of(request.user)
    if profile and profile.team_id == person.team_id:
        return  # their own team's record: it opens without breaking glass
    grant = BreakGlassGrant.grant(request.user, person, reason)
    log.record(
        request.user,
        AuditAction.BREAK_GLASS,
        wording.BREAK_GLASS_OPENED,
        person=person,
        detail=f"{grant.reason} (until {timezone.localtime(grant.expires_at):%Y-%m-%d %H:%M})",
        path=request.path,
    )


@requires(Permission.PERSON_VIEW)
def team_notices(request):
    """Break-glass openings of the user's team's records by staff of other teams."""
    profile = profile_of(request.user)
    grants = rules.for_team(profile.team) if profile and profile.team_id else []
    if profile:
        rules.mark_seen(profile)
    return render(
        request, "access/team_notices.html", {"grants": grants, "days": rules.NOTICE_DAYS}
    )
