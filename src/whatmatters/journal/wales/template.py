"""The Welsh person-level event template: one row per event, and how it maps to the journal.

A Welsh council exports its records (from WCCIS, its successor or any case
system) as this CSV or Excel sheet; ``docs/wales.md`` documents it for the
person filling it in. Each row is one event of one adult: a what-matters
conversation, an information/advice/assistance (IAA) contact, an assessment,
a care and support plan starting or closing, a review, reablement, or an
adult-at-risk report or enquiry. ``EVENT_TYPES`` says which journal kind and
activity each becomes; ``FIELDS`` which journal column each column fills.

Codes are whatmatters' own (Welsh Government publishes no person-level code
list for these events): a council maps its codes to them when exporting.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from whatmatters.journal.schema import Kind


class FieldType(StrEnum):
    TEXT = "text"
    DATE = "date"  # dd/mm/yyyy or yyyy-mm-dd
    YES_NO = "yes/no"
    CODE = "code"  # one of the field's codes


@dataclass(frozen=True)
class EventType:
    code: str
    kind: Kind
    activity: str
    required: tuple[str, ...] = ()  # journal columns this event type must have
    expected: tuple[str, ...] = ()  # journal columns it should have (a warning when blank)
    fixed: tuple[tuple[str, str], ...] = ()  # journal columns it always sets


EVENT_TYPES: dict[str, EventType] = {
    e.code: e
    for e in (
        EventType(
            "what_matters_conversation",
            Kind.CONVERSATION,
            "What matters conversation",
            expected=("conversation_language", "active_offer_made"),
        ),
        EventType(
            "iaa_contact",
            Kind.CONTACT,
            "Information, advice and assistance",
            required=("advice_and_assistance",),
            expected=("conversation_language", "active_offer_made"),
        ),
        EventType(
            "assessment",
            Kind.ASSESSMENT,
            "Assessment",
            required=("eligibility_outcome_wales",),
        ),
        EventType("plan_start", Kind.PLAN, "Care and support plan"),
        EventType(
            "plan_closure",
            Kind.CLOSURE,
            "Care and support plan closed",
            required=("reason",),
            expected=("closure_outcomes_achieved",),
        ),
        EventType("review", Kind.REVIEW, "Review", required=("review_decision",)),
        EventType(
            "reablement",
            Kind.SERVICE,
            "Reablement",
            fixed=(("service_component", "Reablement"),),
        ),
        EventType(
            "safeguarding_report",
            Kind.SAFEGUARDING,
            "Adult at risk report",
            fixed=(("safeguarding_stage", "report"),),
        ),
        EventType(
            "safeguarding_enquiry",
            Kind.SAFEGUARDING,
            "Safeguarding enquiry",
            fixed=(("safeguarding_stage", "enquiry"),),
        ),
    )
}
EVENT_TYPE_OF_ACTIVITY: dict[str, str] = {e.activity: e.code for e in EVENT_TYPES.values()}

LANGUAGES = ("cy", "en", "other")
ELIGIBILITY_OUTCOMES = ("met_through_plan", "met_without_plan", "no_eligible_needs")
REVIEW_DECISIONS = ("confirm", "revise", "close")
REABLEMENT_OUTCOMES = ("reduced", "maintained", "mitigated", "none")
OUTCOMES_ACHIEVED = ("fully", "partly", "not")


@dataclass(frozen=True)
class TemplateField:
    header: str  # the column's heading in the template
    column: str  # the journal column it fills
    type: FieldType
    meaning: str
    codes: tuple[str, ...] = ()


FIELDS: tuple[TemplateField, ...] = (
    TemplateField("LA Code", "council", FieldType.TEXT, "ONS code of the council (W06…)."),
    TemplateField("Person ID", "person_id", FieldType.TEXT, "The council's adult identifier."),
    TemplateField(
        "Event ID", "event_id", FieldType.TEXT, "The council's own event identifier (optional)."
    ),
    TemplateField("Event Type", "kind", FieldType.CODE, "What happened.", codes=tuple(EVENT_TYPES)),
    TemplateField(
        "Event Date",
        "start",
        FieldType.DATE,
        "When it happened or started (for an enquiry: the day the report was received).",
    ),
    TemplateField(
        "End Date",
        "end",
        FieldType.DATE,
        "When it ended: reablement completed, enquiry completed (blank while open).",
    ),
    TemplateField("Team", "team", FieldType.TEXT, "The team that did it."),
    TemplateField("Worker", "worker", FieldType.TEXT, "The worker who did it."),
    TemplateField(
        "Language",
        "conversation_language",
        FieldType.CODE,
        "Language the contact or conversation was held in.",
        codes=LANGUAGES,
    ),
    TemplateField(
        "Active Offer Made",
        "active_offer_made",
        FieldType.YES_NO,
        "Whether the Active Offer of Welsh was made.",
    ),
    TemplateField(
        "Advice Given",
        "advice_and_assistance",
        FieldType.YES_NO,
        "IAA contact: information, advice or assistance was given.",
    ),
    TemplateField(
        "Eligibility Outcome",
        "eligibility_outcome_wales",
        FieldType.CODE,
        "Assessment: how eligible needs are met, or none.",
        codes=ELIGIBILITY_OUTCOMES,
    ),
    TemplateField(
        "Review Decision",
        "review_decision",
        FieldType.CODE,
        "Review: the plan confirmed, revised or closed.",
        codes=REVIEW_DECISIONS,
    ),
    TemplateField(
        "Reablement Outcome",
        "reablement_outcome",
        FieldType.CODE,
        "Completed reablement: what it did to the need.",
        codes=REABLEMENT_OUTCOMES,
    ),
    TemplateField(
        "Closure Reason", "reason", FieldType.TEXT, "Plan closure: the reasons, as recorded."
    ),
    TemplateField(
        "Outcomes Achieved",
        "closure_outcomes_achieved",
        FieldType.CODE,
        "Plan closure: how far the personal outcomes were achieved, in the person's view.",
        codes=OUTCOMES_ACHIEVED,
    ),
    TemplateField(
        "What Matters", "words", FieldType.TEXT, "Conversation: the person's words, verbatim."
    ),
    TemplateField("Date of Birth", "date_of_birth", FieldType.DATE, "The person's date of birth."),
    TemplateField("Gender", "gender", FieldType.TEXT, "The person's gender, as recorded."),
)
FIELDS_BY_HEADER: dict[str, TemplateField] = {f.header.casefold(): f for f in FIELDS}
HEADERS: tuple[str, ...] = tuple(f.header for f in FIELDS)
REQUIRED_HEADERS: tuple[str, ...] = ("Person ID", "Event Type", "Event Date")
# Columns every row must have, whatever its event type.
ALWAYS_REQUIRED: tuple[str, ...] = ("person_id", "kind", "start")
# Fields that belong to the event types named; on other rows they are reported and not stored.
ONLY_FOR: dict[str, tuple[str, ...]] = {
    "advice_and_assistance": ("iaa_contact",),
    "eligibility_outcome_wales": ("assessment",),
    "review_decision": ("review",),
    "reablement_outcome": ("reablement",),
    "reason": ("plan_closure",),
    "closure_outcomes_achieved": ("plan_closure",),
    "words": ("what_matters_conversation",),
}


def header_key(text: str) -> str:
    """A heading as looked up: case and surrounding/inner extra spaces ignored."""
    return " ".join(text.split()).casefold()


def looks_like_template(headers: list[str]) -> bool:
    """Whether a file's headings are the Welsh template's (its three required columns)."""
    keys = {header_key(h) for h in headers}
    return all(h.casefold() in keys for h in REQUIRED_HEADERS)
