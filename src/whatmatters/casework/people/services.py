"""Creating and correcting people (audited)."""

from __future__ import annotations

import uuid

from django.db import transaction

from whatmatters.casework.access.roles import Role
from whatmatters.casework.access.staff import role_of, team_of
from whatmatters.casework.audit import log, wording
from whatmatters.casework.audit.models import AuditAction
from whatmatters.casework.common.concurrency import save_versioned
from whatmatters.casework.people.models import Language, Person

DETAIL_FIELDS = (
    "first_name",
    "last_name",
    "preferred_name",
    "date_of_birth",
    "nhs_number",
    "gender",
    "postcode",
    "preferred_language",
)
COUNCIL_ID_PREFIX = "P"


def council_id_for(pk: int) -> str:
    return f"{COUNCIL_ID_PREFIX}{pk:07d}"


@transaction.atomic
def create_person(actor, details: dict) -> Person:
    """A new person, allocated to the creator's team (and to them, if a worker)."""
    person = Person(**{k: details.get(k) or "" for k in DETAIL_FIELDS if k != "date_of_birth"})
    person.date_of_birth = details.get("date_of_birth")
    person.preferred_language = details.get("preferred_language") or Language.ENGLISH
    person.team = team_of(actor)
    person.worker = actor if role_of(actor) == Role.FRONTLINE_WORKER else None
    person.council_id = f"new-{uuid.uuid4().hex}"
    person.save()
    person.council_id = council_id_for(person.pk)
    Person.objects.filter(pk=person.pk).update(council_id=person.council_id)
    # No name in the entry: the council-wide audit shows records by council ID only.
    log.record(actor, AuditAction.CREATE, wording.THE_RECORD, person=person)
    return person


def update_details(actor, person: Person, details: dict, expected_version: int) -> None:
    """Correct a person's details; refuses if someone else saved first."""
    changed = [k for k in DETAIL_FIELDS if (getattr(person, k) or "") != (details.get(k) or "")]
    for key in DETAIL_FIELDS:
        value = details.get(key)
        setattr(person, key, value if key == "date_of_birth" else (value or ""))
    with transaction.atomic():
        save_versioned(person, expected_version)
        log.record(
            actor,
            AuditAction.CHANGE,
            wording.THE_DETAILS,
            person=person,
            detail=wording.in_english(*(Person._meta.get_field(k).verbose_name for k in changed)),
        )
