"""Logging a contact as demand (journalled, linked to the person's open work)."""

from __future__ import annotations

from django.db import transaction

from whatmatters.casework.audit import log, wording
from whatmatters.casework.audit.models import AuditAction
from whatmatters.casework.contacts.models import Contact
from whatmatters.casework.journal_rows import write
from whatmatters.casework.work.services import ensure_open, open_work
from whatmatters.journal.schema import DemandType, Kind


@transaction.atomic
def log_contact(actor, person, **fields) -> Contact:
    """Log a contact. One resolved at the first point opens no work; any other
    joins the person's open work, opening it if needed."""
    if fields.get("demand_type") != DemandType.FAILURE:
        fields["failure_reason"], fields["failure_detail"] = "", ""
    work = open_work(person)
    if work is None and not fields.get("resolved_first_point"):
        work = ensure_open(actor, person, fields.get("at"))
    contact = Contact.objects.create(person=person, work=work, logged_by=actor, **fields)
    reason = contact.get_failure_reason_display() if contact.failure_reason else None
    if reason and contact.failure_detail:
        reason = f"{reason}: {contact.failure_detail}"
    write.row(
        Kind.CONTACT,
        "Contact",
        person=person,
        actor=actor,
        start=contact.at,
        source_row=contact.pk,
        channel=contact.channel,
        contact_from=contact.contact_from,
        words=contact.words,
        words_by=contact.contact_from,
        demand_type=contact.demand_type,
        demand_reason=contact.failure_reason or None,
        resolved_first_point=contact.resolved_first_point,
        event_description=contact.next_step or None,
        reason=reason,
        conversation_language=contact.language or None,
        active_offer_made=contact.active_offer_made,
    )
    log.record(
        actor, AuditAction.CREATE, wording.A_CONTACT, person=person, detail=f"contact {contact.pk}"
    )
    return contact
