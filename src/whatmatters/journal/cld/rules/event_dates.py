"""Event and reporting-period dates in the right order and inside the period."""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from whatmatters.journal.cld.columns import day_text, value
from whatmatters.journal.cld.conditions import SERVICE
from whatmatters.journal.cld.fields import Field
from whatmatters.journal.cld.problems import Severity
from whatmatters.journal.cld.rules.registry import Context, Finding, rule

START, END = value(Field.EVENT_START_DATE), value(Field.EVENT_END_DATE)
PERIOD_START = value(Field.REPORTING_PERIOD_START_DATE)
PERIOD_END = value(Field.REPORTING_PERIOD_END_DATE)


@rule(
    "end_before_start",
    "An event ends before it starts.",
    Severity.ERROR,
    fields=(Field.EVENT_START_DATE, Field.EVENT_END_DATE),
)
def end_before_start(context: Context) -> Iterator[Finding]:
    yield Finding(
        Field.EVENT_END_DATE,
        END < START,
        pl.format("the event ends on {}, before it starts on {}", day_text(END), day_text(START)),
    )


@rule(
    "period_reversed",
    "The reporting period ends before it starts.",
    Severity.ERROR,
    fields=(Field.REPORTING_PERIOD_START_DATE, Field.REPORTING_PERIOD_END_DATE),
)
def period_reversed(context: Context) -> Iterator[Finding]:
    yield Finding(
        Field.REPORTING_PERIOD_END_DATE,
        PERIOD_END < PERIOD_START,
        pl.format(
            "the reporting period ends on {}, before it starts on {}",
            day_text(PERIOD_END),
            day_text(PERIOD_START),
        ),
    )


@rule(
    "event_outside_period",
    "An event falls outside the file's reporting period: it starts after the period, a "
    "request, assessment or review does not end inside it, or a service ended before it. "
    "National processing leaves such events out of the period; the row is kept.",
    Severity.WARNING,
    fields=(Field.EVENT_START_DATE, Field.EVENT_END_DATE),
)
def event_outside_period(context: Context) -> Iterator[Finding]:
    period = pl.format("{} to {}", day_text(PERIOD_START), day_text(PERIOD_END))
    sound = PERIOD_START <= PERIOD_END
    service = SERVICE
    yield Finding(
        Field.EVENT_START_DATE,
        sound & (START > PERIOD_END),
        pl.format("the event starts on {}, after the reporting period {}", day_text(START), period),
    )
    ends_outside = ~service & ((END < PERIOD_START) | (END > PERIOD_END))
    ended_before = service & (END < PERIOD_START)
    yield Finding(
        Field.EVENT_END_DATE,
        sound & (START <= PERIOD_END) & (ends_outside | ended_before),
        pl.format("the event ends on {}, outside the reporting period {}", day_text(END), period),
    )
