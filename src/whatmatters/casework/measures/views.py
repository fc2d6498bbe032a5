"""Measures: the check's capability charts and results, for a team and for the council."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import translation

from whatmatters.casework.access.decorators import requires_any
from whatmatters.casework.access.permissions import Permission
from whatmatters.casework.access.staff import has_permission, team_of
from whatmatters.casework.measures import figures, freshness


@requires_any(Permission.MEASURES_TEAM, Permission.MEASURES_COUNCIL)
def index(request):
    user = request.user
    can_team = has_permission(user, Permission.MEASURES_TEAM) and team_of(user) is not None
    can_council = has_permission(user, Permission.MEASURES_COUNCIL)
    scope = request.GET.get("scope") or ("team" if can_team else "council")
    if (scope == "council" and not can_council) or (scope == "team" and not can_team):
        raise PermissionDenied
    team = team_of(user).name if scope == "team" else None
    snapshot = freshness.latest(team)  # at once after a change: see freshness.py
    result = snapshot.result
    charts = snapshot.charts_in(translation.get_language())
    return render(
        request,
        "measures/index.html",
        {
            "scope": scope,
            "can_council": can_council,
            "can_team": can_team,
            "pseudonymised": has_permission(user, Permission.MEASURES_PSEUDONYMISED),
            "window": result.window,
            "change_date": result.params.change_date,
            "compared": result.comparison,
            "compared_words": figures.compared(result),
            "charts": charts,
            "results": figures.result_lines(result),
            "demand": figures.demand(result),
            "referrals": figures.referrals(result),
            "what_matters": figures.what_matters(result),
            "snapshot": snapshot,
        },
    )
