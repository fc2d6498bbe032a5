"""The journal: one row per thing that happened to or with a person.

Every source (CLD returns, event logs, the casework database, the synthetic
council) becomes rows of this one table, and every measure reads it. The
schema is versioned; ``docs/journal.md`` documents it and a test keeps the
two in step.

Columns are grouped:

* provenance — where the row came from (file and row), so any figure can be
  traced back to the record behind it;
* event — what happened, when, who did it, and to whom work was passed;
* demand — for contacts: channel, who called, what they said, value or failure;
* what matters — the person's words, outcome status and their own rating,
  who does a plan action;
* services and cost — CLD service fields and the derived weekly figures;
* person — CLD person details, repeated on each row as CLD repeats them;
* submission — the CLD reporting period a row was returned in;
* wales — fields of the Welsh template and ARCS with no home above
  (``whatmatters.journal.wales``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pyarrow as pa

SCHEMA_VERSION = "1.1"  # 1.1: the Wales columns and the safeguarding kind


class Kind(StrEnum):
    """What sort of thing a journal row records."""

    CONTACT = "contact"  # any inbound contact: call, email, visit, form
    REQUEST = "request"  # a request for support (CLD Request)
    CONVERSATION = "conversation"  # a what-matters conversation with the person
    ASSESSMENT = "assessment"  # CLD Assessment (needs, financial, carer's)
    REFERRAL = "referral"  # work passed from one team/worker to another, with a reason
    PLAN = "plan"  # a support plan or co-produced plan made or changed
    ACTION = "action"  # one action in a co-produced plan (who does it: action_by)
    SERVICE = "service"  # CLD Service: a paid service, start to end
    REVIEW = "review"  # CLD Review
    OUTCOME = "outcome"  # what matters to the person: recorded, rated, achieved, changed
    HOSPITAL = "hospital"  # a hospital admission (start) to discharge (end)
    CLOSURE = "closure"  # work closed, with a reason
    DEATH = "death"  # the person died
    SAFEGUARDING = "safeguarding"  # an adult-at-risk report or enquiry (safeguarding_stage)
    OTHER = "other"  # an activity from an event log with no mapped kind


class DemandType(StrEnum):
    VALUE = "value"  # what the service exists to provide
    FAILURE = "failure"  # caused by a failure to do something, or do it right
    UNKNOWN = "unknown"


class ActionBy(StrEnum):
    """Who does a plan action (as in the SocialCareData draft standard)."""

    SELF = "self"
    FAMILY = "family"
    FRIEND = "friend"
    COMMUNITY = "community"
    UNPAID_CARER = "unpaid_carer"
    PAID_SERVICE = "paid_service"


class OutcomeStatus(StrEnum):
    WORKING_ON_IT = "working_on_it"
    ACHIEVED = "achieved"  # achieved as the person sees it
    CHANGED = "changed"


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    group: str
    description: str


_S, _F, _I, _TS, _D, _B = (
    pa.string(),
    pa.float64(),
    pa.int64(),
    pa.timestamp("us"),
    pa.date32(),
    pa.bool_(),
)

COLUMNS: tuple[Column, ...] = (
    # provenance
    Column("council", _S, "provenance", "Council (CLD LA Code) the row belongs to."),
    Column("event_id", _S, "provenance", "Identifier of the row, unique within the journal."),
    Column("source", _S, "provenance", "Source file name, or 'casework' / 'synthetic'."),
    Column(
        "source_row",
        _I,
        "provenance",
        "Row in the source as a spreadsheet numbers it (header is row 1), or record number.",
    ),
    # event
    Column("person_id", _S, "event", "The person, stable across all their rows."),
    Column("kind", _S, "event", "What sort of thing happened: one of the Kind values."),
    Column("activity", _S, "event", "The step's name as a process map shows it."),
    Column("start", _TS, "event", "When it started (UTC, no time zone; dates at midnight)."),
    Column("end", _TS, "event", "When it ended; empty while open or for instants."),
    Column("team", _S, "event", "Team that did it (for a referral: the team passing work)."),
    Column("worker", _S, "event", "Worker who did it (pseudonymised in analytic exports)."),
    Column("to_team", _S, "event", "Referral: the team work was passed to."),
    Column("to_worker", _S, "event", "Referral: the worker work was passed to."),
    Column("reason", _S, "event", "Why: a referral's, closure's or change's stated reason."),
    Column("outcome", _S, "event", "The event's outcome (CLD Event Outcome, Release 2 wording)."),
    # demand
    Column("channel", _S, "demand", "Contact: phone, email, letter, visit, online, in person."),
    Column("contact_from", _S, "demand", "Contact: person, family, friend, professional, other."),
    Column("demand_type", _S, "demand", "Contact or request: value, failure or unknown."),
    Column("demand_reason", _S, "demand", "Failure demand: its reason (chasing, repeating, …)."),
    Column("resolved_first_point", _B, "demand", "Contact: resolved at the first point."),
    # what matters
    Column("words", _S, "what matters", "What the person said, verbatim, in their own words."),
    Column("words_by", _S, "what matters", "Whose words: person, worker or joint."),
    Column("status", _S, "what matters", "Outcome: working_on_it, achieved or changed."),
    Column("rating", _I, "what matters", "Outcome: the person's own rating of progress (0-10)."),
    Column("action_by", _S, "what matters", "Plan action: self, family, friend, community, …"),
    # services and cost
    Column("route_of_access", _S, "services", "CLD Request: Route of Access."),
    Column("assessment_type", _S, "services", "CLD Assessment Type."),
    Column("eligible_needs_identified", _S, "services", "CLD Eligible Needs Identified."),
    Column("method_of_assessment", _S, "services", "CLD Method of Assessment."),
    Column("review_reason", _S, "services", "CLD Review Reason."),
    Column("review_outcomes_achieved", _S, "services", "CLD Review Outcomes Achieved."),
    Column("method_of_review", _S, "services", "CLD Method of Review."),
    Column("service_type", _S, "services", "CLD Service Type."),
    Column("service_component", _S, "services", "CLD Service Component."),
    Column("delivery_mechanism", _S, "services", "CLD Delivery Mechanism."),
    Column("provider_cqc_location_name", _S, "services", "CLD Provider CQC Location Name (R1)."),
    Column("provider_cqc_location_id", _S, "services", "CLD Provider CQC Location ID."),
    Column("unit_cost", _F, "services", "CLD Unit Cost, £ (planned, not actual)."),
    Column("cost_frequency", _S, "services", "CLD Cost Frequency (Unit Type)."),
    Column("planned_units_per_week", _F, "services", "CLD Planned units per week."),
    Column("units_per_week", _F, "services", "Derived: units a week from the cost frequency."),
    Column("weekly_cost", _F, "services", "Derived: unit cost × units a week, £."),
    Column("hours_per_week", _F, "services", "Derived: planned hours a week (hourly services)."),
    Column("total_hrs_caring_per_week", _S, "services", "CLD carer: Total Hrs Caring per week."),
    Column("no_of_adults_cared_for", _I, "services", "CLD carer: No. of adults being cared for."),
    Column("adult_1_linked_person_id", _S, "services", "CLD carer: Adult 1 Linked Person_ID."),
    Column("adult_2_linked_person_id", _S, "services", "CLD carer: Adult 2 Linked Person_ID."),
    Column("adult_3_linked_person_id", _S, "services", "CLD carer: Adult 3 Linked Person_ID."),
    Column("event_reference", _S, "services", "CLD Event Reference (the council's own)."),
    Column("event_description", _S, "services", "CLD Event Description."),
    # person
    Column("nhs_number", _S, "person", "NHS Number."),
    Column("la_person_id", _S, "person", "CLD LA Person Unique Identifier."),
    Column("first_name", _S, "person", "First name."),
    Column("last_name", _S, "person", "Last name."),
    Column("gp_practice_name", _S, "person", "GP Practice Name (R1)."),
    Column("gp_practice_code", _S, "person", "GP Practice Code."),
    Column("gender", _S, "person", "CLD Gender."),
    Column("ethnicity", _S, "person", "CLD Ethnicity."),
    Column("date_of_birth", _D, "person", "Date of birth."),
    Column("date_of_death", _D, "person", "Date of death."),
    Column("client_type", _S, "person", "CLD Client Type."),
    Column("primary_support_reason", _S, "person", "CLD Primary Support Reason."),
    Column("postcode", _S, "person", "Postcode."),
    Column("accommodation_status", _S, "person", "CLD Accommodation Status."),
    Column("employment_status", _S, "person", "CLD Employment Status."),
    Column("has_unpaid_carer", _S, "person", "CLD Has Unpaid Carer."),
    Column("autism_spectrum_disorder", _S, "person", "CLD Autism Spectrum Disorder (ASD)."),
    Column("visual_impairment", _S, "person", "CLD Visual Impairment."),
    Column("hearing_impairment", _S, "person", "CLD Hearing Impairment."),
    Column("dementia", _S, "person", "CLD Dementia."),
    Column("client_funding_status", _S, "person", "CLD Client Funding Status."),
    # submission
    Column("reporting_period_start", _D, "submission", "CLD Reporting Period Start Date."),
    Column("reporting_period_end", _D, "submission", "CLD Reporting Period End Date."),
    # wales (schema 1.1): the Welsh template's and ARCS's fields with no home above
    Column(
        "conversation_language",
        _S,
        "wales",
        "Language the contact or conversation was held in: cy, en or other.",
    ),
    Column(
        "active_offer_made",
        _B,
        "wales",
        "The Active Offer (to be served in Welsh without asking) was made at this contact.",
    ),
    Column("language_preference", _S, "wales", "ARCS: the person's own language: cy, en or other."),
    Column(
        "advice_and_assistance",
        _B,
        "wales",
        "Information, advice and assistance contact: advice or assistance was given.",
    ),
    Column(
        "eligibility_outcome_wales",
        _S,
        "wales",
        "Assessment: met_through_plan, met_without_plan or no_eligible_needs.",
    ),
    Column("review_decision", _S, "wales", "Review of a plan: confirm, revise or close."),
    Column(
        "reablement_outcome",
        _S,
        "wales",
        "Completed reablement: need reduced, maintained, mitigated or none of these.",
    ),
    Column(
        "closure_outcomes_achieved",
        _S,
        "wales",
        "Plan closure statement: personal outcomes achieved fully, partly or not, "
        "in the person's view.",
    ),
    Column("safeguarding_stage", _S, "wales", "Safeguarding row: report or enquiry."),
    Column("safeguarding_category", _S, "wales", "ARCS: adult safeguarding category, as coded."),
    Column("disability", _S, "wales", "ARCS: disability, as the council codes it."),
)

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
COLUMNS_BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}

SCHEMA: pa.Schema = pa.schema(
    [pa.field(c.name, c.type) for c in COLUMNS],
    metadata={b"whatmatters.journal.version": SCHEMA_VERSION.encode()},
)

# Columns that identify a row's origin rather than what happened: two journals
# built from the same records through different files differ only here.
PROVENANCE_COLUMNS: tuple[str, ...] = ("event_id", "source", "source_row")

# Columns that identify or describe a person directly. Analytic exports drop or
# pseudonymise them (see whatmatters.journal.pseudonymise).
IDENTIFYING_COLUMNS: tuple[str, ...] = (
    "nhs_number",
    "la_person_id",
    "first_name",
    "last_name",
    "postcode",
    "date_of_birth",
    "gp_practice_name",
    "gp_practice_code",
)


def conform(table: pa.Table) -> pa.Table:
    """Return ``table`` with exactly the journal's columns, order and types.

    Missing columns are filled with nulls; unknown columns are an error (a
    reader must decide where they go, not lose them silently here).
    """
    if table.schema.equals(SCHEMA, check_metadata=True):
        return table  # already conformed: nothing to copy
    unknown = [n for n in table.column_names if n not in COLUMNS_BY_NAME]
    if unknown:
        raise ValueError(f"not journal columns: {', '.join(unknown)}")
    given = set(table.column_names)
    arrays = []
    for column in COLUMNS:
        if column.name not in given:
            arrays.append(pa.nulls(table.num_rows, column.type))
        elif table.schema.field(column.name).type == column.type:
            arrays.append(table[column.name])
        else:
            arrays.append(table[column.name].cast(column.type))
    return pa.Table.from_arrays(arrays, schema=SCHEMA)


def empty() -> pa.Table:
    """A journal with no rows."""
    return SCHEMA.empty_table()
