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
    # By start: an assessment still going when the records end has a start but no end, so
    # counting completions (or, with no end, starts) piled the open ones into the last month.
    done = i.events.filter(i.events.kind == Kind.ASSESSMENT.value)
    return counted(i.calendar, done, day_number(done.start))


ASSESSMENTS = MeasureInfo.count(
    Measure.ASSESSMENTS,
    "Assessments",
    "assessments",
    "Assessments",
    Card(
        "Assessments started in the period.",
        numerator="Rows of kind assessment whose start falls in the period.",
        denominator=COUNT,
        prerequisites="Assessments recorded as rows of kind assessment.",
        unknowns="An assessment counts whether or not it has ended: counting at the end "
        "would leave the records' last months short, and counting open ones at their "
        f"start would pile them into the last month. {NO_START}",
    ),
    _assessments,
)


HORIZON_DAYS = 180
"""End-to-end time counts at most this many days of a journey (a restricted mean).

Why: a mean of journeys *ending* in a month favours short ones at the edges
of the records (long ones begun earlier, or not yet ended, are cut off), so
a council where nothing changed showed +22% (benchmarks/RESULTS.md). Journeys
are grouped by the month they *start* instead, and a month is shown only when
every journey starting in it has been followed for this long (and the episode
gap after, to know it ended): the restricted mean survival time with complete
follow-up (docs/evidence.md §5), so no journey still open is counted short.
Six months is an assumption: long enough for most of a journey from the
person's side (most end sooner), short enough to leave most of the window
judged; the journeys still going at six months count as six months."""


def _end_to_end(i: Inputs) -> ir.Table:
    e = i.episodes
    counted_days = ibis.least(e.end_to_end_days, HORIZON_DAYS)
    return per_period(i.calendar, e, day_number(e.start), counted_days, ibis.literal(1))


END_TO_END = MeasureInfo(
    Measure.END_TO_END,
    "End-to-end time",
    "days",
    Combine.RATIO,
    Combine.RATIO,
    "End-to-end time",
    Card(
        f"Mean days from a journey's first event to what matters achieved (or its last "
        f"piece of work), counting at most {HORIZON_DAYS} days, for journeys starting in "
        "the period (a restricted mean: journeys still open are never counted short).",
        numerator=f"Days from first event to end, at most {HORIZON_DAYS}, added up over the "
        "episodes starting in the period.",
        denominator="Episodes starting in the period.",
        prerequisites="Events with a person and a start; episodes split where nothing "
        "happened for the episode gap. Periods within the gap of where the records begin "
        "are left out (an episode there may have begun unseen), and so are periods less "
        f"than {HORIZON_DAYS} days and the gap before the records end (their journeys are "
        "not yet followed that long).",
        unknowns="An episode with no outcome achieved ends at its last piece of work. A "
        f"period with no episodes starting has no value. {NO_START}",
    ),
    _end_to_end,
)
