"""When a field applies to a row, and when it is mandatory, as Polars expressions.

The names are ``fields.Condition``; ``reference/fields.csv`` says which
condition governs each field and keeps, beside it, the Release 1 rule it
restates (``r1_applicable_when``, ``r1_mandatory_when``). Conditions compare
the Release 2 wording of coded values, ignoring case as national pipelines do.
"""

from __future__ import annotations

import polars as pl

from whatmatters.journal.cld.fields import Condition, Field
from whatmatters.journal.cld.prepare import value


def _lower(field: Field) -> pl.Expr:
    return value(field).str.to_lowercase()


def _event(kind: str) -> pl.Expr:
    return _lower(Field.EVENT_TYPE) == kind


CARER_BY_ASSOCIATION = _lower(Field.CLIENT_TYPE) == "unpaid carer known by association"
SERVICE_USER = _lower(Field.CLIENT_TYPE) == "service user"
CARER = _lower(Field.CLIENT_TYPE).str.starts_with("unpaid carer")
NOT_CARER_BY_ASSOCIATION = ~CARER_BY_ASSOCIATION.fill_null(False)
REQUEST = _event("request")
ASSESSMENT = _event("assessment")
SERVICE = _event("service")
REVIEW = _event("review")
FINANCIAL_ASSESSMENT = _lower(Field.ASSESSMENT_TYPE).str.starts_with("financial").fill_null(False)
PER_UNIT = _lower(Field.COST_FREQUENCY).is_in(["hourly", "daily", "per session"])

# Long-term and carer-support services, short-term residential or nursing care
# and carer respite are costed, unless the council commissions them itself.
COSTED_SERVICE = (
    SERVICE
    & ~_lower(Field.DELIVERY_MECHANISM).str.contains("cassr commissioned support").fill_null(False)
    & (
        _lower(Field.SERVICE_TYPE).str.starts_with("long term support").fill_null(False)
        | _lower(Field.SERVICE_TYPE).str.starts_with("unpaid carer support").fill_null(False)
        | _lower(Field.SERVICE_COMPONENT)
        .is_in(["short term residential care", "short term nursing care", "unpaid carer respite"])
        .fill_null(False)
    )
)


def age_at(reference: pl.Expr) -> pl.Expr:
    """Whole years from Date of Birth to ``reference`` (days / 365.25, as DHSC counts)."""
    days = (reference - value(Field.DATE_OF_BIRTH)).dt.total_days()
    return (days / 365.25).floor()


_AGE = age_at(value(Field.REPORTING_PERIOD_END_DATE))

CONDITIONS: dict[Condition, pl.Expr] = {
    Condition.ALWAYS: pl.lit(True),
    Condition.NEVER: pl.lit(False),
    Condition.SERVICE_USER: SERVICE_USER,
    Condition.CARER: CARER,
    Condition.NOT_CARER_BY_ASSOCIATION: NOT_CARER_BY_ASSOCIATION,
    Condition.REQUEST: NOT_CARER_BY_ASSOCIATION & REQUEST,
    Condition.NOT_REQUEST: ~REQUEST.fill_null(False),
    Condition.ASSESSMENT: NOT_CARER_BY_ASSOCIATION & ASSESSMENT,
    Condition.ASSESSMENT_NOT_FINANCIAL: NOT_CARER_BY_ASSOCIATION
    & ASSESSMENT
    & ~FINANCIAL_ASSESSMENT,
    Condition.SERVICE: NOT_CARER_BY_ASSOCIATION & SERVICE,
    Condition.REVIEW: NOT_CARER_BY_ASSOCIATION & REVIEW,
    Condition.PLANNED_REVIEW: NOT_CARER_BY_ASSOCIATION
    & REVIEW
    & _lower(Field.REVIEW_REASON).str.starts_with("planned"),
    Condition.COMPLETED_EVENT: NOT_CARER_BY_ASSOCIATION & ~SERVICE.fill_null(False),
    Condition.OUTCOME_EXPECTED: NOT_CARER_BY_ASSOCIATION & ~FINANCIAL_ASSESSMENT,
    Condition.FUNDING_RELEVANT: SERVICE_USER
    & ((ASSESSMENT & FINANCIAL_ASSESSMENT) | SERVICE | REVIEW),
    Condition.WORKING_AGE_LEARNING_DISABILITY: SERVICE_USER
    & (_lower(Field.PRIMARY_SUPPORT_REASON) == "learning disability support")
    & (_AGE >= 18)
    & (_AGE < 65),
    Condition.COSTED_SERVICE: NOT_CARER_BY_ASSOCIATION & COSTED_SERVICE,
    Condition.PER_UNIT_COST: SERVICE & PER_UNIT,
}


def holds(condition: Condition) -> pl.Expr:
    """True where ``condition`` holds (unknown counts as not holding)."""
    return CONDITIONS[condition].fill_null(False)


# How each condition reads in a message: "mandatory <description>".
DESCRIPTIONS: dict[Condition, str] = {
    Condition.ALWAYS: "on every row",
    Condition.NEVER: "never",
    Condition.SERVICE_USER: "for service users",
    Condition.CARER: "for unpaid carers",
    Condition.NOT_CARER_BY_ASSOCIATION: "on every event row",
    Condition.REQUEST: "for requests",
    Condition.NOT_REQUEST: "for assessments, services and reviews",
    Condition.ASSESSMENT: "for assessments",
    Condition.ASSESSMENT_NOT_FINANCIAL: "for assessments other than financial ones",
    Condition.SERVICE: "for services",
    Condition.REVIEW: "for reviews",
    Condition.PLANNED_REVIEW: "for planned reviews",
    Condition.COMPLETED_EVENT: "for requests, assessments and reviews (only services may be open)",
    Condition.OUTCOME_EXPECTED: "for every event except financial assessments",
    Condition.FUNDING_RELEVANT: ("for service users' services, reviews and financial assessments"),
    Condition.WORKING_AGE_LEARNING_DISABILITY: (
        "for service users aged 18 to 64 whose primary support reason is learning disability"
    ),
    Condition.COSTED_SERVICE: (
        "for long-term and carer-support services, short-term residential or nursing care "
        "and carer respite, unless council-commissioned"
    ),
    Condition.PER_UNIT_COST: "for services costed per hour, day or session",
}
