"""The CLD columns: names that fail on typos, and what whatmatters knows of each.

``Field`` names every submitted column by its spaced name (Release 2 where it
has one); ``Field("Event Strat Date")`` raises. The facts about each field live
in the versioned data file ``reference/fields.csv`` (see its ``derive.py``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from whatmatters.journal.cld.problems import Severity

REFERENCE = Path(__file__).parent / "reference"


class Field(StrEnum):
    """A submitted CLD column, in specification order."""

    LA_CODE = "LA Code"
    REPORTING_PERIOD_START_DATE = "Reporting Period Start Date"
    REPORTING_PERIOD_END_DATE = "Reporting Period End Date"
    NHS_NUMBER = "NHS Number"
    LA_PERSON_UNIQUE_IDENTIFIER = "LA Person Unique Identifier"
    FIRST_NAME = "First Name"
    LAST_NAME = "Last Name"
    GP_PRACTICE_NAME = "GP Practice Name"
    GP_PRACTICE_CODE = "GP Practice Code"
    GENDER = "Gender"
    ETHNICITY = "Ethnicity"
    DATE_OF_BIRTH = "Date of Birth"
    DATE_OF_DEATH = "Date of Death"
    CLIENT_TYPE = "Client Type"
    PRIMARY_SUPPORT_REASON = "Primary Support Reason"
    POSTCODE = "Postcode"
    ACCOMMODATION_STATUS = "Accommodation Status"
    EMPLOYMENT_STATUS = "Employment Status"
    HAS_UNPAID_CARER = "Has Unpaid Carer"
    AUTISM_SPECTRUM_DISORDER = "Autism Spectrum Disorder (ASD)"
    VISUAL_IMPAIRMENT = "Visual Impairment"
    HEARING_IMPAIRMENT = "Hearing Impairment"
    DEMENTIA = "Dementia"
    CLIENT_FUNDING_STATUS = "Client Funding Status"
    EVENT_TYPE = "Event Type"
    EVENT_REFERENCE = "Event Reference"
    EVENT_START_DATE = "Event Start Date"
    EVENT_END_DATE = "Event End Date"
    EVENT_DESCRIPTION = "Event Description"
    EVENT_OUTCOME = "Event Outcome"
    ROUTE_OF_ACCESS = "Request: Route of Access"
    ASSESSMENT_TYPE = "Assessment Type"
    ELIGIBLE_NEEDS_IDENTIFIED = "Eligible Needs Identified"
    METHOD_OF_ASSESSMENT = "Method of Assessment"
    TOTAL_HRS_CARING_PER_WEEK = "Total Hrs Caring per week"
    NO_OF_ADULTS_CARED_FOR = "No. of adults being cared for"
    ADULT_1_LINKED_PERSON_ID = "Adult 1 Linked Person_ID"
    ADULT_2_LINKED_PERSON_ID = "Adult 2 Linked Person_ID"
    ADULT_3_LINKED_PERSON_ID = "Adult 3 Linked Person_ID"
    SERVICE_TYPE = "Service Type"
    SERVICE_COMPONENT = "Service Component"
    DELIVERY_MECHANISM = "Delivery Mechanism"
    PROVIDER_CQC_LOCATION_NAME = "Provider CQC Location Name"
    PROVIDER_CQC_LOCATION_ID = "Provider CQC Location ID"
    REVIEW_REASON = "Review Reason"
    REVIEW_OUTCOMES_ACHIEVED = "Review Outcomes Achieved"
    METHOD_OF_REVIEW = "Method of Review"
    UNIT_COST = "Unit Cost"
    COST_FREQUENCY = "Cost Frequency (Unit Type)"
    PLANNED_UNITS_PER_WEEK = "Planned units per week"

    @classmethod
    def _missing_(cls, value: object) -> None:
        raise ValueError(f"{value!r} is not a CLD field (see whatmatters.journal.cld.fields.Field)")


class FieldType(StrEnum):
    """How a field's text is read."""

    ID = "id"  # an identifier: surrounding spaces trimmed
    TEXT = "text"  # free text: kept exactly as written
    CODE = "code"  # a value from a defined list
    DATE = "date"
    DECIMAL = "decimal"
    INTEGER = "integer"


class ListCompleteness(StrEnum):
    """How far a field's published code list can be trusted, per release."""

    COMPLETE = "complete"  # a value not on the list is an error
    PARTIAL = "partial"  # the list is known to be incomplete: an unlisted value is a warning
    NONE = "none"  # no list is public: any value is accepted
    NOT_CODED = "-"  # not a coded field


class Condition(StrEnum):
    """When a field applies or is mandatory (defined in ``conditions.py``)."""

    ALWAYS = "always"
    NEVER = "never"
    SERVICE_USER = "service_user"
    CARER = "carer"
    NOT_CARER_BY_ASSOCIATION = "not_carer_by_association"
    REQUEST = "request"
    NOT_REQUEST = "not_request"
    ASSESSMENT = "assessment"
    ASSESSMENT_NOT_FINANCIAL = "assessment_not_financial"
    SERVICE = "service"
    REVIEW = "review"
    PLANNED_REVIEW = "planned_review"
    COMPLETED_EVENT = "completed_event"
    OUTCOME_EXPECTED = "outcome_expected"
    FUNDING_RELEVANT = "funding_relevant"
    WORKING_AGE_LEARNING_DISABILITY = "working_age_learning_disability"
    COSTED_SERVICE = "costed_service"
    PER_UNIT_COST = "per_unit_cost"


@dataclass(frozen=True)
class FieldSpec:
    """What whatmatters knows and chooses about one CLD field."""

    field: Field
    order: int
    r1_name: str
    r2_name: str  # empty for a Release 1 field dropped from Release 2
    underscored: str
    journal_column: str
    type: FieldType
    applies_when: Condition
    mandatory_when: Condition
    blank_severity: Severity
    list_r1: ListCompleteness
    list_r2: ListCompleteness
    source: str

    @property
    def export_name(self) -> str:
        """The header a Release 2 export uses (the R1 name for R1-only fields)."""
        return self.r2_name or self.r1_name


@cache
def field_specs() -> dict[Field, FieldSpec]:
    """Every field's spec, in specification order, from ``reference/fields.csv``."""
    with (REFERENCE / "fields.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    specs = {}
    for row in rows:
        field = Field(row["field"])
        if Field[row["member"]] is not field:
            raise ValueError(f"fields.csv: {row['field']} is listed as member {row['member']}")
        specs[field] = FieldSpec(
            field=field,
            order=int(row["order"]),
            r1_name=row["r1_name"],
            r2_name=row["r2_name"],
            underscored=row["underscored"],
            journal_column=row["journal_column"],
            type=FieldType(row["type"]),
            applies_when=Condition(row["applies_when"]),
            mandatory_when=Condition(row["mandatory_when"]),
            blank_severity=Severity(row["blank_severity"]),
            list_r1=ListCompleteness(row["list_r1"]),
            list_r2=ListCompleteness(row["list_r2"]),
            source=row["source"],
        )
    missing = set(Field) - set(specs)
    if missing:
        raise ValueError(f"fields.csv lacks {sorted(missing)}")
    return specs


def spec(field: Field) -> FieldSpec:
    return field_specs()[field]


def fields_of_type(*types: FieldType) -> tuple[Field, ...]:
    return tuple(f for f, s in field_specs().items() if s.type in types)


def header_key(name: str) -> str:
    """A header reduced to compare spaced, underscored and punctuated spellings.

    "Cost Frequency (Unit Type)", "Cost_Frequency_Unit_Type" and
    "cost_frequency_(unit_type)" all give "cost frequency unit type".
    """
    return re.sub(r"[^0-9a-z]+", " ", name.lower()).strip()


@cache
def fields_by_header() -> dict[str, Field]:
    """Header key → field, for every spelling the specification and pipelines use."""
    known: dict[str, Field] = {}
    for field, s in field_specs().items():
        for name in (s.r1_name, s.r2_name, s.underscored, field.value):
            if name:
                known[header_key(name)] = field
    return known
