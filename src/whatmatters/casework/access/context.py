"""Template context: the signed-in user's role, team and permissions, and
break-glass: the grant in use on this page (its banner) and the notice to a
team whose records were opened through it."""

from __future__ import annotations

from whatmatters.casework.access import break_glass
from whatmatters.casework.access.permissions import Permission
from whatmatters.casework.access.staff import has_permission, profile_of, role_of, team_of


def access(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"can": {}, "my_role": None, "my_team": None}
    grant = getattr(request, "break_glass", None)
    can = {p.name.lower(): _may(user, p, grant) for p in Permission}
    return {
        "can": can,
        "my_role": role_of(user),
        "my_team": team_of(user),
        "break_glass": grant,
        "break_glass_unseen": (
            break_glass.unseen_count(profile_of(user)) if can["person_view"] else 0
        ),
    }


def _may(user, permission: Permission, grant) -> bool:
    """Under break-glass the record's pages offer reading only."""
    reading_only = grant and permission in break_glass.RECORD_PERMISSIONS
    if reading_only and permission not in break_glass.ALLOWED_PERMISSIONS:
        return False
    return has_permission(user, permission)
