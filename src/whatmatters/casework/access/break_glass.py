"""What break-glass access allows, and who is told of it.

Break-glass opens one record not allocated to the user's team, for a stated
reason and a short time, so that someone can be helped now. It is **read
only**: the user may read every page of the person's record (the pages that
need ``person.view``) with ``GET``, and nothing else — no recording, no
plan, no contact, no handoff, no closing. So it cannot be turned into
ownership (handing the work to oneself or one's own team needs a handoff),
and the owning team keeps the work and its history. The owning team is told:
every grant names the team the person was allocated to, and that team's
staff see a notice until they have read the list.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from whatmatters.casework.access.models import BreakGlassGrant
from whatmatters.casework.access.permissions import Permission

# The stated set: what a break-glass user may do (read, nothing more).
ALLOWED_PERMISSIONS = frozenset({Permission.PERSON_VIEW})
READING_METHODS = frozenset({"GET", "HEAD"})
# What a user may do to a record they have opened (pages hide the rest under break-glass).
RECORD_PERMISSIONS = frozenset(
    {
        Permission.PERSON_VIEW,
        Permission.PERSON_EDIT,
        Permission.STORY_RECORD,
        Permission.OUTCOME_EDIT,
        Permission.PLAN_EDIT,
        Permission.CONTACT_LOG,
        Permission.HANDOFF_MAKE,
        Permission.WORK_CLOSE,
        Permission.AUDIT_TEAM,
        Permission.PERSON_INVITE,
        Permission.PERSON_EXPORT,
    }
)
# How far back the owning team's notice and list look.
NOTICE_DAYS = 30


def active_grant(user, person) -> BreakGlassGrant | None:
    """The user's unexpired grant for ``person`` (the latest), if any."""
    if not getattr(user, "pk", None):
        return None
    return (
        BreakGlassGrant.objects.active()
        .filter(user=user, person=person)
        .order_by("-expires_at")
        .first()
    )


def allows(permission, method: str) -> bool:
    """Whether break-glass access covers a request needing ``permission``."""
    return permission in ALLOWED_PERMISSIONS and method in READING_METHODS


def for_team(team):
    """Grants to records of ``team`` by staff of other teams, newest first."""
    since = timezone.now() - timedelta(days=NOTICE_DAYS)
    return (
        BreakGlassGrant.objects.filter(team=team, started_at__gte=since)
        .exclude(user__staff__team=team)
        .select_related("user", "person")
        .order_by("-started_at")
    )


def unseen_count(profile) -> int:
    """Grants on the user's team's records they have not yet looked at in the list."""
    if profile is None or profile.team_id is None:
        return 0
    grants = for_team(profile.team)
    if profile.break_glass_seen_at:
        grants = grants.filter(started_at__gt=profile.break_glass_seen_at)
    return grants.count()


def mark_seen(profile) -> None:
    profile.break_glass_seen_at = timezone.now()
    profile.save(update_fields=["break_glass_seen_at"])
