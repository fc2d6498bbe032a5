"""Django model fields generated from the journal schema, so they cannot drift."""

from __future__ import annotations

import pyarrow as pa
from django.db import models

from whatmatters.journal.database import DEFAULT_TABLE
from whatmatters.journal.schema import COLUMNS, Column

TABLE = DEFAULT_TABLE  # the table the check and the CLD export read (journal/database.py)
PRIMARY_KEY = "event_id"


def field_for(column: Column) -> models.Field:
    """The Django field storing one journal column (every column may be empty)."""
    if column.name == PRIMARY_KEY:
        return models.CharField(max_length=80, primary_key=True, help_text=column.description)
    kind = column.type
    common = {"null": True, "blank": True, "help_text": column.description}
    if pa.types.is_string(kind):
        return models.TextField(**common)
    if pa.types.is_int64(kind):
        return models.BigIntegerField(**common)
    if pa.types.is_floating(kind):
        return models.FloatField(**common)
    if pa.types.is_timestamp(kind):
        return models.DateTimeField(**common)
    if pa.types.is_date(kind):
        return models.DateField(**common)
    if pa.types.is_boolean(kind):
        return models.BooleanField(**common)
    raise TypeError(f"journal column {column.name} has a type the casework table lacks: {kind}")


def journal_fields() -> dict[str, models.Field]:
    return {column.name: field_for(column) for column in COLUMNS}
