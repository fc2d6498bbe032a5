"""NHS numbers and postcodes in their published forms."""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from whatmatters.journal.cld.columns import raw, value
from whatmatters.journal.cld.fields import Field
from whatmatters.journal.cld.problems import Severity
from whatmatters.journal.cld.rules.registry import Context, Finding, rule

_POSTCODE = r"(?i)^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$"


def nhs_number_valid(numbers: pl.Series) -> pl.Series:
    """True for ten digits (spaces allowed) whose last is the modulus 11 check digit."""
    digits = numbers.str.replace_all(" ", "", literal=True)
    whole = pl.select(
        pl.when(digits.str.contains(r"^\d{10}$")).then(digits.cast(pl.Int64, strict=False))
    ).to_series()
    digit = [(whole // 10 ** (9 - i)) % 10 for i in range(10)]
    weighted = sum(d * (10 - i) for i, d in enumerate(digit[:9]))
    check = (11 - weighted % 11) % 11  # 11 → 0; 10 means no valid number has these digits
    return (whole.is_not_null() & (check != 10) & (check == digit[9])).fill_null(False)


@rule(
    "nhs_number_invalid",
    "An NHS Number is not ten digits with a valid check digit (the modulus 11 rule).",
    Severity.WARNING,
    fields=(Field.NHS_NUMBER,),
)
def nhs_number_invalid(context: Context) -> Iterator[Finding]:
    number = value(Field.NHS_NUMBER)
    scientific = number.str.contains(r"(?i)^\d(\.\d+)?e\+?\d+$")
    yield Finding(
        Field.NHS_NUMBER,
        number.is_not_null()
        & ~number.map_batches(nhs_number_valid, return_dtype=pl.Boolean, is_elementwise=True),
        pl.when(scientific)
        .then(
            pl.format(
                "'{}' is an NHS number a spreadsheet turned into a rounded number; "
                "format the column as text and export again",
                raw(Field.NHS_NUMBER),
            )
        )
        .otherwise(
            pl.format(
                "'{}' is not an NHS number (ten digits with a valid check digit)",
                raw(Field.NHS_NUMBER),
            )
        ),
    )


@rule(
    "postcode_invalid",
    "A Postcode is not in the UK postcode format.",
    Severity.WARNING,
    fields=(Field.POSTCODE,),
)
def postcode_invalid(context: Context) -> Iterator[Finding]:
    postcode = value(Field.POSTCODE)
    yield Finding(
        Field.POSTCODE,
        postcode.is_not_null() & ~postcode.str.contains(_POSTCODE),
        pl.format("'{}' is not a UK postcode", raw(Field.POSTCODE)),
    )
