"""What checking Welsh files found: problems, files and the rows an import keeps.

Problems use the CLD reader's table (file, row, field, value, rule, severity,
message) so ``validate``, ``--report`` and the import summary read the same
for every source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl
import pyarrow as pa

from whatmatters.journal.cld.problems import PROBLEM_SCHEMA, Severity, sort_problems
from whatmatters.journal.schema import SCHEMA, conform, empty


@dataclass
class FileSeen:
    source: str
    rows: int = 0
    refused: str | None = None  # why the file could not be read


@dataclass
class Checked:
    """Every problem in a set of Welsh files, and the journal rows without errors."""

    files: list[FileSeen] = field(default_factory=list)
    problem_rows: list[dict[str, Any]] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)  # journal columns → values
    rows_with_errors: int = 0
    notes: list[str] = field(default_factory=list)
    errors: int = 0  # counted as added: a check of each row must not re-read every problem
    warnings: int = 0

    def add(
        self,
        file: str,
        row: int | None,
        field_name: str | None,
        value: str | None,
        rule: str,
        message: str,
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.errors += severity is Severity.ERROR
        self.warnings += severity is Severity.WARNING
        self.problem_rows.append(
            {
                "file": file,
                "row": row,
                "field": field_name,
                "value": value,
                "rule": rule,
                "severity": severity.value,
                "message": message,
            }
        )

    @property
    def problems(self) -> pl.DataFrame:
        return sort_problems(pl.DataFrame(self.problem_rows, schema=PROBLEM_SCHEMA, orient="row"))

    @property
    def rows_read(self) -> int:
        return sum(f.rows for f in self.files)

    @property
    def refused_files(self) -> list[FileSeen]:
        return [f for f in self.files if f.refused]

    @property
    def ok(self) -> bool:
        return not self.refused_files and self.errors == 0

    def table(self) -> pa.Table:
        """The rows kept, as a journal table."""
        if not self.rows:
            return empty()
        given = set().union(*self.rows)
        fields = [f for f in SCHEMA if f.name in given]
        # Through polars: pyarrow converting Python lists would import pandas (seconds).
        frame = pl.DataFrame(
            {f.name: [r.get(f.name) for r in self.rows] for f in fields},
            schema={f.name: _POLARS[f.type] for f in fields},
        )
        return conform(frame.to_arrow())


_POLARS: dict[pa.DataType, pl.DataType] = {
    pa.string(): pl.String(),
    pa.bool_(): pl.Boolean(),
    pa.int64(): pl.Int64(),
    pa.float64(): pl.Float64(),
    pa.date32(): pl.Date(),
    pa.timestamp("us"): pl.Datetime("us"),
}
