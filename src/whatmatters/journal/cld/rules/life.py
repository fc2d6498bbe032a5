"""Birth and death: consistent with each other, with the events, across a person's rows."""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from whatmatters.journal.cld.columns import PERSON_KEY, day_text, value
from whatmatters.journal.cld.fields import Field
from whatmatters.journal.cld.problems import Severity
from whatmatters.journal.cld.rules.registry import Context, Finding, rule

BIRTH, DEATH = value(Field.DATE_OF_BIRTH), value(Field.DATE_OF_DEATH)
START, END = value(Field.EVENT_START_DATE), value(Field.EVENT_END_DATE)


@rule(
    "death_before_birth",
    "The Date of Death is before the Date of Birth.",
    Severity.ERROR,
    fields=(Field.DATE_OF_BIRTH, Field.DATE_OF_DEATH),
)
def death_before_birth(context: Context) -> Iterator[Finding]:
    yield Finding(
        Field.DATE_OF_DEATH,
        DEATH < BIRTH,
        pl.format(
            "the person died on {}, before they were born on {}", day_text(DEATH), day_text(BIRTH)
        ),
    )


@rule(
    "birth_after_event",
    "The person was born after the event started.",
    Severity.ERROR,
    fields=(Field.DATE_OF_BIRTH, Field.EVENT_START_DATE),
)
def birth_after_event(context: Context) -> Iterator[Finding]:
    yield Finding(
        Field.DATE_OF_BIRTH,
        BIRTH > START,
        pl.format("born on {}, after the event started on {}", day_text(BIRTH), day_text(START)),
    )


@rule(
    "death_before_event",
    "The person died before the event started.",
    Severity.ERROR,
    fields=(Field.DATE_OF_DEATH, Field.EVENT_START_DATE),
)
def death_before_event(context: Context) -> Iterator[Finding]:
    yield Finding(
        Field.DATE_OF_DEATH,
        DEATH < START,
        pl.format(
            "the person died on {}, before the event started on {}",
            day_text(DEATH),
            day_text(START),
        ),
    )


@rule(
    "death_during_event",
    "The event is open, or ends, after the person died. National processing ends it on the "
    "Date of Death; the journal keeps the submitted end date.",
    Severity.WARNING,
    fields=(Field.DATE_OF_DEATH, Field.EVENT_END_DATE),
)
def death_during_event(context: Context) -> Iterator[Finding]:
    alive_at_start = DEATH >= START
    yield Finding(
        Field.EVENT_END_DATE,
        alive_at_start & END.is_null(),
        pl.format("the event is still open but the person died on {}", day_text(DEATH)),
    )
    yield Finding(
        Field.EVENT_END_DATE,
        alive_at_start & (END > DEATH),
        pl.format(
            "the event ends on {}, after the person died on {}", day_text(END), day_text(DEATH)
        ),
    )


def _differs(date: pl.Expr) -> pl.Expr:
    """True on every row of a person whose rows give more than one (non-blank) date."""
    return date.drop_nulls().n_unique().over(PERSON_KEY) > 1


@rule(
    "person_details_differ",
    "One person's rows (by NHS number, else LA code and person id) give different dates "
    "of birth, or different dates of death.",
    Severity.WARNING,
    fields=(Field.DATE_OF_BIRTH, Field.DATE_OF_DEATH),
)
def person_details_differ(context: Context) -> Iterator[Finding]:
    for field, what in ((Field.DATE_OF_BIRTH, "birth"), (Field.DATE_OF_DEATH, "death")):
        yield Finding(
            field,
            PERSON_KEY.is_not_null() & value(field).is_not_null() & _differs(value(field)),
            f"this person's rows give different dates of {what}",
        )
