"""Writing a journal's Welsh events as the Welsh template (CSV).

Rows whose kind and activity are one of the template's event types are
written, in the template's column order, dates as dd/mm/yyyy and yes/no as
Yes/No; other rows are left out and counted. Text a spreadsheet could run
as a formula gets a leading apostrophe, which the importer removes, so an
exported file imports back to the same rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from whatmatters.journal.schema import conform
from whatmatters.journal.store import read_journal
from whatmatters.journal.wales.template import EVENT_TYPES, FIELDS, FieldType

_NEEDS_APOSTROPHE = re.compile(r"^'*[=+\-@\t\r]")


@dataclass(frozen=True)
class Exported:
    out: Path
    rows_written: int
    rows_left_out: int


def welsh_rows(table: pa.Table) -> pa.Table:
    """The rows of ``table`` the template can hold, in person and date order."""
    pairs = [(e.kind.value, e.activity) for e in EVENT_TYPES.values()]
    mask = pa.array([False] * table.num_rows)
    for kind, activity in pairs:
        this = pc.and_(pc.equal(table["kind"], kind), pc.equal(table["activity"], activity))
        mask = pc.or_(mask, pc.fill_null(this, False))
    rows = table.filter(mask)
    keys = [("person_id", "ascending"), ("start", "ascending"), ("event_id", "ascending")]
    return rows.take(pc.sort_indices(rows, keys))


def export_wales(journal: str | Path | pa.Table, out: str | Path) -> Exported:
    """Write the Welsh template CSV at ``out`` (atomically) from a journal folder or table."""
    table = journal if isinstance(journal, pa.Table) else read_journal(journal)
    table = conform(table)
    rows = welsh_rows(table)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = out.parent / f".{out.name}.{uuid.uuid4().hex[:8]}"
    by_activity = {e.activity: e.code for e in EVENT_TYPES.values()}
    try:
        with temp.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow([field.header for field in FIELDS])
            for record in rows.to_pylist():
                record["kind"] = by_activity[record["activity"]]
                writer.writerow([_cell(field.type, record[field.column]) for field in FIELDS])
        os.replace(temp, out)
    finally:
        temp.unlink(missing_ok=True)
    return Exported(out, rows.num_rows, table.num_rows - rows.num_rows)


def _cell(kind: FieldType, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "Yes" if value else "No"
    text = str(value)
    return "'" + text if kind is FieldType.TEXT and _NEEDS_APOSTROPHE.match(text) else text
