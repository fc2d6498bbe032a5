"""Fictional CLD rows and files for tests: valid by default, changed field by field."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path

import polars as pl

from whatmatters.journal.cld.fields import Field, field_specs
from whatmatters.journal.cld.release import Release
from whatmatters.journal.cld.validate import Validation, validate_cld

F = Field

PERSON: dict[Field, str] = {
    F.LA_CODE: "999",
    F.REPORTING_PERIOD_START_DATE: "01/04/2024",
    F.REPORTING_PERIOD_END_DATE: "31/03/2025",
    F.NHS_NUMBER: "9990000018",
    F.LA_PERSON_UNIQUE_IDENTIFIER: "P1",
    F.FIRST_NAME: "Ada",
    F.LAST_NAME: "Example",
    F.GP_PRACTICE_CODE: "X12345",
    F.GENDER: "Female",
    F.ETHNICITY: "White: Irish",
    F.DATE_OF_BIRTH: "01/02/1950",
    F.CLIENT_TYPE: "Service user",
    F.PRIMARY_SUPPORT_REASON: "Physical support: Personal care support",
    F.POSTCODE: "XX1 1AB",
    F.ACCOMMODATION_STATUS: "Owner occupier or shared ownership scheme",
    F.EMPLOYMENT_STATUS: "Not in paid employment: Not actively seeking work or retired",
    F.HAS_UNPAID_CARER: "No",
    F.AUTISM_SPECTRUM_DISORDER: "No",
    F.VISUAL_IMPAIRMENT: "No visual impairment",
    F.HEARING_IMPAIRMENT: "No hearing impairment",
    F.DEMENTIA: "No",
    F.CLIENT_FUNDING_STATUS: "Fully social care funded",
}

EVENTS: dict[str, dict[Field, str]] = {
    "request": {
        F.EVENT_TYPE: "Request",
        F.EVENT_REFERENCE: "R1",
        F.EVENT_START_DATE: "01/05/2024",
        F.EVENT_END_DATE: "03/05/2024",
        F.EVENT_OUTCOME: "Progress to assessment, review or reassessment",
        F.ROUTE_OF_ACCESS: "Community / Other route",
    },
    "assessment": {
        F.EVENT_TYPE: "Assessment",
        F.EVENT_REFERENCE: "A1",
        F.EVENT_START_DATE: "04/05/2024",
        F.EVENT_END_DATE: "20/05/2024",
        F.EVENT_OUTCOME: "Progress to support planning or services",
        F.ASSESSMENT_TYPE: "Long term assessment",
        F.METHOD_OF_ASSESSMENT: "Face to face",
    },
    "service": {
        F.EVENT_TYPE: "Service",
        F.EVENT_REFERENCE: "S1",
        F.EVENT_START_DATE: "21/05/2024",
        F.EVENT_OUTCOME: "Continuation of support or services",
        F.SERVICE_TYPE: "Long term support: Community",
        F.SERVICE_COMPONENT: "Home support or domiciliary care",
        F.DELIVERY_MECHANISM: "Direct payment",
        F.UNIT_COST: "20.00",
        F.COST_FREQUENCY: "Hourly",
        F.PLANNED_UNITS_PER_WEEK: "10.00",
    },
    "review": {
        F.EVENT_TYPE: "Review",
        F.EVENT_REFERENCE: "V1",
        F.EVENT_START_DATE: "01/09/2024",
        F.EVENT_END_DATE: "01/09/2024",
        F.EVENT_OUTCOME: "Continuation of support or services",
        F.REVIEW_REASON: "Planned",
        F.REVIEW_OUTCOMES_ACHIEVED: "Fully Met",
        F.METHOD_OF_REVIEW: "Service user only",
    },
}

R2_FIELDS = [f for f, s in field_specs().items() if s.r2_name]


def row(
    kind: str = "request", changes: Mapping[Field, str | None] | None = None
) -> dict[Field, str]:
    """A valid Release 2 row of ``kind``, with ``changes`` (None blanks a field)."""
    values = {**PERSON, **EVENTS[kind]}
    for field, text in (changes or {}).items():
        if text is None:
            values.pop(field, None)
        else:
            values[field] = text
    return values


def journey() -> list[dict[Field, str]]:
    """One person's request, assessment, service and review."""
    return [row(kind) for kind in EVENTS]


def write_cld(
    path: Path,
    rows: Iterable[Mapping[Field, str]],
    *,
    fields: list[Field] | None = None,
    header: list[str] | None = None,
    encoding: str = "utf-8",
) -> Path:
    """Write rows as CSV with the spaced Release 2 headers (or ``header``)."""
    fields = fields or R2_FIELDS
    with path.open("w", encoding=encoding, newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(header or [field.value for field in fields])
        for values in rows:
            writer.writerow([values.get(field, "") for field in fields])
    return path


def check(
    tmp_path: Path, rows: Iterable[Mapping[Field, str]], release: Release | None = None
) -> Validation:
    return validate_cld([write_cld(tmp_path / "cld.csv", rows)], release=release)


def problems(
    tmp_path: Path,
    rows: Iterable[Mapping[Field, str]],
    rule: str | None = None,
    release: Release | None = None,
) -> pl.DataFrame:
    """The problems the rows raise (of ``rule``, if given)."""
    found = check(tmp_path, rows, release).problems
    return found.filter(pl.col("rule") == rule) if rule else found
