"""A worker's stamp on something of the person's view, set once and audited.

Revoking an invitation and reviewing the person's words are the same act:
record when and by whom (``<stamp>_at``, ``<stamp>_by``), once — a second
click changes nothing and writes no second audit entry.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from whatmatters.casework.audit import log
from whatmatters.casework.audit.models import AuditAction


@transaction.atomic
def stamp_once(actor, thing, stamp: str, *, what: str, detail: str) -> None:
    """Set ``thing``'s ``<stamp>_at`` to now and ``<stamp>_by`` to ``actor``, unless already
    set, and audit it as a change to the person's record (``what`` untranslated)."""
    at, by = f"{stamp}_at", f"{stamp}_by"
    if getattr(thing, at):
        return
    setattr(thing, at, timezone.now())
    setattr(thing, by, actor)
    thing.save(update_fields=[at, by])
    log.record(actor, AuditAction.CHANGE, what, person=thing.person, detail=detail)
