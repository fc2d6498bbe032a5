"""When a field applies to a row, and when it is mandatory.

The names are ``fields.Condition``; ``reference/fields.csv`` says which
condition governs each field and keeps, beside it, the Release 1 rule it
restates (``r1_applicable_when``, ``r1_mandatory_when``). ``with_conditions``
computes every condition once per row, as boolean columns, when a file is
prepared; rules then read them with ``holds``. Coded values are compared in
their Release 2 wording; fields whose lists are incomplete are compared
without case, as national pipelines compare.
"""

from __future__ import annotations

import polars as pl

from whatmatters.journal.cld.columns import value
from whatmatters.journal.cld.fields import Condition, Field


def _fact(name: str) -> pl.Expr:
    return pl.col(f"\x1ffact:{name}")


def _lower(field: Field) -> pl.Expr:
    return value(field).str.to_lowercase()


def age_at(reference: pl.Expr) -> pl.Expr:
    """Whole years from Date of Birth to ``reference`` (days / 365.25, as DHSC counts)."""
    days = (reference - value(Field.DATE_OF_BIRTH)).dt.total_days()
    return (days / 365.25).floor()


_AGE = age_at(value(Field.REPORTING_PERIOD_END_DATE))

# Facts about a row, each computed once (unknown counts as false).
_FACTS: dict[str, pl.Expr] = {
    "request": value(Field.EVENT_TYPE) == "Request",
    "assessment": value(Field.EVENT_TYPE) == "Assessment",
    "service": value(Field.EVENT_TYPE) == "Service",
    "review": value(Field.EVENT_TYPE) == "Review",
    "service_user": value(Field.CLIENT_TYPE) == "Service user",
    "carer": value(Field.CLIENT_TYPE).str.starts_with("Unpaid carer"),
    "carer_by_association": value(Field.CLIENT_TYPE) == "Unpaid carer known by association",
    "financial_assessment": _lower(Field.ASSESSMENT_TYPE).str.starts_with("financial"),
    "planned_review": _lower(Field.REVIEW_REASON).str.starts_with("planned"),
    "per_unit": _lower(Field.COST_FREQUENCY).is_in(["hourly", "daily", "per session"]),
    # Long-term and carer-support services, short-term residential or nursing
    # care and carer respite are costed, unless the council commissions them.
    "costed_kind": value(Field.SERVICE_TYPE).str.starts_with("Long term support")
    | value(Field.SERVICE_TYPE).str.starts_with("Unpaid carer support")
    | value(Field.SERVICE_COMPONENT).is_in(
        ["Short term residential care", "Short term nursing care", "Unpaid carer respite"]
    ),
    "council_commissioned": value(Field.DELIVERY_MECHANISM) == "CASSR commissioned support",
    "learning_disability_18_64": (
        value(Field.PRIMARY_SUPPORT_REASON) == "Learning disability support"
    )
    & (_AGE >= 18)
    & (_AGE < 65),
}

REQUEST, ASSESSMENT = _fact("request"), _fact("assessment")
SERVICE, REVIEW = _fact("service"), _fact("review")
SERVICE_USER, CARER = _fact("service_user"), _fact("carer")
CARER_BY_ASSOCIATION = _fact("carer_by_association")
NOT_CARER_BY_ASSOCIATION = ~CARER_BY_ASSOCIATION
FINANCIAL_ASSESSMENT = _fact("financial_assessment")
PER_UNIT = _fact("per_unit")
COSTED_SERVICE = SERVICE & _fact("costed_kind") & ~_fact("council_commissioned")

_CONDITIONS: dict[Condition, pl.Expr] = {
    Condition.ALWAYS: pl.lit(True),
    Condition.NEVER: pl.lit(False),
    Condition.SERVICE_USER: SERVICE_USER,
    Condition.CARER: CARER,
    Condition.NOT_CARER_BY_ASSOCIATION: NOT_CARER_BY_ASSOCIATION,
    Condition.REQUEST: NOT_CARER_BY_ASSOCIATION & REQUEST,
    Condition.NOT_REQUEST: ~REQUEST,
    Condition.ASSESSMENT: NOT_CARER_BY_ASSOCIATION & ASSESSMENT,
    Condition.ASSESSMENT_NOT_FINANCIAL: NOT_CARER_BY_ASSOCIATION
    & ASSESSMENT
    & ~FINANCIAL_ASSESSMENT,
    Condition.SERVICE: NOT_CARER_BY_ASSOCIATION & SERVICE,
    Condition.REVIEW: NOT_CARER_BY_ASSOCIATION & REVIEW,
    Condition.PLANNED_REVIEW: NOT_CARER_BY_ASSOCIATION & REVIEW & _fact("planned_review"),
    Condition.COMPLETED_EVENT: NOT_CARER_BY_ASSOCIATION & ~SERVICE,
    Condition.OUTCOME_EXPECTED: NOT_CARER_BY_ASSOCIATION & ~FINANCIAL_ASSESSMENT,
    Condition.FUNDING_RELEVANT: SERVICE_USER
    & ((ASSESSMENT & FINANCIAL_ASSESSMENT) | SERVICE | REVIEW),
    Condition.WORKING_AGE_LEARNING_DISABILITY: SERVICE_USER & _fact("learning_disability_18_64"),
    Condition.COSTED_SERVICE: NOT_CARER_BY_ASSOCIATION & COSTED_SERVICE,
    Condition.PER_UNIT_COST: SERVICE & PER_UNIT,
}


def with_conditions(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with a boolean column for every fact and condition."""
    frame = frame.with_columns(
        expr.fill_null(False).alias(f"\x1ffact:{name}") for name, expr in _FACTS.items()
    )
    return frame.with_columns(
        expr.fill_null(False).alias(f"\x1fcondition:{c.value}") for c, expr in _CONDITIONS.items()
    )


def holds(condition: Condition) -> pl.Expr:
    """True where ``condition`` holds (computed by ``with_conditions``)."""
    return pl.col(f"\x1fcondition:{condition.value}")


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
    Condition.FUNDING_RELEVANT: "for service users' services, reviews and financial assessments",
    Condition.WORKING_AGE_LEARNING_DISABILITY: (
        "for service users aged 18 to 64 whose primary support reason is learning disability"
    ),
    Condition.COSTED_SERVICE: (
        "for long-term and carer-support services, short-term residential or nursing care "
        "and carer respite, unless council-commissioned"
    ),
    Condition.PER_UNIT_COST: "for services costed per hour, day or session",
}
