"""Measures from the casework journal: for a team, and for the council."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from whatmatters.casework.access.decorators import requires_any
from whatmatters.casework.access.permissions import Permission
from whatmatters.casework.access.staff import has_permission, team_of
from whatmatters.casework.journal.source import connect_django, journal_table
from whatmatters.casework.measures import capability, summary
from whatmatters.casework.measures.charts import capability_chart


@requires_any(Permission.MEASURES_TEAM, Permission.MEASURES_COUNCIL)
def index(request):
    user = request.user
    can_team = has_permission(user, Permission.MEASURES_TEAM) and team_of(user) is not None
    can_council = has_permission(user, Permission.MEASURES_COUNCIL)
    scope = request.GET.get("scope") or ("team" if can_team else "council")
    if (scope == "council" and not can_council) or (scope == "team" and not can_team):
        raise PermissionDenied
    team = team_of(user).name if scope == "team" else None
    journal = capability.in_scope(journal_table(connect_django()), team)
    charts = [
        capability_chart(
            capability.end_to_end_days_by_week(journal),
            title=_("Days from opening work to its end (mean of the work ending each week)"),
            unit=_("days"),
            period_word=_("week"),
        ),
        capability_chart(
            capability.failure_demand_by_month(journal),
            title=_("Failure demand, % of contacts of known type, each month"),
            unit="%",
            period_word=_("month"),
        ),
    ]
    result = summary.measures(
        team=team, pseudonymised=has_permission(user, Permission.MEASURES_PSEUDONYMISED)
    )
    return render(
        request,
        "measures/index.html",
        {
            "scope": scope,
            "result": result,
            "charts": charts,
            "can_council": can_council,
            "can_team": can_team,
        },
    )
