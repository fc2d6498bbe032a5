"""Derive the packaged CLD reference files from the shared research files.

The shared folder holds a reconstruction of the CLD specification
(``fields.csv``: the 50 submitted columns; ``codes.csv``: defined lists per
release, with sources and confidence). whatmatters must work without that
folder, so this script writes the subset it needs into this package:

* ``fields.csv`` — each column with the choices whatmatters makes about it
  (journal column, value type, when it applies and is mandatory as a named
  condition, how serious a blank is, how complete each release's code list is);
* ``codes.csv`` — submittable values per field and release, their Release 2
  equivalent, the outcome hierarchy rank, confidence and source.

Run ``python -m whatmatters.journal.cld.reference.derive tests/data/cld`` after
the shared files change; a test checks the packaged files are in step.
When the official lists are published, replace the rows in ``codes.csv`` (and
the list completeness in ``FIELD_CHOICES``) and bump ``VERSION`` in
``about.json``.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent

# Our choices for each submitted column, keyed by its spaced name:
# (enum member, journal column, value type, applies when, mandatory when,
#  blank severity, Release 1 list, Release 2 list).
#
# Value types: id (trimmed identifier), text (free text, kept verbatim),
# code (a defined list), date, decimal, integer.
# Conditions are named in whatmatters.journal.cld.conditions; they restate the
# R1 data-quality rules of the shared fields.csv (kept beside them below).
# Blank severity: "error" only where the journal cannot place the row without
# the value (whose row, what kind, when); every other mandatory blank is a
# warning and the row is kept, as national processing keeps it.
# List completeness: complete (a value not on it is an error), partial (the
# published list is known to be incomplete: an unlisted value is a warning),
# none (no list is public: any value is accepted).
FIELD_CHOICES: dict[str, tuple[str, str, str, str, str, str, str, str]] = {
    "LA Code": ("LA_CODE", "council", "id", "always", "always", "error", "-", "-"),
    "Reporting Period Start Date": (
        "REPORTING_PERIOD_START_DATE",
        "reporting_period_start",
        "date",
        "always",
        "always",
        "warning",
        "-",
        "-",
    ),
    "Reporting Period End Date": (
        "REPORTING_PERIOD_END_DATE",
        "reporting_period_end",
        "date",
        "always",
        "always",
        "warning",
        "-",
        "-",
    ),
    "NHS Number": ("NHS_NUMBER", "nhs_number", "id", "always", "always", "warning", "-", "-"),
    "LA Person Unique Identifier": (
        "LA_PERSON_UNIQUE_IDENTIFIER",
        "la_person_id",
        "id",
        "always",
        "always",
        "error",
        "-",
        "-",
    ),
    "First Name": ("FIRST_NAME", "first_name", "text", "always", "never", "warning", "-", "-"),
    "Last Name": ("LAST_NAME", "last_name", "text", "always", "never", "warning", "-", "-"),
    "GP Practice Name": (
        "GP_PRACTICE_NAME",
        "gp_practice_name",
        "text",
        "always",
        "never",
        "warning",
        "-",
        "-",
    ),
    "GP Practice Code": (
        "GP_PRACTICE_CODE",
        "gp_practice_code",
        "id",
        "always",
        "never",
        "warning",
        "-",
        "-",
    ),
    # Gender: DHSC says "same in R2 as R1" but the full list is not published.
    "Gender": ("GENDER", "gender", "code", "always", "always", "warning", "partial", "partial"),
    "Ethnicity": (
        "ETHNICITY",
        "ethnicity",
        "code",
        "always",
        "always",
        "warning",
        "complete",
        "complete",
    ),
    "Date of Birth": (
        "DATE_OF_BIRTH",
        "date_of_birth",
        "date",
        "always",
        "always",
        "warning",
        "-",
        "-",
    ),
    "Date of Death": (
        "DATE_OF_DEATH",
        "date_of_death",
        "date",
        "always",
        "never",
        "warning",
        "-",
        "-",
    ),
    "Client Type": (
        "CLIENT_TYPE",
        "client_type",
        "code",
        "always",
        "always",
        "error",
        "complete",
        "complete",
    ),
    "Primary Support Reason": (
        "PRIMARY_SUPPORT_REASON",
        "primary_support_reason",
        "code",
        "always",
        "not_request",
        "warning",
        "complete",
        "complete",
    ),
    "Postcode": ("POSTCODE", "postcode", "id", "always", "always", "warning", "-", "-"),
    "Accommodation Status": (
        "ACCOMMODATION_STATUS",
        "accommodation_status",
        "code",
        "always",
        "always",
        "warning",
        "complete",
        "complete",
    ),
    "Employment Status": (
        "EMPLOYMENT_STATUS",
        "employment_status",
        "code",
        "always",
        "working_age_learning_disability",
        "warning",
        "complete",
        "complete",
    ),
    "Has Unpaid Carer": (
        "HAS_UNPAID_CARER",
        "has_unpaid_carer",
        "code",
        "always",
        "always",
        "warning",
        "complete",
        "complete",
    ),
    "Autism Spectrum Disorder (ASD)": (
        "AUTISM_SPECTRUM_DISORDER",
        "autism_spectrum_disorder",
        "code",
        "service_user",
        "never",
        "warning",
        "none",
        "none",
    ),
    # Impairment lists: only a low-confidence R2 list (SocialCareData vocabulary).
    "Visual Impairment": (
        "VISUAL_IMPAIRMENT",
        "visual_impairment",
        "code",
        "service_user",
        "never",
        "warning",
        "none",
        "partial",
    ),
    "Hearing Impairment": (
        "HEARING_IMPAIRMENT",
        "hearing_impairment",
        "code",
        "service_user",
        "never",
        "warning",
        "none",
        "partial",
    ),
    "Dementia": (
        "DEMENTIA",
        "dementia",
        "code",
        "service_user",
        "never",
        "warning",
        "none",
        "none",
    ),
    # R1 funding values come from truncated guidance prose: may be incomplete.
    "Client Funding Status": (
        "CLIENT_FUNDING_STATUS",
        "client_funding_status",
        "code",
        "service_user",
        "funding_relevant",
        "warning",
        "partial",
        "complete",
    ),
    "Event Type": (
        "EVENT_TYPE",
        "kind",
        "code",
        "not_carer_by_association",
        "not_carer_by_association",
        "error",
        "complete",
        "complete",
    ),
    "Event Reference": (
        "EVENT_REFERENCE",
        "event_reference",
        "id",
        "not_carer_by_association",
        "never",
        "warning",
        "-",
        "-",
    ),
    "Event Start Date": (
        "EVENT_START_DATE",
        "start",
        "date",
        "not_carer_by_association",
        "not_carer_by_association",
        "error",
        "-",
        "-",
    ),
    # The "or a date of death is given" half of the R1 rule is the
    # death_during_event rule (a warning: DHSC ends such events at the death).
    "Event End Date": (
        "EVENT_END_DATE",
        "end",
        "date",
        "not_carer_by_association",
        "completed_event",
        "error",
        "-",
        "-",
    ),
    "Event Description": (
        "EVENT_DESCRIPTION",
        "event_description",
        "text",
        "not_carer_by_association",
        "never",
        "warning",
        "-",
        "-",
    ),
    "Event Outcome": (
        "EVENT_OUTCOME",
        "outcome",
        "code",
        "not_carer_by_association",
        "outcome_expected",
        "warning",
        "complete",
        "complete",
    ),
    # No R2 list is public: R2 files are checked against the R1 list.
    "Request: Route of Access": (
        "ROUTE_OF_ACCESS",
        "route_of_access",
        "code",
        "request",
        "request",
        "warning",
        "complete",
        "partial",
    ),
    "Assessment Type": (
        "ASSESSMENT_TYPE",
        "assessment_type",
        "code",
        "assessment",
        "assessment",
        "warning",
        "complete",
        "partial",
    ),
    "Eligible Needs Identified": (
        "ELIGIBLE_NEEDS_IDENTIFIED",
        "eligible_needs_identified",
        "code",
        "assessment",
        "never",
        "warning",
        "none",
        "none",
    ),
    "Method of Assessment": (
        "METHOD_OF_ASSESSMENT",
        "method_of_assessment",
        "code",
        "assessment",
        "assessment_not_financial",
        "warning",
        "none",
        "none",
    ),
    "Total Hrs Caring per week": (
        "TOTAL_HRS_CARING_PER_WEEK",
        "total_hrs_caring_per_week",
        "code",
        "carer",
        "never",
        "warning",
        "none",
        "none",
    ),
    "No. of adults being cared for": (
        "NO_OF_ADULTS_CARED_FOR",
        "no_of_adults_cared_for",
        "integer",
        "carer",
        "never",
        "warning",
        "-",
        "-",
    ),
    "Adult 1 Linked Person_ID": (
        "ADULT_1_LINKED_PERSON_ID",
        "adult_1_linked_person_id",
        "id",
        "carer",
        "never",
        "warning",
        "-",
        "-",
    ),
    "Adult 2 Linked Person_ID": (
        "ADULT_2_LINKED_PERSON_ID",
        "adult_2_linked_person_id",
        "id",
        "carer",
        "never",
        "warning",
        "-",
        "-",
    ),
    "Adult 3 Linked Person_ID": (
        "ADULT_3_LINKED_PERSON_ID",
        "adult_3_linked_person_id",
        "id",
        "carer",
        "never",
        "warning",
        "-",
        "-",
    ),
    "Service Type": (
        "SERVICE_TYPE",
        "service_type",
        "code",
        "service",
        "service",
        "warning",
        "complete",
        "complete",
    ),
    # R1 component spellings come from the pre-R1 (V5) Interweave list.
    "Service Component": (
        "SERVICE_COMPONENT",
        "service_component",
        "code",
        "service",
        "service",
        "warning",
        "partial",
        "complete",
    ),
    "Delivery Mechanism": (
        "DELIVERY_MECHANISM",
        "delivery_mechanism",
        "code",
        "service",
        "never",
        "warning",
        "complete",
        "complete",
    ),
    "Provider CQC Location Name": (
        "PROVIDER_CQC_LOCATION_NAME",
        "provider_cqc_location_name",
        "text",
        "service",
        "never",
        "warning",
        "-",
        "-",
    ),
    "Provider CQC Location ID": (
        "PROVIDER_CQC_LOCATION_ID",
        "provider_cqc_location_id",
        "id",
        "service",
        "never",
        "warning",
        "-",
        "-",
    ),
    # R2 review reasons are public only as patterns ("Planned…", "Unplanned…").
    "Review Reason": (
        "REVIEW_REASON",
        "review_reason",
        "code",
        "review",
        "review",
        "warning",
        "complete",
        "partial",
    ),
    "Review Outcomes Achieved": (
        "REVIEW_OUTCOMES_ACHIEVED",
        "review_outcomes_achieved",
        "code",
        "review",
        "planned_review",
        "warning",
        "complete",
        "partial",
    ),
    "Method of Review": (
        "METHOD_OF_REVIEW",
        "method_of_review",
        "code",
        "review",
        "review",
        "warning",
        "complete",
        "partial",
    ),
    "Unit Cost": (
        "UNIT_COST",
        "unit_cost",
        "decimal",
        "service",
        "costed_service",
        "warning",
        "-",
        "-",
    ),
    # R1 spellings of cost frequencies are not published: R1 files are checked
    # against the R2 list.
    "Cost Frequency (Unit Type)": (
        "COST_FREQUENCY",
        "cost_frequency",
        "code",
        "service",
        "costed_service",
        "warning",
        "partial",
        "complete",
    ),
    # Guidance: planned units are needed where the cost is per hour, day or
    # session; DHSC ignores them for weekly or longer frequencies. So they are
    # mandatory exactly where the weekly cost needs them (not on every costed
    # service, as the R1 rule reads).
    "Planned units per week": (
        "PLANNED_UNITS_PER_WEEK",
        "planned_units_per_week",
        "decimal",
        "service",
        "per_unit_cost",
        "warning",
        "-",
        "-",
    ),
}

FIELD_COLUMNS = (
    "order",
    "field",
    "r1_name",
    "r2_name",
    "underscored",
    "member",
    "journal_column",
    "type",
    "applies_when",
    "mandatory_when",
    "blank_severity",
    "list_r1",
    "list_r2",
    "r1_applicable_when",
    "r1_mandatory_when",
    "source",
    "notes",
)

CODE_COLUMNS = (
    "field",
    "release",
    "value",
    "r2_value",
    "match",
    "rank",
    "group",
    "confidence",
    "source",
)

# Values national pipelines derive but councils never submit.
_NOT_SUBMITTED = ("R2 (pipeline-derived)", "R2 (ASCOF-derived)")
# An R1 value DHSC cannot map: it has no Release 2 equivalent, so it is kept.
_NO_EQUIVALENT = "Release 1 specification only: Not mapped"
_RANK = re.compile(r"hierarchy rank=(\d+)")
_PATTERN = re.compile(r"^(\w+)% \(values starting")


def derive_fields(shared_fields: list[dict[str, str]]) -> list[dict[str, str]]:
    rows = []
    for source in shared_fields:
        if source["data_type"] == "derived":
            continue
        name = source["r2_spec_name"] or source["r1_spec_name"]
        choice = FIELD_CHOICES[name]
        member, column, kind, applies, mandatory, blank, list_r1, list_r2 = choice
        rows.append(
            {
                "order": source["order"],
                "field": name,
                "r1_name": source["r1_spec_name"],
                "r2_name": source["r2_spec_name"],
                "underscored": source["db_name_underscored"],
                "member": member,
                "journal_column": column,
                "type": kind,
                "applies_when": applies,
                "mandatory_when": mandatory,
                "blank_severity": blank,
                "list_r1": list_r1,
                "list_r2": list_r2,
                "r1_applicable_when": source["r1_applicable_when"],
                "r1_mandatory_when": source["r1_mandatory_when"],
                "source": source["source"],
                "notes": source["notes"],
            }
        )
    missing = set(FIELD_CHOICES) - {r["field"] for r in rows}
    if missing:
        raise ValueError(f"choices for fields not in the shared file: {sorted(missing)}")
    return rows


def derive_codes(shared_codes: list[dict[str, str]]) -> list[dict[str, str]]:
    rows = []
    for source in shared_codes:
        release, value = source["release"], source["value"]
        if release in _NOT_SUBMITTED or source["confidence"] == "none":
            continue
        match = "exact"
        pattern = _PATTERN.match(value)
        if pattern:
            value, match = pattern.group(1), "prefix"
        r2_value = "" if source["r2_value"] == _NO_EQUIVALENT else source["r2_value"]
        rank = _RANK.search(source["notes"]) if release == "R2" else None
        releases = ["R1", "R2"] if release == "R1/R2" else [release.rstrip("?")]
        for one in releases:
            rows.append(
                {
                    "field": source["field"],
                    "release": one,
                    "value": value,
                    "r2_value": r2_value if one == "R1" else "",
                    "match": match,
                    "rank": rank.group(1) if rank else "",
                    "group": source["group"],
                    "confidence": "low" if release == "R2?" else source["confidence"],
                    "source": source["source"],
                }
            )
    return rows


def _csv(rows: list[dict[str, str]], columns: tuple[str, ...]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def derived_files(shared: Path) -> dict[str, str]:
    """The packaged files' text, derived from the shared folder ``shared``."""

    def read(name: str) -> list[dict[str, str]]:
        with (shared / name).open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    return {
        "fields.csv": _csv(derive_fields(read("fields.csv")), FIELD_COLUMNS),
        "codes.csv": _csv(derive_codes(read("codes.csv")), CODE_COLUMNS),
    }


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        sys.exit("usage: python -m whatmatters.journal.cld.reference.derive SHARED/data/cld")
    for name, text in derived_files(Path(argv[0])).items():
        (HERE / name).write_text(text, encoding="utf-8")
        print(f"wrote {HERE / name}")


if __name__ == "__main__":
    main(sys.argv[1:])
