"""Costs: negative amounts and zero costs on costed services."""

from __future__ import annotations

from pathlib import Path

from tests.journal.cld.factory import F, problems, row


def test_a_negative_unit_cost_is_a_warning(tmp_path: Path) -> None:
    found = problems(tmp_path, [row("service", {F.UNIT_COST: "-20.00"})], "cost_negative")
    assert found.select("field", "value", "severity").rows() == [("Unit Cost", "-20.00", "warning")]


def test_a_zero_cost_on_a_costed_service_is_a_warning(tmp_path: Path) -> None:
    found = problems(tmp_path, [row("service", {F.UNIT_COST: "0"})], "cost_zero")
    assert found.select("field", "severity").rows() == [("Unit Cost", "warning")]


def test_a_zero_cost_on_a_council_commissioned_service_is_fine(tmp_path: Path) -> None:
    commissioned = row(
        "service", {F.UNIT_COST: "0", F.DELIVERY_MECHANISM: "CASSR commissioned support"}
    )
    assert problems(tmp_path, [commissioned], "cost_zero").height == 0
