"""Numbers: costs, units and counts are plain numbers to two decimal places."""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from whatmatters.journal.cld.columns import raw, status
from whatmatters.journal.cld.fields import Field, FieldType, fields_of_type
from whatmatters.journal.cld.prepare import NumberStatus
from whatmatters.journal.cld.problems import Severity
from whatmatters.journal.cld.rules.registry import Context, Finding, rule

NUMBERS = fields_of_type(FieldType.DECIMAL, FieldType.INTEGER)


@rule(
    "number_invalid",
    "A cost, unit count or number of adults is not a plain number (no £, commas or words; "
    "a count is a whole number).",
    Severity.ERROR,
    fields=NUMBERS,
)
def number_invalid(context: Context) -> Iterator[Finding]:
    for field in NUMBERS:
        if field in context.present:
            kind = "a whole number" if field is Field.NO_OF_ADULTS_CARED_FOR else "a plain number"
            yield Finding(
                field,
                status(field) == NumberStatus.INVALID.value,
                pl.format("'{}' is not " + kind + " (no £ sign, commas or words)", raw(field)),
            )


@rule(
    "number_precision",
    "A number has more than two decimal places (CLD numbers are NUMERIC(18,2)); kept as given.",
    Severity.WARNING,
    fields=NUMBERS,
)
def number_precision(context: Context) -> Iterator[Finding]:
    for field in NUMBERS:
        if field in context.present:
            yield Finding(
                field,
                status(field) == NumberStatus.TOO_PRECISE.value,
                pl.format("'{}' has more than two decimal places; kept as given", raw(field)),
            )
