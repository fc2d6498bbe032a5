"""Hostile event logs: a journal or a row-level refusal (file, row, field), never a
traceback; values no log should hold are refused (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from whatmatters.cli import app
from whatmatters.journal.eventlog import EventLogError, import_events
from whatmatters.journal.store import read_journal

from .conftest import write_xes

HEADER = "case:concept:name,concept:name,time:timestamp"
LIMITS = ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"]


def _refused(path: Path, out: Path) -> EventLogError:
    with pytest.raises(EventLogError) as caught:
        import_events(path, out)
    assert not out.exists()
    return caught.value


@pytest.mark.parametrize("moment", LIMITS)
def test_a_csv_timestamp_past_the_calendar_is_a_row_level_error(
    tmp_path: Path, moment: str
) -> None:
    log = tmp_path / "log.csv"
    log.write_text(f"{HEADER}\nP1,assess,2024-03-01\nP1,visit,{moment}\n")
    problem = _refused(log, tmp_path / "j").problems[0]
    assert (problem.row, problem.field, problem.value) == (3, "time:timestamp", moment)
    assert "beyond the calendar" in problem.message


@pytest.mark.parametrize("moment", LIMITS)
def test_an_xes_timestamp_past_the_calendar_is_a_row_level_error(
    tmp_path: Path, moment: str
) -> None:
    events = [
        {"concept:name": "assess", "time:timestamp": "2024-03-01T09:00:00+00:00"},
        {"concept:name": "visit", "time:timestamp": moment},
    ]
    log = write_xes(tmp_path / "log.xes", [("P1", events)])
    problem = _refused(log, tmp_path / "j").problems[0]
    assert (problem.row, problem.field, problem.value) == (2, "time:timestamp", moment)


def test_a_parquet_date_past_the_calendar_is_a_row_level_error(tmp_path: Path) -> None:
    days = pa.array([19_000, 2**31 - 1], pa.int32()).cast(pa.date32())
    table = pa.table(
        {"case:concept:name": ["P1", "P1"], "concept:name": ["a", "b"], "time:timestamp": days}
    )
    pq.write_table(table, tmp_path / "log.parquet")
    problem = _refused(tmp_path / "log.parquet", tmp_path / "j").problems[0]
    assert (problem.row, problem.field) == (2, "time:timestamp")
    assert "2147483647" in (problem.value or "")


def test_a_parquet_timestamp_past_year_9999_is_a_row_level_error(tmp_path: Path) -> None:
    moments = pa.array([0, 2**62], pa.int64()).cast(pa.timestamp("us"))
    table = pa.table(
        {"case:concept:name": ["P1", "P1"], "concept:name": ["a", "b"], "time:timestamp": moments}
    )
    pq.write_table(table, tmp_path / "log.parquet")
    problem = _refused(tmp_path / "log.parquet", tmp_path / "j").problems[0]
    assert (problem.row, problem.field) == (2, "time:timestamp")


@pytest.mark.parametrize("moment", ["２０２４-０３-０１", "٠١/٠٣/٢٠٢٤", "01/03/２０２４ 09:00"])
def test_digits_other_than_0_to_9_are_refused_naming_row_and_field(
    tmp_path: Path, moment: str
) -> None:
    log = tmp_path / "log.csv"
    log.write_text(f"{HEADER}\nP1,visit,{moment}\n", encoding="utf-8")
    problem = _refused(log, tmp_path / "j").problems[0]
    assert (problem.row, problem.field) == (2, "time:timestamp")
    assert "digits other than 0-9" in problem.message


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f"])
def test_a_control_character_in_a_value_is_refused(tmp_path: Path, char: str) -> None:
    log = tmp_path / "log.csv"
    rows = "".join(f"P{i},visit,2024-03-01\n" for i in range(5000))  # past the first 64 KiB
    log.write_bytes(f"{HEADER}\n{rows}P9{char}9,visit,2024-03-01\n".encode())
    if char == "\x00":  # the reader refuses NUL bytes as binary before reading rows
        assert "NUL" in str(_refused(log, tmp_path / "j"))
        return
    problem = _refused(log, tmp_path / "j").problems[0]
    assert (problem.row, problem.field, problem.value) == (5002, "case:concept:name", f"P9{char}9")


def test_a_parquet_nul_in_a_person_id_is_refused(tmp_path: Path) -> None:
    table = pa.table(
        {
            "case:concept:name": ["P1", "P\x001"],
            "concept:name": ["a", "b"],
            "time:timestamp": ["2024-03-01"] * 2,
        }
    )
    pq.write_table(table, tmp_path / "log.parquet")
    problem = _refused(tmp_path / "log.parquet", tmp_path / "j").problems[0]
    assert (problem.row, problem.field) == (2, "case:concept:name")


def test_tabs_and_line_breaks_inside_a_value_are_text(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(f'{HEADER},note\nP1,visit,2024-03-01,"two\tparts\r\nand a line"\n')
    assert import_events(log, tmp_path / "j").rows == 1


@pytest.mark.parametrize("ending", ["\r", "\n", "\r\n"])
def test_every_kind_of_line_ending_imports(tmp_path: Path, ending: str) -> None:
    log = tmp_path / "log.csv"
    log.write_bytes(ending.join([HEADER, "P1,a,2024-03-01", "P2,b,2024-03-02", ""]).encode())
    result = CliRunner().invoke(app, ["import", "events", str(log), "--out", str(tmp_path / "j")])
    assert result.exit_code == 0, result.output
    assert read_journal(tmp_path / "j").column("person_id").to_pylist() == ["P1", "P2"]


def test_a_log_with_20000_columns_keeps_them_aside(tmp_path: Path) -> None:
    extra = [f"x{i}" for i in range(20_000)]
    log = tmp_path / "wide.csv"
    rows = "".join(f"P{i},visit,2024-03-01," + ",".join("v" * 20_000) + "\n" for i in range(20))
    log.write_text(",".join([HEADER, *extra]) + "\n" + rows)
    result = import_events(log, tmp_path / "j")
    assert (result.rows, result.aside["x19999"]) == (20, 20)


def test_a_character_cut_off_at_the_end_is_read_as_windows_1252(tmp_path: Path) -> None:
    """Found by fuzzing: a UTF-8 lead byte as the last byte crashed the reader."""
    log = tmp_path / "log.csv"
    log.write_bytes(f"{HEADER}\nP1,visit,2024-03-01\nP2,visit,2024-03-01\xe5".encode("latin-1"))
    error = _refused(log, tmp_path / "j")  # Windows-1252: the last timestamp ends in "å"
    assert (error.problems[0].row, error.problems[0].field) == (3, "time:timestamp")


def test_a_parquet_column_name_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    """Found by fuzzing: pyarrow raised UnicodeDecodeError reading the schema."""
    table = pa.table(
        {
            "case:concept:name": ["P1"],
            "concept:name": ["a"],
            "time:timestamp": ["2024-03-01"],
            "zzzz": ["x"],
        }
    )
    path = tmp_path / "log.parquet"
    pq.write_table(table, path)
    path.write_bytes(path.read_bytes().replace(b"zzzz", b"z\xfezz"))
    error = _refused(path, tmp_path / "j")
    assert "Parquet" in str(error)


def test_a_parquet_nanosecond_timestamp_that_is_nat_is_a_row_level_error(tmp_path: Path) -> None:
    """Found by fuzzing: -2**63 ns reads as pandas' NaT, which crashed the journal writer."""
    moments = pa.array([0, -(2**63)], pa.int64()).view(pa.timestamp("ns"))
    table = pa.table(
        {"case:concept:name": ["P1", "P1"], "concept:name": ["a", "b"], "time:timestamp": moments}
    )
    pq.write_table(table, tmp_path / "log.parquet")
    problem = _refused(tmp_path / "log.parquet", tmp_path / "j").problems[0]
    assert (problem.row, problem.field) == (2, "time:timestamp")
