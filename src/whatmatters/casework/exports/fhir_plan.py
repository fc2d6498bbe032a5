"""A person's plan as a FHIR R4 Bundle: Patient, Goal, Observation, CarePlan, CareTeam,
RelatedPerson, Organization and Practitioner (mapping in docs/person-exports.md §1).

Every resource is built as plain JSON and the whole Bundle is validated by
``fhir_check`` before it leaves. Identifiers are stable UUIDs derived from
the council ID, so the same record exports the same references.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.utils import timezone

from whatmatters.casework.outcomes.models import Outcome, WordsBy
from whatmatters.casework.plans.services import current_plan
from whatmatters.casework.work.models import Work
from whatmatters.journal.schema import ActionBy, OutcomeStatus

NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number"
LOCAL = "https://whatmatters.invalid/fhir"  # a local namespace: no public one exists for these
COUNCIL_ID = f"{LOCAL}/council-person-id"
CLD_SERVICE_TYPE = f"{LOCAL}/CodeSystem/cld-service-type"
WEEKLY_COST = f"{LOCAL}/StructureDefinition/weekly-cost"
GOAL_ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
UK_RELATIONSHIP = "https://fhir.hl7.org.uk/CodeSystem/UKCore-PersonRelationshipType"
ORGANIZATION_TYPE = "http://terminology.hl7.org/CodeSystem/organization-type"
LANGUAGE = "urn:ietf:bcp:47"

GENDER = {"Male": "male", "Female": "female", "Unknown": "unknown"}
BCP47 = {"en": "en-GB", "cy": "cy"}  # the person's preferred language (UK Core binds BCP-47)
# what matters status → (Goal.lifecycleStatus, goal-achievement code)
GOAL_STATUS = {
    OutcomeStatus.WORKING_ON_IT: ("active", "in-progress"),
    OutcomeStatus.ACHIEVED: ("completed", "achieved"),
    OutcomeStatus.CHANGED: ("cancelled", None),
}
RELATED = {
    ActionBy.FAMILY: (ROLE_CODE, "FAMMEMB", "family member"),
    ActionBy.FRIEND: (ROLE_CODE, "FRND", "friend"),
    ActionBy.UNPAID_CARER: (UK_RELATIONSHIP, "Carer", "Carer"),
}


class Builder:
    def __init__(self, person):
        self.person = person
        self.entries: dict[str, dict] = {}

    def ref(self, kind: str, key) -> str:
        name = f"{settings.WHATMATTERS_COUNCIL}/{self.person.council_id}/{kind}/{key}"
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"

    def add(self, kind: str, key, resource: dict) -> dict:
        url = self.ref(kind, key)
        if url not in self.entries:
            self.entries[url] = {"resourceType": kind, **resource}
        return {"reference": url}

    def bundle(self) -> dict:
        return {
            "resourceType": "Bundle",
            "type": "collection",
            "timestamp": timezone.now().isoformat(),
            "entry": [{"fullUrl": url, "resource": r} for url, r in self.entries.items()],
        }


def plan_bundle(person) -> dict:
    b = Builder(person)
    patient = b.add("Patient", person.pk, _patient(person))
    plan = current_plan(person)
    actions = list(plan.actions.select_related("outcome")) if plan else []
    goals = {o.pk: _goal(b, o, patient) for o in Outcome.objects.filter(person=person)}
    team = b.add("Organization", f"team-{person.team_id}", {"name": person.team.name})
    members = [{"role": [{"text": "Allocated team"}], "member": team}]
    if person.worker:
        members.append(
            {"role": [{"text": "Allocated worker"}], "member": _practitioner(b, person.worker)}
        )
    care_team = b.add(
        "CareTeam",
        "team",
        {
            "status": "active",
            "subject": patient,
            "participant": members,
            "managingOrganization": [team],
        },
    )
    if plan:
        b.add("CarePlan", plan.pk, _care_plan(b, person, plan, actions, goals, patient, care_team))
    return b.bundle()


def _patient(person) -> dict:
    identifiers = [{"system": COUNCIL_ID, "value": person.council_id}]
    if person.nhs_number:
        identifiers.insert(0, {"system": NHS_NUMBER, "value": person.nhs_number})
    names = [{"use": "official", "family": person.last_name, "given": [person.first_name]}]
    if person.preferred_name:
        names.append({"use": "usual", "given": [person.preferred_name]})
    patient = {
        "identifier": identifiers,
        "active": Work.objects.filter(person=person, closed_at__isnull=True).exists(),
        "name": names,
        "gender": GENDER.get(person.gender),
        "birthDate": person.date_of_birth.isoformat() if person.date_of_birth else None,
        "address": [{"postalCode": person.postcode}] if person.postcode else None,
    }
    language = BCP47.get(person.preferred_language)
    if language:
        patient["communication"] = [
            {"language": {"coding": [{"system": LANGUAGE, "code": language}]}, "preferred": True}
        ]
    return {k: v for k, v in patient.items() if v is not None}


def _goal(b: Builder, outcome: Outcome, patient: dict) -> dict:
    lifecycle, achievement = GOAL_STATUS[OutcomeStatus(outcome.status)]
    ratings = list(outcome.ratings.all())
    goal = {
        "lifecycleStatus": lifecycle,
        "description": {"text": outcome.words},
        "subject": patient,
        "startDate": outcome.recorded_at.date().isoformat(),
        "outcomeReference": [_rating(b, r, patient, outcome) for r in ratings] or None,
    }
    if achievement:
        goal["achievementStatus"] = {"coding": [{"system": GOAL_ACHIEVEMENT, "code": achievement}]}
    if outcome.words_by in (WordsBy.PERSON, WordsBy.JOINT):
        goal["expressedBy"] = patient
    if outcome.status == OutcomeStatus.CHANGED:
        last = outcome.status_changes.order_by("-changed_at").first()
        goal["statusReason"] = (last.reason if last else "") or "What matters to the person changed"
    goal = {k: v for k, v in goal.items() if v is not None}
    return b.add("Goal", outcome.pk, goal)


def _rating(b: Builder, rating, patient: dict, outcome) -> dict:
    return b.add(
        "Observation",
        f"rating-{rating.pk}",
        {
            "status": "final",
            "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey"}]}],
            "code": {
                "text": "How far the person has got, in their own view (0 not at all to 10 there)"
            },
            "subject": patient,
            "focus": [{"reference": b.ref("Goal", outcome.pk)}],
            "effectiveDateTime": rating.rated_at.isoformat(),
            "performer": [patient],
            "valueInteger": rating.rating,
            **({"note": [{"text": rating.words}]} if rating.words else {}),
        },
    )


def _practitioner(b: Builder, user) -> dict:
    name = {"text": user.get_full_name() or user.get_username()}
    return b.add("Practitioner", f"staff-{user.pk}", {"name": [name]})


def _performer(b: Builder, action, patient: dict) -> dict:
    by = ActionBy(action.action_by)
    who = action.who or action.action_by_label()
    if by == ActionBy.SELF:
        return patient
    if by in RELATED:
        system, code, display = RELATED[by]
        return b.add(
            "RelatedPerson",
            f"{by}-{who}",
            {
                "patient": patient,
                "relationship": [
                    {"coding": [{"system": system, "code": code, "display": display}]}
                ],
                "name": [{"text": str(who)}],
            },
        )
    kind = "cg" if by == ActionBy.COMMUNITY else "prov"
    return b.add(
        "Organization",
        f"{by}-{who}",
        {"type": [{"coding": [{"system": ORGANIZATION_TYPE, "code": kind}]}], "name": str(who)},
    )


def _activity(b: Builder, action, goals: dict, patient: dict) -> dict:
    today = timezone.localdate()
    if action.ended_on and action.ended_on <= today:
        status = "completed"
    elif action.starts_on and action.starts_on > today:
        status = "not-started"
    else:
        status = "in-progress"
    detail = {
        "status": status,
        "description": action.description + (f" ({action.when})" if action.when else ""),
        "goal": [goals[action.outcome_id]],
        "performer": [_performer(b, action, patient)],
    }
    if action.starts_on or action.ended_on:
        period = {"start": _iso(action.starts_on), "end": _iso(action.ended_on)}
        detail["scheduledPeriod"] = {k: v for k, v in period.items() if v}
    if action.is_paid:
        detail["kind"] = "ServiceRequest"
        if action.service_type:
            detail["code"] = {"coding": [{"system": CLD_SERVICE_TYPE, "code": action.service_type}]}
        if action.hours_per_week is not None:
            detail["quantity"] = {
                "value": action.hours_per_week,
                "unit": "hours a week",
                "system": "http://unitsofmeasure.org",
                "code": "h/wk",
            }
        if action.weekly_cost is not None:
            detail["extension"] = [
                {
                    "url": WEEKLY_COST,
                    "valueMoney": {"value": round(action.weekly_cost, 2), "currency": "GBP"},
                }
            ]
    return {"detail": detail}


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def _care_plan(b, person, plan, actions, goals, patient, care_team) -> dict:
    work = plan.work
    closed = work is not None and work.closed_at is not None
    activities = [_activity(b, a, goals, patient) for a in actions]
    if plan.review_on:
        activities.append(
            {
                "detail": {
                    "status": "completed" if closed else "scheduled",
                    "description": "Review the plan with the person",
                    "scheduledPeriod": {"start": plan.review_on.isoformat()},
                }
            }
        )
    author = _practitioner(b, plan.made_by)
    care_plan = {
        "status": "completed" if closed else "active",
        "intent": "plan",
        "title": "My plan",
        "subject": patient,
        "period": {"start": plan.made_on.isoformat()},
        "author": author,
        # Co-produced: the person is a contributor, with the worker.
        "contributor": [patient, author],
        "careTeam": [care_team],
        "goal": list(goals.values()) or None,
        "activity": activities or None,
    }
    if plan.made_with:
        care_plan["note"] = [{"text": f"Made with {plan.made_with}"}]
    return {k: v for k, v in care_plan.items() if v is not None}
