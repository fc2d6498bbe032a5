"""Who may export a person's data, the files each export makes, and its audit entry."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_noop

from whatmatters.casework.access.permissions import Permission
from whatmatters.casework.access.rules import allocated_to_my_team, can_open_person
from whatmatters.casework.access.staff import has_permission
from whatmatters.casework.audit import log, wording
from whatmatters.casework.audit.models import AuditAction
from whatmatters.casework.exports import about_me, fhir_check, fhir_plan, subject_access


@dataclass(frozen=True)
class Kind:
    filename: str  # {id} is the council ID
    content_type: str
    what: str  # the audit entry's words


KINDS = {
    "subject-access": Kind(
        "subject-access-{id}.zip",
        "application/zip",
        gettext_noop("Exported everything held (subject access)"),
    ),
    "fhir": Kind(
        "plan-{id}.fhir.json", "application/fhir+json", gettext_noop("Exported the plan as FHIR R4")
    ),
    "about-me": Kind(
        "about-me-{id}.html",
        "text/html; charset=utf-8",
        gettext_noop("Exported the story as About Me"),
    ),
    "about-me-json": Kind(
        "about-me-{id}.json",
        "application/json",
        gettext_noop("Exported the story as About Me (JSON)"),
    ),
}


class ExportRefused(PermissionError):
    """The user may not export this person's data."""


def may_export(user, person) -> bool:
    """The person's own team only: break-glass lets someone see a record, not take it away."""
    return (
        has_permission(user, Permission.PERSON_EXPORT)
        and can_open_person.test(user, person)
        and allocated_to_my_team(user, person)
    )


def export(user, person, kind: str, *, path: str = "") -> tuple[str, bytes]:
    """(file name, contents) of one export, audited; refused (and audited) when not allowed."""
    if kind not in KINDS:
        raise KeyError(kind)
    if not may_export(user, person):
        log.record(
            user,
            AuditAction.DENIED,
            wording.AN_EXPORT,
            person=person,
            path=path,
            detail=KINDS[kind].filename.format(id=person.council_id),
        )
        raise ExportRefused(f"{user.get_username()} may not export {person.council_id}")
    with translation.override(person.interface_language):
        content = _make(person, kind)
    log.record(user, AuditAction.VIEW, KINDS[kind].what, person=person, path=path)
    return KINDS[kind].filename.format(id=person.council_id), content


def _make(person, kind: str) -> bytes:
    if kind == "subject-access":
        return subject_access.bundle(person)
    if kind == "fhir":
        bundle = fhir_plan.plan_bundle(person)
        fhir_check.check(bundle)
        return json.dumps(bundle, indent=2, ensure_ascii=False).encode()
    if kind == "about-me":
        return about_me.as_html(person).encode()
    return about_me.as_json(person).encode()
