"""mandatory: blank where the specification needs a value."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.journal.cld.factory import F, problems, row, write_cld
from whatmatters.journal.cld.validate import validate_cld


def test_a_blank_field_every_row_needs_is_an_error_and_the_row_is_left_out(
    tmp_path: Path,
) -> None:
    found = problems(tmp_path, [row("request", {F.EVENT_START_DATE: None})], "mandatory")
    assert found.select("row", "field", "severity").rows() == [(2, "Event Start Date", "error")]
    assert "mandatory on every event row" in found["message"][0]


def test_a_blank_descriptive_field_is_a_warning(tmp_path: Path) -> None:
    found = problems(tmp_path, [row("request", {F.ETHNICITY: None})], "mandatory")
    assert found.select("field", "severity").rows() == [("Ethnicity", "warning")]


@pytest.mark.parametrize(
    ("kind", "field", "mandatory"),
    [
        ("request", F.ROUTE_OF_ACCESS, True),
        ("assessment", F.ROUTE_OF_ACCESS, False),
        ("assessment", F.ASSESSMENT_TYPE, True),
        ("service", F.SERVICE_TYPE, True),
        ("review", F.REVIEW_REASON, True),
        ("service", F.EVENT_END_DATE, False),  # only services may be open
        ("request", F.EVENT_END_DATE, True),
        ("request", F.PRIMARY_SUPPORT_REASON, False),
        ("service", F.PRIMARY_SUPPORT_REASON, True),
        ("service", F.UNIT_COST, True),  # a long-term service is costed
        ("service", F.PLANNED_UNITS_PER_WEEK, True),  # costed per hour
        ("review", F.REVIEW_OUTCOMES_ACHIEVED, True),  # a planned review
        ("request", F.CLIENT_FUNDING_STATUS, False),
        ("service", F.CLIENT_FUNDING_STATUS, True),
    ],
)
def test_mandatory_depends_on_the_event_type(
    tmp_path: Path, kind: str, field: F, mandatory: bool
) -> None:
    found = problems(tmp_path, [row(kind, {field: None})], "mandatory")
    assert (found.height == 1) is mandatory
    if mandatory:
        assert found["field"][0] == field.value


def test_costs_are_not_mandatory_on_council_commissioned_services(tmp_path: Path) -> None:
    commissioned = row(
        "service",
        {F.DELIVERY_MECHANISM: "CASSR commissioned support", F.UNIT_COST: None},
    )
    assert problems(tmp_path, [commissioned], "mandatory").height == 0


def test_planned_units_are_not_needed_for_a_weekly_cost(tmp_path: Path) -> None:
    weekly = row("service", {F.COST_FREQUENCY: "Weekly", F.PLANNED_UNITS_PER_WEEK: None})
    assert problems(tmp_path, [weekly], "mandatory").height == 0


def test_unplanned_reviews_need_no_outcomes_achieved(tmp_path: Path) -> None:
    unplanned = row(
        "review",
        {F.REVIEW_REASON: "Unplanned - Other Reason", F.REVIEW_OUTCOMES_ACHIEVED: None},
    )
    assert problems(tmp_path, [unplanned], "mandatory").height == 0


def test_employment_is_mandatory_for_working_age_people_with_a_learning_disability(
    tmp_path: Path,
) -> None:
    changes = {
        F.PRIMARY_SUPPORT_REASON: "Learning disability support",
        F.EMPLOYMENT_STATUS: None,
    }
    young = row("service", {**changes, F.DATE_OF_BIRTH: "01/01/1990"})
    old = row("service", {**changes, F.DATE_OF_BIRTH: "01/01/1940"})
    assert problems(tmp_path, [young], "mandatory")["field"].to_list() == ["Employment Status"]
    assert problems(tmp_path, [old], "mandatory").height == 0


def test_a_carer_known_by_association_needs_no_event(tmp_path: Path) -> None:
    carer = {
        field: text
        for field, text in row("request").items()
        if field not in (F.EVENT_TYPE, F.EVENT_START_DATE, F.EVENT_END_DATE, F.EVENT_OUTCOME)
        and field not in (F.ROUTE_OF_ACCESS, F.EVENT_REFERENCE)
    }
    carer[F.CLIENT_TYPE] = "Unpaid carer known by association"
    assert problems(tmp_path, [carer], "mandatory").height == 0


def test_a_missing_mandatory_column_is_reported_once(tmp_path: Path) -> None:
    fields = [f for f in F if f not in (F.GP_PRACTICE_NAME, F.PROVIDER_CQC_LOCATION_NAME)]
    fields.remove(F.NHS_NUMBER)
    path = write_cld(tmp_path / "x.csv", [row("request")] * 3, fields=fields)
    found = validate_cld([path]).problems.filter(field="NHS Number")
    assert found.select("row", "rule", "severity").rows() == [(None, "mandatory", "warning")]
    assert "has no NHS Number column" in found["message"][0]
