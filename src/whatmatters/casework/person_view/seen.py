"""Who has looked at a person's record, in the words the person reads it in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from whatmatters.casework.access.roles import Role
from whatmatters.casework.audit.models import AuditAction, AuditEntry
from whatmatters.casework.person_view.audit import PERSON_ROLE


@dataclass(frozen=True)
class Look:
    at: datetime
    who: str
    role: str
    what: str


def looks(person, limit: int = 200) -> list[Look]:
    """The newest ``limit`` audit entries about ``person``, named for the person.

    Staff are named with their role: the ICO does not expect a professional
    doing their job to be withheld (see docs/person-exports.md).
    """
    entries = (
        AuditEntry.objects.filter(person=person)
        .exclude(action=AuditAction.DENIED, role=PERSON_ROLE)
        .select_related("user")[:limit]
    )
    return [_look(e) for e in entries]


def _look(entry: AuditEntry) -> Look:
    if entry.role == PERSON_ROLE:
        who, role = _("You, or the person you chose"), ""
    else:
        who = (entry.user.get_full_name() if entry.user else "") or entry.username or _("Unknown")
        role = str(Role(entry.role).label) if entry.role in Role.values else entry.role
    # Entries written here are in the Welsh catalogue; others stay as recorded.
    return Look(entry.at, who, role, f"{entry.get_action_display()}: {_(entry.what)}")
