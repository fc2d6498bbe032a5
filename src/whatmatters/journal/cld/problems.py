"""Problems found in CLD files: their severity and their table.

Every problem names the file, the row as a spreadsheet numbers it (header =
row 1), the field, the value, the rule and what is wrong. File-level problems
(an empty file, duplicate column names, …) have no row or field.
"""

from __future__ import annotations

from enum import StrEnum

import polars as pl


class Severity(StrEnum):
    """What a problem does to its row."""

    ERROR = "error"  # the row is left out of the journal (--strict refuses the import)
    WARNING = "warning"  # the row is kept; the problem is reported
    DUPLICATE = "duplicate"  # the row is left out: another row records the same event


PROBLEM_SCHEMA: dict[str, pl.DataType] = {
    "file": pl.String(),
    "row": pl.Int64(),
    "field": pl.String(),
    "value": pl.String(),
    "rule": pl.String(),
    "severity": pl.String(),
    "message": pl.String(),
}


def no_problems() -> pl.DataFrame:
    return pl.DataFrame(schema=PROBLEM_SCHEMA)


def file_problem(file: str, rule: str, message: str, *, row: int | None = None) -> pl.DataFrame:
    """One error about a whole file (it cannot be imported)."""
    return pl.DataFrame(
        [
            {
                "file": file,
                "row": row,
                "field": None,
                "value": None,
                "rule": rule,
                "severity": Severity.ERROR.value,
                "message": message,
            }
        ],
        schema=PROBLEM_SCHEMA,
    )


def sort_problems(problems: pl.DataFrame) -> pl.DataFrame:
    """Problems in reading order: file, row, then rule."""
    return problems.sort(["file", "row", "rule", "field"], nulls_last=False, maintain_order=True)
