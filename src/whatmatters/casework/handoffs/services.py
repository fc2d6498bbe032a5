"""Passing work on: the allocation changes, the reason is kept, the journey shows it."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from whatmatters.casework.access.models import StaffProfile
from whatmatters.casework.audit import log, wording
from whatmatters.casework.audit.models import AuditAction
from whatmatters.casework.common.concurrency import save_versioned
from whatmatters.casework.handoffs.models import Handoff
from whatmatters.casework.handoffs.reasons import says_something, too_short
from whatmatters.casework.journal_rows import write
from whatmatters.journal.schema import Kind


class HandoffRefused(ValueError):
    """The handoff cannot be made (the message says why)."""


@transaction.atomic
def hand_off(actor, person, *, to_team, to_worker, reason: str, expected_version: int) -> Handoff:
    if not reason.strip():
        raise HandoffRefused(_("Enter why the work is being passed on"))
    if not says_something(reason):
        raise HandoffRefused(too_short())
    if (
        to_worker is not None
        and not StaffProfile.objects.filter(user=to_worker, team=to_team).exists()
    ):
        raise HandoffRefused(_("The worker chosen is not in the team chosen"))
    if to_team == person.team and to_worker == person.worker:
        raise HandoffRefused(_("The work is already allocated there"))
    handoff = Handoff(
        person=person,
        from_team=person.team,
        from_worker=person.worker,
        to_team=to_team,
        to_worker=to_worker,
        reason=reason,
        made_by=actor,
    )
    person.team, person.worker = to_team, to_worker
    save_versioned(person, expected_version)
    handoff.save()
    write.row(
        Kind.REFERRAL,
        "Self-referral" if handoff.to_own_team else "Handoff",
        person=person,
        actor=actor,
        start=handoff.at,
        source_row=handoff.pk,
        team=handoff.from_team.name,
        worker=handoff.from_worker.get_username() if handoff.from_worker else None,
        to_team=to_team.name,
        to_worker=to_worker.get_username() if to_worker else None,
        reason=reason,
    )
    log.record(
        actor,
        AuditAction.CHANGE,
        wording.THE_TEAM,
        person=person,
        detail=f"{handoff.from_team} → {to_team}",
    )
    return handoff
