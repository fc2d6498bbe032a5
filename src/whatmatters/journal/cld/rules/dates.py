"""Dates: readable, unambiguous, real and plausible."""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from whatmatters.journal.cld.columns import raw, status
from whatmatters.journal.cld.fields import FieldType, fields_of_type
from whatmatters.journal.cld.prepare import DateStatus
from whatmatters.journal.cld.problems import Severity
from whatmatters.journal.cld.rules.registry import Context, Finding, rule

DATES = fields_of_type(FieldType.DATE)


def _each(context: Context, state: DateStatus, message: str) -> Iterator[Finding]:
    for field in DATES:
        if field in context.present:
            yield Finding(field, status(field) == state.value, pl.format(message, raw(field)))


@rule(
    "date_unreadable",
    "A date is not written as dd/mm/yyyy or yyyy-mm-dd.",
    Severity.ERROR,
    fields=DATES,
)
def date_unreadable(context: Context) -> Iterator[Finding]:
    yield from _each(
        context, DateStatus.UNREADABLE, "'{}' is not a date (write dd/mm/yyyy or yyyy-mm-dd)"
    )


@rule(
    "date_ambiguous",
    "A date has a two-digit year (01/04/24): the century is not guessed.",
    Severity.ERROR,
    fields=DATES,
)
def date_ambiguous(context: Context) -> Iterator[Finding]:
    yield from _each(
        context, DateStatus.AMBIGUOUS, "'{}' has a two-digit year; write the year in full"
    )


@rule(
    "date_impossible",
    "A date names a day that does not exist (31/02/2024, month 13).",
    Severity.ERROR,
    fields=DATES,
)
def date_impossible(context: Context) -> Iterator[Finding]:
    yield from _each(context, DateStatus.IMPOSSIBLE, "'{}' is not a real day")
    yield from _each(
        context,
        DateStatus.MONTH_FIRST,
        "'{}' is not a real day read as day/month/year; it looks month-first, "
        "but CLD dates are day first",
    )


@rule(
    "date_out_of_range",
    "A date is before 1900 or after 2099.",
    Severity.ERROR,
    fields=DATES,
)
def date_out_of_range(context: Context) -> Iterator[Finding]:
    yield from _each(context, DateStatus.OUT_OF_RANGE, "'{}' is before 1900 or after 2099")
