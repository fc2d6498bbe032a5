"""Checking a FHIR Bundle before it leaves: structure, codes, references, invariants.

The structure (required elements, types, no unknown elements, dates) is
checked by ``fhir.resources``' R4B models: R4B changed none of the elements
of the resources we write (docs/person-exports.md §2). Those models do not
check required code bindings, reference target types or invariants, so
the codes we emit and the references we make are checked here against
the R4 definitions, and cpl-3 by hand.
"""

from __future__ import annotations

from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError

from whatmatters.casework.people import nhs_number

# Required bindings in R4 for the elements written (element path → allowed codes).
REQUIRED_CODES = {
    ("Goal", "lifecycleStatus"): {
        "proposed", "planned", "accepted", "active", "on-hold", "completed",
        "cancelled", "entered-in-error", "rejected",
    },
    ("CarePlan", "status"): {
        "draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown",
    },
    ("CarePlan", "intent"): {"proposal", "plan", "order", "option"},
    ("CareTeam", "status"): {"proposed", "active", "suspended", "inactive", "entered-in-error"},
    ("Observation", "status"): {
        "registered", "preliminary", "final", "amended", "corrected", "cancelled",
        "entered-in-error", "unknown",
    },
    ("Patient", "gender"): {"male", "female", "other", "unknown"},
}  # fmt: skip
ACTIVITY_STATUS = {
    "not-started", "scheduled", "in-progress", "on-hold", "completed", "cancelled",
    "stopped", "unknown", "entered-in-error",
}  # fmt: skip
ACTIVITY_KIND = {
    "Appointment", "CommunicationRequest", "DeviceRequest", "MedicationRequest",
    "NutritionOrder", "Task", "ServiceRequest", "VisionPrescription",
}  # fmt: skip
GOAL_ACHIEVEMENT = {
    "in-progress", "improving", "worsening", "no-change", "achieved", "sustaining",
    "not-achieved", "no-progress", "not-attainable",
}  # fmt: skip
# (resource, element) → the resource types its references may name (R4).
TARGETS = {
    ("Goal", "subject"): {"Patient", "Group", "Organization"},
    ("Goal", "expressedBy"): {"Patient", "Practitioner", "PractitionerRole", "RelatedPerson"},
    ("Goal", "outcomeReference"): {"Observation"},
    ("Observation", "subject"): {"Patient", "Group", "Device", "Location"},
    ("Observation", "performer"): {
        "Practitioner", "PractitionerRole", "Organization", "CareTeam", "Patient", "RelatedPerson",
    },
    ("CarePlan", "subject"): {"Patient", "Group"},
    ("CarePlan", "author"): {
        "Patient", "Practitioner", "PractitionerRole", "Device", "RelatedPerson",
        "Organization", "CareTeam",
    },
    ("CarePlan", "contributor"): {
        "Patient", "Practitioner", "PractitionerRole", "Device", "RelatedPerson",
        "Organization", "CareTeam",
    },
    ("CarePlan", "careTeam"): {"CareTeam"},
    ("CarePlan", "goal"): {"Goal"},
    ("CareTeam", "subject"): {"Patient", "Group"},
    ("CareTeam", "managingOrganization"): {"Organization"},
    ("RelatedPerson", "patient"): {"Patient"},
}  # fmt: skip
DETAIL_TARGETS = {
    "goal": {"Goal"},
    "performer": {
        "Practitioner", "PractitionerRole", "Organization", "RelatedPerson", "Patient",
        "CareTeam", "HealthcareService", "Device",
    },
}  # fmt: skip
MEMBER_TARGETS = {
    "Practitioner",
    "PractitionerRole",
    "RelatedPerson",
    "Patient",
    "Organization",
    "CareTeam",
}


NHS_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number"


class InvalidFhir(ValueError):
    """The bundle breaks the R4 definitions; the message names every problem."""


def check(bundle: dict) -> None:
    problems = structure(bundle)
    if not problems:
        problems = semantics(bundle)
    if problems:
        raise InvalidFhir("; ".join(problems))


def structure(bundle: dict) -> list[str]:
    try:
        Bundle.model_validate(bundle)
    except ValidationError as error:
        return [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors()]
    return []


def semantics(bundle: dict) -> list[str]:
    types = {e["fullUrl"]: e["resource"]["resourceType"] for e in bundle.get("entry", [])}
    problems: list[str] = []
    for entry in bundle.get("entry", []):
        resource = entry["resource"]
        kind = resource["resourceType"]
        where = f"{kind} {entry['fullUrl']}"
        for (rtype, element), allowed in REQUIRED_CODES.items():
            if rtype == kind and element in resource and resource[element] not in allowed:
                problems.append(f"{where}: {element} {resource[element]!r} is not an R4 code")
        for (rtype, element), allowed in TARGETS.items():
            if rtype == kind:
                problems += _references(where, element, resource.get(element), allowed, types)
        if kind == "Goal":
            problems += _achievement(where, resource)
        if kind == "Patient":
            problems += _nhs_numbers(where, resource)
        if kind == "CareTeam":
            for part in resource.get("participant", []):
                problems += _references(
                    where, "participant.member", part.get("member"), MEMBER_TARGETS, types
                )
        if kind == "CarePlan":
            problems += _activities(where, resource, types)
    return problems


def _references(where, element, value, allowed, types) -> list[str]:
    refs = value if isinstance(value, list) else [value] if value else []
    problems = []
    for ref in refs:
        target = types.get(ref.get("reference"))
        if target is None:
            problems.append(f"{where}: {element} names {ref.get('reference')}, not in the bundle")
        elif target not in allowed:
            problems.append(f"{where}: {element} may not name a {target}")
    return problems


def _achievement(where, goal) -> list[str]:
    codes = [c.get("code") for c in goal.get("achievementStatus", {}).get("coding", [])]
    return [
        f"{where}: achievementStatus {c!r} is not an R4 code"
        for c in codes
        if c not in GOAL_ACHIEVEMENT
    ]


def _nhs_numbers(where, patient) -> list[str]:
    problems = []
    for identifier in patient.get("identifier", []):
        value = identifier.get("value", "")
        if identifier.get("system") == NHS_SYSTEM and not nhs_number.is_valid(value):
            problems.append(
                f"{where}: NHS number {identifier.get('value')!r} fails its check digit"
            )
    return problems


def _activities(where, plan, types) -> list[str]:
    problems = []
    for n, activity in enumerate(plan.get("activity", []), start=1):
        at = f"{where} activity {n}"
        if "reference" in activity and "detail" in activity:
            problems.append(f"{at}: cpl-3, an activity has a reference or a detail, not both")
        detail = activity.get("detail", {})
        if detail.get("status") not in ACTIVITY_STATUS:
            problems.append(f"{at}: status {detail.get('status')!r} is not an R4 code")
        if "kind" in detail and detail["kind"] not in ACTIVITY_KIND:
            problems.append(f"{at}: kind {detail['kind']!r} is not an R4 code")
        for element, allowed in DETAIL_TARGETS.items():
            problems += _references(at, element, detail.get(element), allowed, types)
    return problems
