"""Audit entries written for the person (or the one they chose), who has no staff account."""

from __future__ import annotations

from whatmatters.casework.audit.models import AuditAction, AuditEntry

# The role an audit entry names for someone using an invitation.
PERSON_ROLE = "person"


def record(invitation, action: AuditAction, what: str, *, path: str = "", detail: str = ""):
    return AuditEntry.objects.create(
        user=None,
        username=f"invitation {invitation.pk}",
        role=PERSON_ROLE,
        action=action,
        person=invitation.person,
        what=what[:200],
        detail=detail,
        path=path[:500],
    )
