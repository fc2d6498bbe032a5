"""Bad input: a clear message naming file, row and field; no journal written."""

from __future__ import annotations

import gzip
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from whatmatters.cli import app
from whatmatters.journal.eventlog import EventColumns, EventLogError, import_events
from whatmatters.journal.store import read_journal, write_journal

from .conftest import write_xes

HEADER = "case:concept:name,concept:name,time:timestamp\n"


def fails(path: Path, out: Path, **options) -> EventLogError:
    """The import fails, leaving no journal and no half-written folder."""
    with pytest.raises(EventLogError) as caught:
        import_events(path, out, **options)
    assert not out.exists()
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}")] == []
    return caught.value


def test_unparseable_timestamp_names_file_row_field_and_value(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(HEADER + "P1,assess,2024-03-01 09:00\nP1,visit,yesterday\n")
    error = fails(log, tmp_path / "j")
    problem = error.problems[0]
    assert (problem.file, problem.row, problem.field, problem.value) == (
        "log.csv",
        3,
        "time:timestamp",
        "yesterday",
    )
    assert "log.csv, row 3, field 'time:timestamp'" in str(error)
    assert "'yesterday'" in str(error)


def test_every_bad_row_is_reported_at_once(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(HEADER + "P1,assess,31/02/2024\n,visit,2024-03-01\nP3,,2024-03-01\n")
    error = fails(log, tmp_path / "j")
    assert error.total == 3
    assert [(p.row, p.field) for p in error.problems] == [
        (2, "time:timestamp"),
        (3, "case:concept:name"),
        (4, "concept:name"),
    ]


def test_xes_problem_names_the_event_ordinal(tmp_path: Path) -> None:
    log = write_xes(
        tmp_path / "log.xes",
        [("P1", [{"concept:name": "a", "time:timestamp": "2024-03-01T09:00:00Z"}]),
         ("P2", [{"concept:name": "b", "time:timestamp": "not a date"}])],
    )  # fmt: skip
    problem = fails(log, tmp_path / "j").problems[0]
    assert (problem.row, problem.field, problem.value) == (2, "time:timestamp", "not a date")


def test_missing_column_named_in_an_option(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(HEADER + "P1,assess,2024-03-01\n")
    error = fails(log, tmp_path / "j", columns=EventColumns(worker="staff"))
    assert "no column 'staff' for --worker" in str(error)
    assert "'case:concept:name', 'concept:name', 'time:timestamp'" in str(error)


def test_an_unnamed_column_is_named_as_such(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text("," + HEADER + "0,P1,assess,2024-03-01\n")  # a spreadsheet's index column
    error = fails(log, tmp_path / "j", columns=EventColumns(worker="staff"))
    assert "its columns are an unnamed column, 'case:concept:name'" in str(error)


def test_missing_default_column_asks_for_the_option(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text("client,step,when\nP1,assess,2024-03-01\n")
    assert "--person" in str(fails(log, tmp_path / "j"))


def test_xes_attribute_named_in_an_option_but_never_present(tmp_path: Path) -> None:
    log = write_xes(
        tmp_path / "log.xes", [("P1", [{"concept:name": "a", "time:timestamp": "2024-03-01"}])]
    )
    error = fails(log, tmp_path / "j", columns=EventColumns(team="department"))
    assert "no event has this attribute (named by --team)" in str(error)
    assert error.problems[0].field == "department"


@pytest.mark.parametrize("name", ["log.csv", "log.xes", "log.xes.gz", "log.parquet"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"")
    assert "the file is empty" in str(fails(tmp_path / name, tmp_path / "j"))


def test_header_only_csv_has_nothing_to_import(tmp_path: Path) -> None:
    (tmp_path / "log.csv").write_text(HEADER)
    assert "no events" in str(fails(tmp_path / "log.csv", tmp_path / "j"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html><body><p>a web page</p></body></html>", "not an XES file: its root is <html>"),
        (b"case,activity\nP1,assess\n", "not valid XML at line 1"),
        (b"<log><trace><event><string key=", "not valid XML at line 1"),
    ],
)
def test_not_an_xes_file(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "log.xes").write_bytes(content)
    assert message in str(fails(tmp_path / "log.xes", tmp_path / "j"))


def test_truncated_gzip(tmp_path: Path, eventlogs: Path) -> None:
    whole = (eventlogs / "06_bpic2013_closed.xes.gz").read_bytes()
    (tmp_path / "log.xes.gz").write_bytes(whole[: len(whole) // 2])
    error = fails(tmp_path / "log.xes.gz", tmp_path / "j")
    assert "log.xes.gz: the gzip file is truncated or damaged" in str(error)


def test_gzip_of_garbage(tmp_path: Path) -> None:
    (tmp_path / "log.xes.gz").write_bytes(b"\x1f\x8b" + bytes(range(256)) * 8)
    assert "truncated or damaged" in str(fails(tmp_path / "log.xes.gz", tmp_path / "j"))


def test_gzip_of_something_else(tmp_path: Path) -> None:
    (tmp_path / "log.xes.gz").write_bytes(gzip.compress(b"just text\n"))
    assert "not valid XML" in str(fails(tmp_path / "log.xes.gz", tmp_path / "j"))


def test_duplicate_column_names_in_csv(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(
        "case:concept:name,concept:name,time:timestamp,concept:name\nP1,a,2024-03-01,b\n"
    )
    error = fails(log, tmp_path / "j")
    assert "duplicate column name 'concept:name' (columns 2, 4)" in str(error)
    assert error.problems[0].row == 1


def test_duplicate_column_names_in_parquet(tmp_path: Path) -> None:
    table = pa.Table.from_arrays(
        [pa.array(["P1"]), pa.array(["a"]), pa.array(["2024-03-01"]), pa.array(["x"])],
        names=["case:concept:name", "concept:name", "time:timestamp", "case:concept:name"],
    )
    pq.write_table(table, tmp_path / "log.parquet")
    error = fails(tmp_path / "log.parquet", tmp_path / "j")
    assert "duplicate column name 'case:concept:name'" in str(error)


def test_row_with_the_wrong_number_of_fields(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(HEADER + "P1,assess,2024-03-01\nP1,visit\n")
    problem = fails(log, tmp_path / "j").problems[0]
    assert problem.row == 3 and "has 2 fields but the header has 3" in problem.message


def test_binary_garbage_named_csv(tmp_path: Path) -> None:
    (tmp_path / "log.csv").write_bytes(bytes(range(256)) * 4)
    assert "binary data" in str(fails(tmp_path / "log.csv", tmp_path / "j"))


def test_not_a_parquet_file(tmp_path: Path) -> None:
    (tmp_path / "log.parquet").write_text(HEADER)
    assert "not a Parquet file" in str(fails(tmp_path / "log.parquet", tmp_path / "j"))


def test_end_before_start(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text("case,act,from,to\nP1,visit,2024-03-01 10:00,2024-03-01 09:00\n")
    columns = EventColumns(person="case", activity="act", start="from", end="to")
    problem = fails(log, tmp_path / "j", columns=columns).problems[0]
    assert (problem.row, problem.field) == (2, "to") and "ends before it starts" in problem.message


def test_unknown_format_and_missing_file(tmp_path: Path) -> None:
    (tmp_path / "log.json").write_text("{}")
    assert "cannot tell the event log's format" in str(fails(tmp_path / "log.json", tmp_path / "j"))
    assert "no such file" in str(fails(tmp_path / "absent.csv", tmp_path / "j"))


def test_a_failed_import_leaves_an_existing_journal_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "j"
    write_journal(out, [pa.table({"activity": ["kept"]})])
    log = tmp_path / "log.csv"
    log.write_text(HEADER + "P1,assess,never\n")
    with pytest.raises(EventLogError):
        import_events(log, out)
    assert read_journal(out)["activity"].to_pylist() == ["kept"]


def test_command_prints_a_clear_message_and_exits_non_zero(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(HEADER + "P1,assess,yesterday\n")
    result = CliRunner().invoke(app, ["import", "events", str(log), "--out", str(tmp_path / "j")])
    assert result.exit_code == 1
    assert "log.csv, row 2, field 'time:timestamp'" in result.output
    assert "no journal written" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "j").exists()


def test_command_lists_the_first_problems_then_one_error_line(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(HEADER + "".join(f"P{i},assess,yesterday\n" for i in range(25)))
    result = CliRunner().invoke(app, ["import", "events", str(log), "--out", str(tmp_path / "j")])
    lines = result.output.strip().splitlines()
    assert result.exit_code == 1
    assert len(lines) == 22 and all("field 'time:timestamp'" in line for line in lines[:20])
    assert lines[-2:] == ["  … and 5 more problems", "error: 25 problems; no journal written"]
    assert not (tmp_path / "j").exists()


def test_command_will_not_write_over_a_folder_that_is_not_a_journal(tmp_path: Path) -> None:
    log, mine = tmp_path / "log.csv", tmp_path / "mine"
    log.write_text(HEADER + "P1,assess,2024-03-01\n")
    mine.mkdir()
    (mine / "precious.txt").write_text("keep me")
    result = CliRunner().invoke(app, ["import", "events", str(log), "--out", str(mine)])
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith("error: ") and line.endswith(
        "is not a journal; refusing to replace it; no journal written"
    )
    assert [p.name for p in mine.iterdir()] == ["precious.txt"]


def test_command_refuses_an_end_without_a_start(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(HEADER + "P1,assess,2024-03-01\n")
    result = CliRunner().invoke(
        app, ["import", "events", str(log), "--out", str(tmp_path / "j"), "--end", "x"]
    )
    assert result.exit_code == 2 and "needs a start column" in result.output
