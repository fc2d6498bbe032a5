"""The test rows are valid CLD: every rule test starts from no problems."""

from __future__ import annotations

from pathlib import Path

from tests.journal.cld.factory import EVENTS, check, journey, row


def test_a_valid_journey_has_no_problems(tmp_path: Path) -> None:
    validation = check(tmp_path, journey())
    assert validation.problems.to_dicts() == []
    assert validation.rows_kept == len(EVENTS)


def test_every_kind_of_row_is_valid_alone(tmp_path: Path) -> None:
    for kind in EVENTS:
        assert check(tmp_path, [row(kind)]).problems.height == 0, kind
