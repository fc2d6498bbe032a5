"""Measures of purpose: what matters recorded in the person's words, and achieved.

An outcome is what matters to the person, in their words (journal rows of
kind outcome). Its rows (recorded, progress rated, achieved, changed) are
told apart by ``event_reference``; without one, by the person's words, so
the same words for the same person are one outcome; with neither, the row
stands alone. Each outcome counts once, in the period of its first row
(recorded) or of its first row with status achieved (achieved): an outcome
achieved, changed and achieved again is one achievement.
"""

from __future__ import annotations

from functools import partial

import ibis
import ibis.expr.types as ir

from whatmatters.check.catalogue.entry import COUNT, Card, Inputs, Measure, MeasureInfo
from whatmatters.check.catalogue.front_door import NO_START
from whatmatters.check.catalogue.periods import counted
from whatmatters.check.expressions import day_number
from whatmatters.journal.schema import Kind, OutcomeStatus

WHICH = (
    "An outcome's rows are told apart by their event reference; with none, by the person's "
    "words (the same words for the same person are one outcome); with neither, a row "
    "stands alone."
)


def _firsts(i: Inputs, *, achieved: bool) -> ir.Table:
    """Per period, each outcome counted once on the day of its first row (its first
    achieved row if ``achieved``)."""
    t = i.events.filter(i.events.kind == Kind.OUTCOME.value)
    if achieved:
        t = t.filter(t.status == OutcomeStatus.ACHIEVED.value)
    key = ibis.coalesce(
        "ref:" + t.event_reference, "words:" + t.words, "row:" + t.event_id.cast("string")
    )
    t = t.mutate(_outcome=key)
    firsts = t.group_by(["person_id", "_outcome"]).agg(first=t.start.min())
    return counted(i.calendar, firsts, day_number(firsts.first))


OUTCOMES_RECORDED = MeasureInfo.count(
    Measure.OUTCOMES_RECORDED,
    "What matters recorded",
    "outcomes",
    "Outcomes recorded in the person's words",
    Card(
        "Outcomes (what matters to the person, in their words) first recorded in the period.",
        numerator="Outcomes whose first row of kind outcome falls in the period.",
        denominator=COUNT,
        prerequisites=f"Rows of kind outcome. {WHICH}",
        unknowns="Later rows of the same outcome (progress, status changes) do not count "
        f"again; an outcome first recorded before the records is not seen. {NO_START}",
    ),
    partial(_firsts, achieved=False),
)


OUTCOMES_ACHIEVED = MeasureInfo.count(
    Measure.OUTCOMES_ACHIEVED,
    "What matters achieved",
    "outcomes",
    "Outcomes achieved, as the person sees it",
    Card(
        "Outcomes first achieved, as the person sees it, in the period.",
        numerator="Outcomes whose first row with status achieved falls in the period.",
        denominator=COUNT,
        prerequisites=f"Rows of kind outcome with a status. {WHICH}",
        unknowns="A row with no status, or any status but achieved, is not an achievement; "
        f"an outcome achieved again after a change counts once. {NO_START}",
    ),
    partial(_firsts, achieved=True),
)
