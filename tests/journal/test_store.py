from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pytest

from whatmatters.journal import (
    SCHEMA,
    JournalError,
    JournalWriter,
    open_journal,
    read_journal,
    write_journal,
)
from whatmatters.journal.docs import update


def _rows(n: int, start: int = 0) -> pa.Table:
    return pa.table(
        {
            "person_id": [f"P{i}" for i in range(start, start + n)],
            "kind": ["contact"] * n,
            "start": [dt.datetime(2024, 1, 1) + dt.timedelta(days=i) for i in range(n)],
        }
    )


def test_written_journal_reads_back_with_full_schema(tmp_path: Path) -> None:
    out = tmp_path / "j"
    rows = write_journal(out, [_rows(3), _rows(2, start=3)], sources=["a.csv"])
    table = read_journal(out)
    assert rows == 5
    assert table.schema.equals(SCHEMA, check_metadata=False)
    assert table["person_id"].to_pylist() == ["P0", "P1", "P2", "P3", "P4"]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["rows"] == 5 and manifest["sources"] == ["a.csv"]


def test_parts_split_at_the_row_limit(tmp_path: Path) -> None:
    out = tmp_path / "j"
    with JournalWriter(out, rows_per_part=2) as writer:
        writer.write(_rows(5))
    assert len(list((out / "events").glob("*.parquet"))) == 3
    assert read_journal(out).num_rows == 5


def test_failed_write_leaves_no_journal_and_no_litter(tmp_path: Path) -> None:
    out = tmp_path / "j"
    with pytest.raises(RuntimeError), JournalWriter(out) as writer:
        writer.write(_rows(3))
        raise RuntimeError("interrupted")
    assert list(tmp_path.iterdir()) == []


def test_failed_write_keeps_the_old_journal(tmp_path: Path) -> None:
    out = tmp_path / "j"
    write_journal(out, [_rows(2)])
    with pytest.raises(RuntimeError), JournalWriter(out) as writer:
        writer.write(_rows(7))
        raise RuntimeError("interrupted")
    assert read_journal(out).num_rows == 2
    assert [p.name for p in tmp_path.iterdir()] == ["j"]


def test_rewrite_replaces_the_old_journal(tmp_path: Path) -> None:
    out = tmp_path / "j"
    write_journal(out, [_rows(2)])
    write_journal(out, [_rows(4)])
    assert read_journal(out).num_rows == 4


def test_refuses_to_replace_a_folder_that_is_not_a_journal(tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    with pytest.raises(JournalError, match="not a journal"):
        write_journal(precious, [_rows(1)])
    assert (precious / "notes.txt").read_text() == "keep me"


def test_unknown_columns_are_refused(tmp_path: Path) -> None:
    with (
        pytest.raises(ValueError, match="not journal columns: colour"),
        JournalWriter(tmp_path / "j") as writer,
    ):
        writer.write(pa.table({"person_id": ["a"], "colour": ["red"]}))
    assert not (tmp_path / "j").exists()


def test_empty_journal_opens(tmp_path: Path) -> None:
    write_journal(tmp_path / "j", [])
    assert open_journal(tmp_path / "j").count().execute() == 0


def test_open_journal_as_ibis_table(tmp_path: Path) -> None:
    write_journal(tmp_path / "j", [_rows(4)])
    table = open_journal(tmp_path / "j")
    assert table.filter(table.person_id != "P0").count().execute() == 3


def test_opening_something_that_is_not_a_journal_says_so(tmp_path: Path) -> None:
    with pytest.raises(JournalError, match="no journal"):
        open_journal(tmp_path / "missing")
    (tmp_path / "folder").mkdir()
    with pytest.raises(JournalError, match="not a journal"):
        open_journal(tmp_path / "folder")


def test_docs_journal_md_matches_the_schema() -> None:
    doc = Path(__file__).resolve().parents[2] / "docs" / "journal.md"
    assert doc.read_text(encoding="utf-8") == update(doc), (
        "docs/journal.md is out of step: run python -m whatmatters.journal.docs docs/journal.md"
    )


def test_side_files_appear_with_the_journal(tmp_path: Path) -> None:
    out = tmp_path / "j"
    with JournalWriter(out) as writer:
        writer.write(_rows(1))
        writer.side_path("aside/notes.txt").write_text("kept aside")
    assert (out / "aside" / "notes.txt").read_text() == "kept aside"
