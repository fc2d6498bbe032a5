"""Coded fields: values checked against the defined lists of the file's release."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from functools import lru_cache

import polars as pl

from whatmatters.journal.cld.codes import CodeStatus, code_list
from whatmatters.journal.cld.columns import raw, status, value
from whatmatters.journal.cld.fields import FieldType, fields_of_type
from whatmatters.journal.cld.problems import Severity
from whatmatters.journal.cld.rules.registry import Context, Finding, rule

CODED = fields_of_type(FieldType.CODE)


def _each(context: Context, state: CodeStatus, message: str) -> Iterator[Finding]:
    """One finding per coded field present: rows whose value has ``state``.

    In ``message``, ``{field}`` is the field's name, the first ``{}`` the value
    as submitted and a second ``{}`` the value as stored.
    """
    for field in CODED:
        if field in context.present:
            text = message.replace("{field}", field.value)
            args = [raw(field), value(field)][: text.count("{}")]
            yield Finding(field, status(field) == state.value, pl.format(text, *args))


@rule(
    "code_invalid",
    "A coded value is not on the field's defined list (lists whose Release 2 and Release 1 "
    "values are all published); the row is left out.",
    Severity.ERROR,
    fields=CODED,
)
def code_invalid(context: Context) -> Iterator[Finding]:
    release = context.release.value[1]
    for field in CODED:
        if field in context.present:
            near = _nearest(code_list(field, context.release).values)
            hint = raw(field).map_elements(near, return_dtype=pl.String).fill_null("")
            message = pl.format(
                f"'{{}}' is not {_article(field.value)} {field.value} value in Release "
                f"{release}{{}}",
                raw(field),
                hint,
            )
            yield Finding(field, status(field) == CodeStatus.INVALID.value, message)


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _nearest(values: list[str]) -> Callable[[str], str]:
    """For a value not on a list, "; did you mean 'X'?" naming the closest listed value.

    Run only on the few rows with an invalid value, once per distinct value.
    """

    by_key = {v.lower(): v for v in values}

    @lru_cache(maxsize=4096)
    def near(text: str) -> str:
        found = difflib.get_close_matches(text.strip().lower(), list(by_key), n=1, cutoff=0.8)
        return f"; did you mean '{by_key[found[0]]}'?" if found else ""

    return near


@rule(
    "code_unlisted",
    "A coded value is not on the part of the list that is published (the list is known to "
    "be incomplete); the value is kept as submitted.",
    Severity.WARNING,
    fields=CODED,
)
def code_unlisted(context: Context) -> Iterator[Finding]:
    yield from _each(
        context,
        CodeStatus.UNLISTED,
        "'{}' is not on the published {field} list, which is incomplete; kept as submitted",
    )


@rule(
    "code_normalised",
    "A coded value matches the list only when case and spacing are ignored; the list's "
    "spelling is stored, and the message names both.",
    Severity.WARNING,
    fields=CODED,
)
def code_normalised(context: Context) -> Iterator[Finding]:
    yield from _each(
        context, CodeStatus.NORMALISED, "'{}' read as '{}' (case or spacing differs from the list)"
    )


@rule(
    "code_r1_only",
    "A Release 1 value that has no Release 2 equivalent (e.g. 'Progress to financial "
    "assessment'); kept as submitted.",
    Severity.WARNING,
    fields=CODED,
)
def code_r1_only(context: Context) -> Iterator[Finding]:
    yield from _each(
        context,
        CodeStatus.R1_ONLY,
        "'{}' is a Release 1 value with no Release 2 equivalent; kept as submitted",
    )


@rule(
    "code_release_1",
    "A Release 2 file holds a Release 1 value (national processing: 'Failed: Release 1'); "
    "it is stored in its Release 2 wording.",
    Severity.WARNING,
    fields=CODED,
)
def code_release_1(context: Context) -> Iterator[Finding]:
    yield from _each(
        context, CodeStatus.RELEASE_1, "'{}' is Release 1 wording; stored as Release 2 '{}'"
    )
