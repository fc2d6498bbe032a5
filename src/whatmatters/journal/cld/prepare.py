"""Turning a file's text into typed values and conditions, ready for the rules.

For every field the prepared frame keeps the text as submitted (column named
after the field; identifiers trimmed of surrounding spaces) and adds, by type:

* codes — the value in Release 2 wording and its ``CodeStatus``;
* dates — the date and its ``DateStatus``;
* numbers — the number and its ``NumberStatus``.

Dates, numbers and codes are classified once per *distinct* text (a column
of a million rows holds a few thousand distinct dates) in plain Python, and
the results are mapped back onto every row with a Polars join, so the work
grows with the number of distinct values, not rows.

Values that a CSV export neutralised against spreadsheet formula injection
(a leading apostrophe before ``= + - @``, tab or carriage return; see
``neutralise.py``) are restored first, so an exported file reads back exact.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from enum import StrEnum

import polars as pl

from whatmatters.journal.cld.codes import CodeStatus, code_list
from whatmatters.journal.cld.columns import PERSON_KEY, raw, status_name, value, value_name
from whatmatters.journal.cld.conditions import with_conditions
from whatmatters.journal.cld.fields import Field, FieldType, fields_of_type, spec
from whatmatters.journal.cld.neutralise import restore_expr
from whatmatters.journal.cld.release import Release

EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2099, 12, 31)
LARGEST_NUMBER = 1e16  # NUMERIC(18,2), as DHSC casts costs


class DateStatus(StrEnum):
    BLANK = "blank"
    VALID = "valid"
    UNREADABLE = "unreadable"  # not in a date form at all
    AMBIGUOUS = "ambiguous"  # a two-digit year: which century?
    IMPOSSIBLE = "impossible"  # in a date form, but no such day (31/02/2024)
    MONTH_FIRST = "month_first"  # impossible as day/month, possible as month/day
    OUT_OF_RANGE = "out_of_range"  # before 1900 or after 2099


class NumberStatus(StrEnum):
    BLANK = "blank"
    VALID = "valid"
    TOO_PRECISE = "too_precise"  # more than two decimal places
    INVALID = "invalid"  # not a plain number (currency signs, commas, words, …)


# re.ASCII: \d is 0-9 only; full-width (２０２４) and Arabic-Indic (٢٠٢٤) digits are
# refused as unreadable dates and invalid numbers, not silently read.
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00(?:\.0+)?)?)?", re.ASCII)
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: 00:00(?::00)?)?", re.ASCII)
_TWO_DIGIT_YEAR = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2}", re.ASCII)
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", re.ASCII)
_INTEGER = re.compile(r"\+?\d+", re.ASCII)


def classify_date(text: str) -> tuple[dt.date | None, DateStatus]:
    """A submitted date: ISO (yyyy-mm-dd) or day first (dd/mm/yyyy, also with . or -).

    A midnight time is allowed (database exports add one). Two-digit years are
    refused as ambiguous rather than guessed; so are impossible days.
    """
    s = text.strip()
    if not s:
        return None, DateStatus.BLANK
    if m := _ISO.fullmatch(s):
        year, month, day = (int(g) for g in m.groups())
    elif m := _DAY_FIRST.fullmatch(s):
        day, month, year = (int(g) for g in m.groups())
    elif _TWO_DIGIT_YEAR.fullmatch(s):
        return None, DateStatus.AMBIGUOUS
    else:
        return None, DateStatus.UNREADABLE
    try:
        date = dt.date(year, month, day)
    except ValueError:
        if month > 12 and day <= 12:
            return None, DateStatus.MONTH_FIRST
        return None, DateStatus.IMPOSSIBLE
    if not EARLIEST_DATE <= date <= LATEST_DATE:
        return None, DateStatus.OUT_OF_RANGE
    return date, DateStatus.VALID


def classify_number(text: str, *, integer: bool = False) -> tuple[float | int | None, NumberStatus]:
    """A plain decimal number (no currency sign, thousands separator or exponent)."""
    s = text.strip()
    if not s:
        return None, NumberStatus.BLANK
    if not (_INTEGER if integer else _NUMBER).fullmatch(s):
        return None, NumberStatus.INVALID
    number: float | int = int(s) if integer else float(s)
    if not math.isfinite(number) or abs(number) >= LARGEST_NUMBER:
        return None, NumberStatus.INVALID
    decimals = len(s.split(".")[1].rstrip("0")) if "." in s else 0
    return number, NumberStatus.TOO_PRECISE if decimals > 2 else NumberStatus.VALID


def _enum(values: type[StrEnum]) -> pl.Enum:
    return pl.Enum([v.value for v in values])


def _mapped(
    field: Field,
    distinct: list[str],
    classify: Callable[[str], tuple[object, StrEnum]],
    value_dtype: pl.DataType,
    statuses: type[StrEnum],
) -> list[pl.Expr]:
    """Typed value and status columns of ``field``, classifying each distinct text once.

    Each row's text is looked up once, as its index in an Enum of the distinct
    texts, and both columns are gathered by that index; where the values stay
    as written and share one status (a clean coded column), no lookup is needed.
    """
    results = [classify(text) for text in distinct]
    values = [r[0] for r in results]
    states = [r[1].value for r in results]
    blank = statuses("blank").value
    state_dtype = _enum(statuses)
    index = raw(field).cast(pl.Enum(distinct)).to_physical()
    if value_dtype == pl.String() and values == distinct:
        typed = raw(field)  # every value stays as written: share the text, copy nothing
    else:
        typed = pl.lit(pl.Series(values, dtype=value_dtype)).gather(index)
    if len(set(states)) == 1:
        state = (
            pl.when(raw(field).is_null())
            .then(pl.lit(blank, state_dtype))
            .otherwise(pl.lit(states[0], state_dtype))
        )
    elif states:
        state = pl.lit(pl.Series(states, dtype=state_dtype)).gather(index).fill_null(blank)
    else:
        state = pl.lit(blank, state_dtype)
    return [typed.alias(value_name(field)), state.alias(status_name(field))]


def _distinct_texts(frame: pl.DataFrame, fields: Sequence[Field]) -> dict[Field, list[str]]:
    """Each field's distinct texts, all columns in one parallel pass."""
    lists = frame.select(raw(f).drop_nulls().unique().implode() for f in fields).row(0)
    return dict(zip(fields, lists, strict=True))


def _trimmed(frame: pl.DataFrame, fields: Sequence[Field]) -> list[pl.Expr]:
    """Identifiers without surrounding spaces (blank when only spaces), where any need it."""
    spaced = frame.select(raw(f).str.contains(r"^\s|\s$").any() for f in fields).row(0)
    exprs = []
    for field, some in zip(fields, spaced, strict=True):
        if some:
            text = raw(field).str.strip_chars()
            exprs.append(pl.when(text != "").then(text).alias(field.value))
    return exprs


def _restored(frame: pl.DataFrame, fields: Sequence[Field]) -> list[pl.Expr]:
    """Text that an export neutralised, restored (only in columns that have any)."""
    quoted = frame.select(raw(f).str.starts_with("'").any() for f in fields).row(0)
    return [
        restore_expr(raw(f)).alias(f.value) for f, some in zip(fields, quoted, strict=True) if some
    ]


def prepare(frame: pl.DataFrame, source: str, release: Release) -> pl.DataFrame:
    """The raw frame of one file with every field typed (see the module docstring)."""
    frame = frame.with_columns(_restored(frame, fields_of_type(FieldType.ID, FieldType.TEXT)))
    frame = frame.with_columns(_trimmed(frame, fields_of_type(FieldType.ID)))
    typed = fields_of_type(FieldType.CODE, FieldType.DATE, FieldType.DECIMAL, FieldType.INTEGER)
    distinct = _distinct_texts(frame, typed)
    # A coded column's few distinct texts tell whether any was neutralised.
    quoted = [
        f
        for f in fields_of_type(FieldType.CODE)
        if any(text.startswith("'") for text in distinct[f])
    ]
    if quoted:
        frame = frame.with_columns(restore_expr(raw(f)).alias(f.value) for f in quoted)
        distinct.update(_distinct_texts(frame, quoted))
    columns: list[pl.Expr] = [pl.lit(source).alias("source")]
    for field in typed:
        kind = spec(field).type
        if kind is FieldType.CODE:
            classify = code_list(field, release).classify
            columns += _mapped(field, distinct[field], classify, pl.String(), CodeStatus)
        elif kind is FieldType.DATE:
            columns += _mapped(field, distinct[field], classify_date, pl.Date(), DateStatus)
        else:
            integer = kind is FieldType.INTEGER

            def number(text: str, integer: bool = integer) -> tuple[object, NumberStatus]:
                return classify_number(text, integer=integer)

            dtype = pl.Int64() if integer else pl.Float64()
            columns += _mapped(field, distinct[field], number, dtype, NumberStatus)
    frame = frame.with_columns(columns)
    frame = frame.with_columns(_person_key().alias(PERSON_KEY.meta.output_name()))
    return with_conditions(frame)


def _person_key() -> pl.Expr:
    """DHSC's person identifier (§A4): NHS number, else LA code + '_' + LA person id."""
    return pl.coalesce(
        value(Field.NHS_NUMBER),
        pl.concat_str(value(Field.LA_CODE), pl.lit("_"), value(Field.LA_PERSON_UNIQUE_IDENTIFIER)),
    )
