"""Duplicate events by DHSC's unique event key; the row §A8 ranks first is kept."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl

from tests.journal.cld.factory import F, check, row, write_cld
from whatmatters.journal.cld.importer import import_cld
from whatmatters.journal.cld.validate import validate_cld


def _duplicates(validation) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    found = validation.problems.filter(rule="duplicate_event")
    assert set(found["severity"]) <= {"duplicate"}
    return found.select("row", "message").rows()


def test_the_same_request_twice_keeps_the_later_row(tmp_path: Path) -> None:
    validation = check(tmp_path, [row("request"), row("request", {F.EVENT_REFERENCE: "other"})])
    assert _duplicates(validation) == [
        (2, "the same event as cld.csv row 3 (DHSC unique event key), which is kept")
    ]
    assert validation.rows_kept == 1


def test_event_reference_is_not_part_of_the_key_but_the_route_is(tmp_path: Path) -> None:
    rows = [row("request"), row("request", {F.ROUTE_OF_ACCESS: "Prison"})]
    assert _duplicates(check(tmp_path, rows)) == []


def test_case_and_trailing_spaces_do_not_make_a_different_event(tmp_path: Path) -> None:
    rows = [row("request"), row("request", {F.CLIENT_TYPE: "service user  "})]
    assert len(_duplicates(check(tmp_path, rows))) == 1


def test_an_open_service_wins_over_an_ended_one(tmp_path: Path) -> None:
    rows = [row("service"), row("service", {F.EVENT_END_DATE: "01/12/2024"})]
    assert [r for r, _ in _duplicates(check(tmp_path, rows))] == [3]


def test_the_outcome_highest_in_the_hierarchy_wins(tmp_path: Path) -> None:
    rows = [
        row("request"),  # progress to assessment: rank 2
        row("request", {F.EVENT_OUTCOME: "NFA: Other"}),  # rank 17
    ]
    assert [r for r, _ in _duplicates(check(tmp_path, rows))] == [3]


def test_services_differing_in_cost_are_different_lines(tmp_path: Path) -> None:
    rows = [row("service"), row("service", {F.UNIT_COST: "25.00"})]
    assert _duplicates(check(tmp_path, rows)) == []
    same = [row("service"), row("service", {F.UNIT_COST: "20"})]  # 20 = 20.00
    assert len(_duplicates(check(tmp_path, same))) == 1


def test_duplicates_across_files_keep_the_later_file(tmp_path: Path) -> None:
    first = write_cld(tmp_path / "q1.csv", [row("request")])
    second = write_cld(tmp_path / "q2.csv", [row("request")])
    validation = validate_cld([first, second])
    found = validation.problems.filter(rule="duplicate_event")
    assert found.select("file", "row").rows() == [("q1.csv", 2)]
    assert "q2.csv row 2" in found["message"][0]


def test_rows_with_errors_are_not_counted_as_duplicates(tmp_path: Path) -> None:
    rows = [row("request"), row("request", {F.DATE_OF_BIRTH: "01/06/2024"})]
    validation = check(tmp_path, rows)
    assert _duplicates(validation) == [] and validation.rows_kept == 1
    assert validation.problems.filter(pl.col("severity") == "error").height == 1


NEXT_YEAR = {F.REPORTING_PERIOD_START_DATE: "01/04/2025", F.REPORTING_PERIOD_END_DATE: "31/03/2026"}


def _later_returns(validation) -> list[tuple[str, int, str]]:  # type: ignore[no-untyped-def]
    return validation.problems.filter(rule="later_return").select("file", "row", "message").rows()


def test_a_later_return_ends_a_service_an_earlier_one_had_open(tmp_path: Path) -> None:
    # Yearly returns imported together: the service was open at the end of
    # 2024-25 and ended in 2025-26. The open row must not win, or it never ends.
    earlier = write_cld(tmp_path / "2024.csv", [row("service")])
    ended = row("service", {**NEXT_YEAR, F.EVENT_END_DATE: "31/12/2025"})
    later = write_cld(tmp_path / "2025.csv", [ended])
    validation = validate_cld([later, earlier])  # the order given does not matter
    assert _later_returns(validation) == [
        (
            "2024.csv",
            2,
            "the event is recorded again in a later return, 2025.csv row 2, which is kept",
        )
    ]
    assert _duplicates(validation) == [] and validation.rows_kept == 1


def test_a_new_price_in_a_later_return_is_the_same_service(tmp_path: Path) -> None:
    earlier = write_cld(tmp_path / "2024.csv", [row("service")])
    later = write_cld(tmp_path / "2025.csv", [row("service", {**NEXT_YEAR, F.UNIT_COST: "21.50"})])
    validation = validate_cld([earlier, later])
    assert [(f, r) for f, r, _ in _later_returns(validation)] == [("2024.csv", 2)]
    assert validation.rows_kept == 1


def test_two_lines_of_one_return_stay_two_beside_an_earlier_return(tmp_path: Path) -> None:
    earlier = write_cld(tmp_path / "2024.csv", [row("service")])
    lines = [row("service", NEXT_YEAR), row("service", {**NEXT_YEAR, F.UNIT_COST: "30.00"})]
    later = write_cld(tmp_path / "2025.csv", lines)
    validation = validate_cld([earlier, later])
    assert [(f, r) for f, r, _ in _later_returns(validation)] == [("2024.csv", 2)]
    assert _duplicates(validation) == [] and validation.rows_kept == 2


def test_a_service_the_next_return_leaves_out_ends_at_the_periods_end(tmp_path: Path) -> None:
    # DHSC §A7: open at the end of 2024-25, absent from 2025-26: it ended on 31/03/2025.
    gone = row(
        "service", {F.EVENT_REFERENCE: "S2", F.SERVICE_TYPE: "Long term support: Nursing care"}
    )
    earlier = write_cld(tmp_path / "2024.csv", [row("service"), gone])
    later = write_cld(tmp_path / "2025.csv", [row("service", NEXT_YEAR)])
    result = import_cld([earlier, later], tmp_path / "journal")
    events = pl.read_parquet(tmp_path / "journal" / "events").sort("activity")
    assert events.select("activity", "end").rows() == [
        ("Long term support: Community", None),  # still open in the latest return
        ("Long term support: Nursing care", dt.datetime(2025, 3, 31)),
    ]
    manifest = json.loads((tmp_path / "journal" / "manifest.json").read_text())
    assert result.ok and manifest["cld"]["services_ended_by_a_later_return"] == 1


def test_a_service_begun_after_its_returns_period_is_never_ended_before_it_starts(
    tmp_path: Path,
) -> None:
    # Found by the round-trip property: a row dated after its own return's period is no
    # evidence that the service was open at that period's end; ending it there would end
    # it before it began (and the exported file would not import again).
    late = row("service", {F.EVENT_START_DATE: "01/06/2025", F.EVENT_REFERENCE: "S9"})
    earlier = write_cld(tmp_path / "2024.csv", [late])
    later = write_cld(tmp_path / "2025.csv", [row("request", NEXT_YEAR)])
    result = import_cld([earlier, later], tmp_path / "journal")
    events = pl.read_parquet(tmp_path / "journal" / "events").filter(pl.col("kind") == "service")
    assert result.ok and events.select("start", "end").rows() == [(dt.datetime(2025, 6, 1), None)]


def test_one_return_keeps_its_open_services_open(tmp_path: Path) -> None:
    result = import_cld([write_cld(tmp_path / "2024.csv", [row("service")])], tmp_path / "j")
    assert result.ok
    assert pl.read_parquet(tmp_path / "j" / "events").get_column("end").to_list() == [None]
