"""whatmatters summary: what any journal holds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa

from whatmatters.journal.store import write_journal
from whatmatters.journal.summary import summarise


def test_a_journal_is_summarised(tmp_path: Path) -> None:
    table = pa.table(
        {
            "person_id": ["a", "a", "b", None],
            "kind": ["contact", "request", "contact", "other"],
            "source": ["casework", "x.csv", "x.csv", "x.csv"],
            "start": [
                dt.datetime(2024, 1, 5),
                dt.datetime(2024, 2, 1),
                None,
                dt.datetime(2023, 12, 1),
            ],
            "end": [None, dt.datetime(2024, 3, 1), None, None],
        }
    )
    write_journal(tmp_path / "j", [table])
    summary = summarise(tmp_path / "j")
    assert (summary.rows, summary.people) == (4, 2)
    assert (summary.first, summary.last) == (dt.datetime(2023, 12, 1), dt.datetime(2024, 3, 1))
    assert summary.kinds == {"contact": 2, "other": 1, "request": 1}
    assert summary.sources == {"x.csv": 3, "casework": 1}


def test_an_empty_journal_is_summarised(tmp_path: Path) -> None:
    write_journal(tmp_path / "j", [])
    summary = summarise(tmp_path / "j")
    assert (summary.rows, summary.people, summary.first, summary.kinds) == (0, 0, None, {})
