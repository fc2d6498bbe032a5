"""Measures from the casework journal: for a team, and for the council."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from whatmatters.casework.access.decorators import requires_any
from whatmatters.casework.access.permissions import Permission
from whatmatters.casework.access.staff import has_permission, team_of
from whatmatters.casework.measures import summary


@requires_any(Permission.MEASURES_TEAM, Permission.MEASURES_COUNCIL)
def index(request):
    user = request.user
    can_team = has_permission(user, Permission.MEASURES_TEAM) and team_of(user) is not None
    can_council = has_permission(user, Permission.MEASURES_COUNCIL)
    scope = request.GET.get("scope") or ("team" if can_team else "council")
    if (scope == "council" and not can_council) or (scope == "team" and not can_team):
        raise PermissionDenied
    result = summary.measures(
        team=team_of(user).name if scope == "team" else None,
        pseudonymised=has_permission(user, Permission.MEASURES_PSEUDONYMISED),
    )
    return render(
        request,
        "measures/index.html",
        {"scope": scope, "result": result, "can_council": can_council, "can_team": can_team},
    )
