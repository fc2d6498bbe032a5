"""Measures of the work done: assessments, and how long a person waits end to end."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from whatmatters.check.catalogue.entry import COUNT, Card, Combine, Inputs, Measure, MeasureInfo
from whatmatters.check.catalogue.front_door import NO_START
from whatmatters.check.catalogue.periods import counted, per_period
from whatmatters.check.expressions import day_number
from whatmatters.journal.schema import Kind


def _assessments(i: Inputs) -> ir.Table:
    done = i.events.filter(i.events.kind == Kind.ASSESSMENT.value)
    return counted(i.calendar, done, day_number(done.end.fill_null(done.start)))


ASSESSMENTS = MeasureInfo.count(
    Measure.ASSESSMENTS,
    "Assessments",
    "assessments",
    "Assessments",
    Card(
        "Assessments completed in the period (ended, or started if no end is recorded).",
        numerator="Rows of kind assessment whose end (or, with no end, start) falls in the period.",
        denominator=COUNT,
        prerequisites="Assessments recorded as rows of kind assessment.",
        unknowns=f"An assessment with no end counts on the day it started. {NO_START}",
    ),
    _assessments,
)


def _end_to_end(i: Inputs) -> ir.Table:
    e = i.episodes
    return per_period(i.calendar, e, day_number(e.end), e.end_to_end_days, ibis.literal(1))


END_TO_END = MeasureInfo(
    Measure.END_TO_END,
    "End-to-end time",
    "days",
    Combine.RATIO,
    Combine.RATIO,
    "End-to-end time",
    Card(
        "Mean days from an episode's first event to what matters achieved (or its last "
        "piece of work), for episodes ending in the period.",
        numerator="Days from first event to end, added up over the episodes ending in the period.",
        denominator="Episodes ending in the period.",
        prerequisites="Events with a person and a start; episodes split where nothing "
        "happened for the episode gap. Periods within the gap of where the records begin "
        "are left out: an episode there may have begun unseen.",
        unknowns="An episode with no outcome achieved ends at its last piece of work; one "
        "still open at the window's end is counted where its last work falls. A period "
        f"with no episodes ending has no value. {NO_START}",
    ),
    _end_to_end,
)
