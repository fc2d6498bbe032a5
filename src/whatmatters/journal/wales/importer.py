"""Importing checked Welsh rows (template or ARCS) into a journal.

Nothing is written when any file could not be read, when ``strict`` and any
row has an error, or when no row is left; otherwise the rows without errors
are written as one journal, atomically, with every problem kept beside them
(``aside/problems.parquet``) and, when asked, in a CSV report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from whatmatters.journal.cld.report import write_report
from whatmatters.journal.store import JournalWriter
from whatmatters.journal.wales.checked import Checked
from whatmatters.words import plural


@dataclass
class Imported:
    checked: Checked
    journal: Path | None
    rows_written: int
    refused: str | None  # why no journal was written


def import_checked(
    checked: Checked,
    out: str | Path,
    *,
    strict: bool = False,
    report: str | Path | None = None,
    notes: Sequence[str] = (),
) -> Imported:
    """Write ``checked.rows`` as the journal at ``out`` unless something refuses it."""
    if report:
        write_report(checked.problems, Path(report))
    refused = _refusal(checked, strict)
    if refused:
        return Imported(checked, None, 0, refused)
    out = Path(out)
    with JournalWriter(out) as writer:
        writer.write(checked.table())
        checked.problems.write_parquet(writer.side_path("aside/problems.parquet"))
        writer.manifest["sources"] = [f.source for f in checked.files]
        writer.manifest["notes"] = [*notes, *checked.notes]
    return Imported(checked, out, writer.rows, None)


def _refusal(checked: Checked, strict: bool) -> str | None:
    if checked.refused_files:
        names = ", ".join(f.source for f in checked.refused_files)
        return f"{plural(len(checked.refused_files), 'file')} could not be read ({names})"
    if strict and checked.errors:
        return (
            f"--strict and {plural(checked.rows_with_errors, 'row')} "
            f"{'has' if checked.rows_with_errors == 1 else 'have'} errors"
        )
    if not checked.rows:
        return "no row without errors is left to import"
    return None
