"""not_applicable: a value in a field that does not apply to the row."""

from __future__ import annotations

from pathlib import Path

from tests.journal.cld.factory import F, check, problems, row


def test_a_service_field_on_a_request_is_reported_and_kept(tmp_path: Path) -> None:
    validation = check(tmp_path, [row("request", {F.SERVICE_TYPE: "Long term support: Community"})])
    found = validation.problems.filter(rule="not_applicable")
    assert found.select("field", "value", "severity").rows() == [
        ("Service Type", "Long term support: Community", "warning")
    ]
    assert "applies only for services" in found["message"][0]
    assert validation.rows_kept == 1


def test_carer_fields_on_a_service_user_are_reported(tmp_path: Path) -> None:
    found = problems(tmp_path, [row("request", {F.NO_OF_ADULTS_CARED_FOR: "1"})], "not_applicable")
    assert found["field"].to_list() == ["No. of adults being cared for"]


def test_fields_that_apply_raise_nothing(tmp_path: Path) -> None:
    service_user_only = (
        F.AUTISM_SPECTRUM_DISORDER,
        F.VISUAL_IMPAIRMENT,
        F.HEARING_IMPAIRMENT,
        F.DEMENTIA,
        F.CLIENT_FUNDING_STATUS,
    )
    carer = row(
        "request",
        {
            F.CLIENT_TYPE: "Unpaid carer",
            F.NO_OF_ADULTS_CARED_FOR: "2",
            **dict.fromkeys(service_user_only),
        },
    )
    assert problems(tmp_path, [carer], "not_applicable").height == 0


def test_person_fields_for_service_users_only_are_reported_on_carers(tmp_path: Path) -> None:
    carer = row("request", {F.CLIENT_TYPE: "Unpaid carer"})
    found = problems(tmp_path, [carer], "not_applicable")
    assert "Dementia" in found["field"].to_list()
