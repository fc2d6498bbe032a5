"""A generated journal as CLD Release 2 files, one per reporting year.

Councils submit CLD for reporting periods within the financial year (April
to March). Each file here is one such year (cut to the run where the run
starts or ends inside it) as the council would have submitted it at the
year's end: requests, assessments and reviews completed in the year,
services active in it, and nothing known only later — a service still going
at the year's end has no end date (and a continuing outcome), and a death
after the year is not yet recorded. The CSV itself is written by the CLD
exporter (``whatmatters.journal.cld.export``); this module only chooses and
shapes the rows for each period.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc

from whatmatters.council.codes import EventOutcome
from whatmatters.journal.schema import SCHEMA, Kind
from whatmatters.journal.store import events_glob, folder_written

if TYPE_CHECKING:
    import pyarrow.dataset as ds

_COMPLETED_KINDS = [Kind.REQUEST.value, Kind.ASSESSMENT.value, Kind.REVIEW.value]


def reporting_years(start: date, end: date) -> list[tuple[date, date]]:
    """Financial years (1 April to 31 March) overlapping [start, end), cut to the run."""
    periods = []
    year = start.year if start.month >= 4 else start.year - 1
    while date(year, 4, 1) < end:
        first = max(date(year, 4, 1), start)
        last = min(date(year + 1, 3, 31), date.fromordinal(end.toordinal() - 1))
        periods.append((first, last))
        year += 1
    return periods


def file_name(council: str, first: date, last: date) -> str:
    return f"CLD_R2_{council}_{first:%Y%m%d}_{last:%Y%m%d}.csv"


def write_cld_files(
    journal: Path, folder: Path, council: str, start: date, end: date
) -> list[Path]:
    """Write one CLD Release 2 file per reporting year into ``folder`` (atomically)."""
    from whatmatters.journal.cld.export import export_cld

    folder = Path(folder)
    import pyarrow.dataset as ds  # here: it brings pandas, which the command line need not load

    dataset = ds.dataset(events_glob(journal).replace("*.parquet", ""), schema=SCHEMA)
    names = []
    with folder_written(folder) as temp:
        for first, last in reporting_years(start, end):
            name = file_name(council, first, last)
            export_cld(_period_rows(dataset, first, last), temp / name, release="R2")
            names.append(name)
    return [folder / n for n in names]


def _midnight(day: date) -> pa.Scalar:
    return pa.scalar(datetime(day.year, day.month, day.day), pa.timestamp("us"))


def _period_rows(dataset: ds.Dataset, first: date, last: date) -> pa.Table:
    """The rows a submission for [first, last] holds, as the council knew them then."""
    lo, hi = _midnight(first), _midnight(last)
    import pyarrow.dataset as ds

    kind, start, end = ds.field("kind"), ds.field("start"), ds.field("end")
    completed = kind.isin(_COMPLETED_KINDS) & (end >= lo) & (end <= hi) & (start <= hi)
    active = (kind == Kind.SERVICE.value) & (start <= hi) & (end.is_null() | (end >= lo))
    table = dataset.to_table(filter=completed | active)
    still_open = pc.fill_null(pc.greater(table["end"], hi), False)
    outcome = pc.if_else(still_open, EventOutcome.CONTINUATION.value, table["outcome"])
    later_death = pc.fill_null(pc.greater(table["date_of_death"], pa.scalar(last)), False)
    changes = {
        "end": pc.if_else(still_open, pa.scalar(None, pa.timestamp("us")), table["end"]),
        "outcome": outcome,
        "date_of_death": pc.if_else(
            later_death, pa.scalar(None, pa.date32()), table["date_of_death"]
        ),
        "reporting_period_start": pa.array([first] * table.num_rows, pa.date32()),
        "reporting_period_end": pa.array([last] * table.num_rows, pa.date32()),
    }
    for name, column in changes.items():
        table = table.set_column(table.schema.get_field_index(name), name, column)
    keys = [("person_id", "ascending"), ("start", "ascending"), ("event_id", "ascending")]
    order = pc.sort_indices(table, keys)
    return table.take(order)
