"""Writing a journal's CLD rows back out as a CLD Release 2 CSV.

The file has the specification's spaced Release 2 headers in specification
order, dates as dd/mm/yyyy and numbers as given (no exponent, no padding).
Rows that are not CLD events (contacts, conversations, plans, …) are left
out and counted. Text that a spreadsheet could run as a formula is
neutralised (see ``neutralise.py``); importing the file restores it, so a
journal imported from CLD exports back with every field and value intact.
The two Release 1 columns Release 2 dropped (GP Practice Name, Provider CQC
Location Name) are written only when some row has a value in them.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import polars as pl
import pyarrow as pa

from whatmatters.journal.cld.fields import Field, FieldType, field_specs
from whatmatters.journal.cld.neutralise import neutralise_expr
from whatmatters.journal.cld.to_journal import EVENT_KINDS
from whatmatters.journal.schema import Kind
from whatmatters.journal.store import read_journal


class ExportError(Exception):
    """The journal cannot be exported; the message says why."""


@dataclass(frozen=True)
class ExportResult:
    out: Path
    rows_written: int
    rows_left_out: int  # journal rows that are not CLD events
    open_left_out: int = 0  # requests, assessments and reviews not yet ended
    release: str = "R2"


_EVENT_TYPES = {v.value: k for k, v in EVENT_KINDS.items()}
# CLD returns these once they have ended (their end date is mandatory).
_ENDED_KINDS = [Kind.REQUEST.value, Kind.ASSESSMENT.value, Kind.REVIEW.value]


def cld_rows() -> pl.Expr:
    """Journal rows that are CLD events (or a carer known by association)."""
    by_association = pl.col("client_type").str.to_lowercase().str.contains("known by association")
    return pl.col("kind").is_in(list(_EVENT_TYPES)) | (
        (pl.col("kind") == Kind.OTHER.value) & by_association.fill_null(False)
    )


def export_cld(journal: str | Path | pa.Table, out: Path, release: str = "R2") -> ExportResult:
    """Write the CLD rows of ``journal`` (a path or an Arrow table) to ``out`` as CSV."""
    if release.upper() != "R2":
        raise ExportError(f"only Release 2 can be exported (asked for {release!r})")
    table = journal if isinstance(journal, pa.Table) else read_journal(journal)
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    events = frame.filter(cld_rows())
    still_open = pl.col("kind").is_in(_ENDED_KINDS) & pl.col("end").is_null()
    cld = _with_reporting_period(events.filter(~still_open))
    if cld.height == 0:
        raise ExportError(
            f"the journal holds no CLD events that can be returned ({frame.height:,} rows: "
            f"none is an ended request, assessment or review, or a service); nothing written"
        )
    text = cld.select(_field_texts())
    text = _with_plain_numbers(text, cld)
    dropped = [
        spec.export_name
        for spec in field_specs().values()
        if not spec.r2_name and text.get_column(spec.export_name).null_count() == text.height
    ]
    text = text.drop(dropped)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = out.parent / f".{out.name}.{uuid.uuid4().hex[:8]}"
    try:
        text.write_csv(temp, include_bom=True, line_terminator="\r\n", quote_style="necessary")
        os.replace(temp, out)
    finally:
        temp.unlink(missing_ok=True)
    return ExportResult(out, cld.height, frame.height - events.height, events.height - cld.height)


def _with_reporting_period(cld: pl.DataFrame) -> pl.DataFrame:
    """Rows the council's own systems made (casework, a generated council) get
    the financial year they are returned in: the year a request, assessment or
    review ends, the year a service starts (CLD's rule: inside the period).
    Rows imported from a CLD file keep what it said, blank or not."""
    ends = pl.col("kind").is_in(_ENDED_KINDS)
    anchor = pl.when(ends).then(pl.col("end")).otherwise(pl.col("start"))
    year = anchor.dt.year() - (anchor.dt.month() < 4).cast(pl.Int32)
    missing = (
        pl.col("source").is_in(["casework", "synthetic"])
        & pl.col("reporting_period_start").is_null()
        & pl.col("reporting_period_end").is_null()
    )
    return cld.with_columns(
        reporting_period_start=pl.when(missing)
        .then(pl.date(year, 4, 1))
        .otherwise(pl.col("reporting_period_start")),
        reporting_period_end=pl.when(missing)
        .then(pl.date(year + 1, 3, 31))
        .otherwise(pl.col("reporting_period_end")),
    )


def _field_texts() -> list[pl.Expr]:
    columns = []
    for field, spec in field_specs().items():
        name = spec.export_name
        if field is Field.EVENT_TYPE:
            columns.append(pl.col("kind").replace_strict(_EVENT_TYPES, default=None).alias(name))
        elif field is Field.EVENT_START_DATE:
            columns.append(pl.col("start").dt.strftime("%d/%m/%Y").alias(name))
        elif field is Field.EVENT_END_DATE:
            columns.append(pl.col("end").dt.strftime("%d/%m/%Y").alias(name))
        elif spec.type is FieldType.DATE:
            columns.append(pl.col(spec.journal_column).dt.strftime("%d/%m/%Y").alias(name))
        elif spec.type in (FieldType.DECIMAL, FieldType.INTEGER):
            columns.append(pl.col(spec.journal_column).alias(name))  # formatted below
        else:
            text = pl.col(spec.journal_column).cast(pl.String)
            columns.append(neutralise_expr(text).alias(name))
    return columns


def _with_plain_numbers(text: pl.DataFrame, cld: pl.DataFrame) -> pl.DataFrame:
    columns = []
    for spec in field_specs().values():
        if spec.type is FieldType.DECIMAL:
            columns.append(_decimal_text(cld.get_column(spec.journal_column)))
        elif spec.type is FieldType.INTEGER:
            columns.append(cld.get_column(spec.journal_column).cast(pl.String))
        else:
            continue
        columns[-1] = columns[-1].alias(spec.export_name)
    return text.with_columns(columns)


def _decimal_text(numbers: pl.Series) -> pl.Series:
    """Numbers to at least two decimal places (CLD's 0.00), more where the value has them.

    The shortest text that reads back as the same number, never with an
    exponent: 23.8 → "23.80", 19 → "19.00", 12.345 → "12.345".
    """
    text = numbers.cast(pl.String)
    odd = text.str.contains("e", literal=True).fill_null(False)
    if odd.any():
        at = odd.arg_true()
        text = text.scatter(at, [format(Decimal(repr(numbers[int(i)])), "f") for i in at])
    decimals = text.str.len_chars() - text.str.find(".", literal=True) - 1
    return pl.select(
        pl.when(~text.str.contains(".", literal=True))
        .then(text + ".00")
        .when(decimals == 1)
        .then(text + "0")
        .otherwise(text)
    ).to_series()
