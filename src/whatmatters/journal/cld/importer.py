"""Importing CLD files into a journal.

``import_cld`` validates the files (``validate.py``), then writes the rows
without errors, less duplicate events, as one journal — atomically: if any
file cannot be read, if ``strict`` and any row has an error, or if no row is
left, no journal is written. Beside the events the journal keeps, in
``aside/``: the values of columns that are not CLD fields
(``unknown_columns.parquet``: source, source_row, column, value), every
problem (``problems.parquet``) and the rows left out as submitted
(``left_out_rows.parquet``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from whatmatters.journal.cld.fields import REFERENCE
from whatmatters.journal.cld.release import Release
from whatmatters.journal.cld.report import write_report
from whatmatters.journal.cld.returns import ended_by_a_later_return
from whatmatters.journal.cld.to_journal import journal_frame
from whatmatters.journal.cld.validate import KEEP, Step, Validation, run_validation
from whatmatters.journal.store import JournalWriter
from whatmatters.words import plural

ROWS_PER_WRITE = 50_000  # rows converted to Arrow at a time (two in flight): bounds memory


@dataclass
class ImportResult:
    """What an import did: the journal written (or why none was), and every problem."""

    validation: Validation
    journal: Path | None
    rows_written: int
    refused: str | None  # why no journal was written
    report: Path | None

    @property
    def ok(self) -> bool:
        return self.journal is not None


def reference_version() -> str:
    return json.loads((REFERENCE / "about.json").read_text(encoding="utf-8"))["version"]


def import_cld(
    files: Sequence[str | Path],
    out: str | Path,
    *,
    strict: bool = False,
    release: Release | None = None,
    report: str | Path | None = None,
    step: Step | None = None,
) -> ImportResult:
    """Import CLD CSV or Excel files into the journal at ``out``.

    ``strict`` refuses the whole import when any row has an error (otherwise
    those rows are left out and listed). ``release`` forces the release;
    ``report`` writes every problem to that CSV file.
    """
    say = step or (lambda _: None)
    validation = run_validation(files, release=release, step=step, keep=True)
    report_path = Path(report) if report else None
    if report_path:
        write_report(validation.problems, report_path)
    refused = _refusal(validation, strict)
    if refused:
        return ImportResult(validation, None, 0, refused, report_path)
    say(f"writing {out}")
    rows = _write(validation, Path(out))
    return ImportResult(validation, Path(out), rows, None, report_path)


def _refusal(validation: Validation, strict: bool) -> str | None:
    refused = validation.refused_files
    if refused:
        names = ", ".join(f.source for f in refused)
        return f"{plural(len(refused), 'file')} could not be read as CLD: {names}"
    if strict and not validation.ok:
        return (
            f"--strict: {validation.error_count:,} errors in "
            f"{validation.rows_with_errors:,} rows (see the problems above)"
        )
    if validation.rows_kept == 0:
        return "no rows left to import: every row has an error"
    return None


def _write(validation: Validation, out: Path) -> int:
    assert validation.prepared is not None
    journal = journal_frame(validation.prepared)
    keep = validation.prepared.get_column(KEEP)
    ended = validation.prepared.select((ended_by_a_later_return() & pl.col(KEEP)).sum()).item()
    every_row = bool(keep.all())
    validation.prepared = None  # free the columns only the checks needed before writing
    with JournalWriter(out) as writer, ThreadPoolExecutor(max_workers=1) as background:
        # Parquet encodes one slice while Polars converts the next (both release the GIL).
        writing: Future[None] | None = None
        for start in range(0, journal.height, ROWS_PER_WRITE):
            part = journal.slice(start, ROWS_PER_WRITE)
            if not every_row:  # rows with errors, duplicates: left out a slice at a time
                part = part.filter(keep.slice(start, ROWS_PER_WRITE))
            table = part.to_arrow()
            if writing is not None:
                writing.result()
            writing = background.submit(writer.write, table)
        if writing is not None:
            writing.result()
        if validation.unknown is not None and validation.unknown.height:
            validation.unknown.write_parquet(writer.side_path("aside/unknown_columns.parquet"))
        if validation.left_out is not None:
            validation.left_out.write_parquet(writer.side_path("aside/left_out_rows.parquet"))
        validation.problems.write_parquet(writer.side_path("aside/problems.parquet"))
        writer.manifest.update(_manifest(validation))
        writer.manifest["cld"]["services_ended_by_a_later_return"] = ended
    return writer.rows


def _manifest(validation: Validation) -> dict[str, object]:
    return {
        "sources": [f.source for f in validation.files],
        "cld": {
            "reference_version": reference_version(),
            "files": [
                {
                    "source": f.source,
                    "release": f.release.release.value if f.release else None,
                    "release_evidence": f.release.describe() if f.release else None,
                    "encoding": f.encoding,
                    "rows": f.rows,
                    "blank_rows": f.blank_rows,
                    "rows_with_errors": f.rows_with_errors,
                    "unknown_columns": list(f.unknown_columns),
                }
                for f in validation.files
            ],
            "rows_read": validation.rows_read,
            "rows_with_errors": validation.rows_with_errors,
            "duplicates_left_out": validation.duplicates,
            "warnings": validation.warning_count,
            "mappings": validation.mappings.to_dicts(),
        },
    }


__all__ = ["ImportResult", "import_cld"]
