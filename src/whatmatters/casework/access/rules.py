"""Which people a member of staff may open (django-rules predicates).

A person's record opens for someone whose role may view records and who
either works in the team the person is allocated to, or holds an unexpired
break-glass grant for that person. Nobody else, including administrators
and analysts, sees it; the views answer "not found".
"""

from __future__ import annotations

import rules

from whatmatters.casework.access.models import BreakGlassGrant
from whatmatters.casework.access.permissions import Permission
from whatmatters.casework.access.staff import has_permission, team_of


@rules.predicate
def may_view_records(user) -> bool:
    return has_permission(user, Permission.PERSON_VIEW)


@rules.predicate
def allocated_to_my_team(user, person) -> bool:
    team = team_of(user)
    return team is not None and person.team_id == team.pk


@rules.predicate
def holds_break_glass(user, person) -> bool:
    return BreakGlassGrant.objects.active().filter(user=user, person=person).exists()


can_open_person = may_view_records & (allocated_to_my_team | holds_break_glass)
