"""The rule registry: named rules, no duplicate codes, releases layered."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.journal.cld.factory import F, problems, row
from whatmatters.journal.cld.problems import Severity
from whatmatters.journal.cld.release import Release
from whatmatters.journal.cld.rules import RELEASE_1_RULES, RELEASE_2_RULES, rules_for
from whatmatters.journal.cld.rules.registry import RuleSet, rule


def _nothing(context):  # type: ignore[no-untyped-def]
    return []


def test_a_rule_set_refuses_two_rules_with_one_code() -> None:
    one = rule("same", "a check", Severity.WARNING)(_nothing)
    other = rule("same", "another check", Severity.ERROR)(_nothing)
    with pytest.raises(ValueError, match="two rules have the code 'same'"):
        RuleSet([one, other])
    with pytest.raises(ValueError, match="'same'"):
        RuleSet([one]).extend([other])


def test_release_2_rules_extend_release_1() -> None:
    assert set(r.code for r in RELEASE_1_RULES) < set(r.code for r in RELEASE_2_RULES)
    assert "code_release_1" in RELEASE_2_RULES and "code_release_1" not in RELEASE_1_RULES
    assert rules_for(Release.R1) is RELEASE_1_RULES


def test_every_rule_says_what_it_checks() -> None:
    for one in RELEASE_2_RULES:
        assert one.title and one.code == one.code.lower()


def test_problems_far_apart_in_a_file_read_in_parts(tmp_path: Path) -> None:
    # A few thousand rows are read in several parts; flagged rows in different parts
    # once made Polars panic while the messages were written.
    rows = [row("request", {F.EVENT_REFERENCE: f"R{i}"}) for i in range(2000)]
    for i in (5, 1995):
        rows[i] = {**rows[i], F.EVENT_START_DATE: "31/02/2024"}
    found = problems(tmp_path, rows, "date_impossible")
    assert found.select("row", "value").rows() == [(7, "31/02/2024"), (1997, "31/02/2024")]
    assert found["message"].to_list() == ["'31/02/2024' is not a real day"] * 2
