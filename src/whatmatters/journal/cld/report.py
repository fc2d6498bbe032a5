"""Showing problems: the CSV report and the readable summary grouped by rule."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import polars as pl
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from whatmatters.journal.cld.neutralise import neutralise_expr
from whatmatters.journal.cld.problems import PROBLEM_SCHEMA, Severity

_STYLE = {
    Severity.ERROR.value: "bold red",
    Severity.WARNING.value: "yellow",
    Severity.DUPLICATE.value: "cyan",
}


def write_report(problems: pl.DataFrame, path: Path) -> None:
    """Every problem as CSV (file, row, field, value, rule, severity, message), atomically.

    Values are neutralised like an export's, so opening the report in a
    spreadsheet cannot run a formula someone put in a CLD file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.parent / f".{path.name}.{uuid.uuid4().hex[:8]}"
    safe = problems.select(
        neutralise_expr(pl.col(c)).alias(c) if t == pl.String() else pl.col(c)
        for c, t in PROBLEM_SCHEMA.items()
    )
    try:
        safe.write_csv(temp, include_bom=True)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def by_rule(problems: pl.DataFrame) -> pl.DataFrame:
    """One line per rule and severity: problems, rows, fields and a first example."""
    return (
        problems.with_columns(
            pl.concat_str(
                pl.col("file"),
                pl.when(pl.col("row").is_not_null()).then(pl.format(" row {}", pl.col("row"))),
                pl.when(pl.col("field").is_not_null()).then(pl.format(" · {}", pl.col("field"))),
                pl.lit(": "),
                pl.col("message"),
                ignore_nulls=True,
            ).alias("example")
        )
        .group_by("rule", "severity", maintain_order=True)
        .agg(
            pl.len().alias("problems"),
            pl.col("row").drop_nulls().n_unique().alias("rows"),
            pl.col("field").drop_nulls().unique(maintain_order=True).alias("fields"),
            pl.col("example").first(),
        )
        .with_columns(
            pl.col("severity")
            .replace_strict({"error": 0, "duplicate": 1, "warning": 2}, default=3)
            .alias("order")
        )
        .sort(["order", "problems"], descending=[False, True])
        .drop("order")
    )


def problem_summary(problems: pl.DataFrame) -> Table:
    table = Table(title="Problems by rule", show_lines=False, expand=True)
    for name, options in (
        ("rule", {"no_wrap": True}),
        ("severity", {"no_wrap": True}),
        ("problems", {"justify": "right"}),
        ("fields", {}),
        ("first example", {"ratio": 3}),
    ):
        table.add_column(name, **options)  # type: ignore[arg-type]
    for line in by_rule(problems).iter_rows(named=True):
        fields = ", ".join(line["fields"][:4]) + (" …" if len(line["fields"]) > 4 else "")
        table.add_row(
            line["rule"],
            Text(line["severity"], style=_STYLE.get(line["severity"], "")),
            f"{line['problems']:,}",
            fields,
            line["example"],
        )
    return table


def mapping_summary(mappings: pl.DataFrame, limit: int = 15) -> Table:
    table = Table(title="Values stored in Release 2 wording", expand=True)
    for name in ("field", "submitted", "stored", "how", "rows"):
        table.add_column(name, justify="right" if name == "rows" else "left")
    for line in mappings.head(limit).iter_rows(named=True):
        table.add_row(
            line["field"], line["submitted"], line["stored"], line["how"], f"{line['rows']:,}"
        )
    if mappings.height > limit:
        table.caption = f"… and {mappings.height - limit} more (all in the journal's manifest)"
    return table


def render(console: Console, problems: pl.DataFrame, mappings: pl.DataFrame) -> None:
    parts = []
    if problems.height:
        parts.append(problem_summary(problems))
    if mappings.height:
        parts.append(mapping_summary(mappings))
    if parts:
        console.print(Group(*parts))
