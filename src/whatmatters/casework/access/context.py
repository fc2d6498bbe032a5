"""Template context: the signed-in user's role, team and permissions."""

from __future__ import annotations

from whatmatters.casework.access.permissions import Permission
from whatmatters.casework.access.staff import has_permission, role_of, team_of


def access(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"can": {}, "my_role": None, "my_team": None}
    can = {p.name.lower(): has_permission(user, p) for p in Permission}
    return {"can": can, "my_role": role_of(user), "my_team": team_of(user)}
