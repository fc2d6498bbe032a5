"""``whatmatters summary JOURNAL``: what a journal holds, at a glance.

Works on any journal, whatever it was built from: rows, people, the span of
dates, rows by kind and by source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console, Group
from rich.table import Table

from whatmatters.journal.tables import open_journal


@dataclass(frozen=True)
class JournalSummary:
    rows: int
    people: int
    first: dt.datetime | None  # earliest start
    last: dt.datetime | None  # latest start or end
    kinds: dict[str, int]  # rows by kind, most first
    sources: dict[str, int]  # rows by source, most first


def summarise(path: str | Path) -> JournalSummary:
    """Count a journal's rows, people, dates, kinds and sources (one DuckDB pass each)."""
    table = open_journal(path)
    totals = table.aggregate(
        rows=table.count(),
        people=table.person_id.nunique(),
        first=table.start.min(),
        last_start=table.start.max(),
        last_end=table.end.max(),
    ).to_pyarrow()
    row = totals.to_pylist()[0]
    last = max((d for d in (row["last_start"], row["last_end"]) if d is not None), default=None)

    def counts(column: str) -> dict[str, int]:
        grouped = (
            table.group_by(column)
            .aggregate(rows=table.count())
            .order_by([table[column].isnull(), "rows"])
            .to_pyarrow()
            .to_pylist()
        )
        ordered = sorted(grouped, key=lambda r: (-r["rows"], r[column] is None, r[column] or ""))
        return {(r[column] if r[column] is not None else "(none)"): r["rows"] for r in ordered}

    return JournalSummary(
        rows=row["rows"],
        people=row["people"],
        first=row["first"],
        last=last,
        kinds=counts("kind"),
        sources=counts("source"),
    )


def render(summary: JournalSummary, path: str | Path, console: Console) -> None:
    head = Table.grid(padding=(0, 2))
    head.add_row("journal", str(path))
    head.add_row("rows", f"{summary.rows:,}")
    head.add_row("people", f"{summary.people:,}")
    span = (
        f"{summary.first:%d/%m/%Y} to {summary.last:%d/%m/%Y}"
        if summary.first and summary.last
        else "no dates"
    )
    head.add_row("dates", span)
    parts: list[Table] = [head]
    for title, counts in (("by kind", summary.kinds), ("by source", summary.sources)):
        table = Table(title=f"Rows {title}")
        table.add_column(title.removeprefix("by "))
        table.add_column("rows", justify="right")
        for name, rows in counts.items():
            table.add_row(name, f"{rows:,}")
        parts.append(table)
    console.print(Group(*parts))
