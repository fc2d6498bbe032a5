"""Writing audit entries."""

from __future__ import annotations

from whatmatters.casework.access.staff import role_of
from whatmatters.casework.audit.models import AuditAction, AuditEntry


def record(
    user, action: AuditAction, what: str, *, person=None, detail: str = "", path: str = ""
) -> AuditEntry:
    """Append one entry: who did ``action`` to ``what`` (of ``person``)."""
    role = role_of(user)
    return AuditEntry.objects.create(
        user=user if getattr(user, "pk", None) else None,
        username=user.get_username() if getattr(user, "pk", None) else "",
        role=role.value if role else "",
        action=action,
        person=person,
        what=what[:200],
        detail=detail,
        path=path[:500],
    )
