"""Names of the columns of a prepared CLD frame, as Polars expressions.

A prepared frame (``prepare.py``) keeps each field's text under the field's
name and adds typed columns under private names (a field's name and a
marker no CLD header contains), plus the row's conditions (``conditions.py``).
"""

from __future__ import annotations

import polars as pl

from whatmatters.journal.cld.fields import Field, FieldType, spec

SOURCE = pl.col("source")
SOURCE_ROW = pl.col("source_row")
PERSON_KEY = pl.col("\x1fperson")  # DHSC's person: NHS number, else LA code + LA person id


def raw(field: Field) -> pl.Expr:
    """The text as submitted (after undoing export neutralisation; ids trimmed)."""
    return pl.col(field.value)


def value_name(field: Field) -> str:
    return f"{field.value}\x1fvalue"


def status_name(field: Field) -> str:
    return f"{field.value}\x1fstatus"


def value(field: Field) -> pl.Expr:
    """The typed value: Release 2 code, date, number, or the text itself (ids trimmed)."""
    if spec(field).type in (FieldType.TEXT, FieldType.ID):
        return raw(field)
    return pl.col(value_name(field))


def day_text(date: pl.Expr) -> pl.Expr:
    """A date as a CLD file writes it (dd/mm/yyyy), for problem messages."""
    return date.dt.strftime("%d/%m/%Y")


def status(field: Field) -> pl.Expr:
    """The ``CodeStatus``, ``DateStatus`` or ``NumberStatus`` of a typed field."""
    return pl.col(status_name(field))


def blank(field: Field) -> pl.Expr:
    """True where nothing, or only spaces, was submitted."""
    kind = spec(field).type
    if kind is FieldType.TEXT:
        return raw(field).is_null() | raw(field).str.contains(r"^\s*$")
    if kind is FieldType.ID:
        return raw(field).is_null()
    return status(field) == "blank"
