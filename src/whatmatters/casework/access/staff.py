"""A signed-in user's role and team, read once per request."""

from __future__ import annotations

from whatmatters.casework.access.models import StaffProfile, Team
from whatmatters.casework.access.permissions import Permission, role_has
from whatmatters.casework.access.roles import Role


def profile_of(user) -> StaffProfile | None:
    if not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_staff_profile_cache", "unset")
    if cached == "unset":
        cached = StaffProfile.objects.select_related("team").filter(user=user).first()
        user._staff_profile_cache = cached
    return cached


def role_of(user) -> Role | None:
    profile = profile_of(user)
    return Role(profile.role) if profile else None


def team_of(user) -> Team | None:
    profile = profile_of(user)
    return profile.team if profile else None


def has_permission(user, permission: Permission) -> bool:
    if not getattr(user, "is_active", False):
        return False
    return role_has(role_of(user), permission)


def staff_names(usernames) -> dict[str, str]:
    """Staff usernames (as the journal records them) → their names, in one query.

    A username with no account here (an imported record's worker) is left out.
    """
    from django.contrib.auth import get_user_model

    wanted = {u for u in usernames if u}
    users = get_user_model().objects.filter(username__in=wanted)
    return {u.username: u.get_full_name() or u.username for u in users}
