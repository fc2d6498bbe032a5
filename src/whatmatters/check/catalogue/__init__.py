"""The measure catalogue: every purpose measure, each whole in one place.

An entry (``MeasureInfo``) holds a measure's name, unit, how periods combine
for charts and for results, its card (numerator, denominator,
prerequisites, what happens to unknowns) and its Ibis expression. The
engine (``check/series.py``), the results table, the report and the
casework measures page read the catalogue; nothing else defines a measure.
"""

from __future__ import annotations

from whatmatters.check.catalogue.care import (
    CARE_HOURS,
    NEW_PLACEMENTS,
    PEOPLE_IN_PLACEMENT,
    WEEKLY_COST,
)
from whatmatters.check.catalogue.entry import Card, Combine, Inputs, Measure, MeasureInfo
from whatmatters.check.catalogue.front_door import (
    CONTACTS,
    FAILURE_SHARE,
    REPEAT_SHARE,
    REQUESTS,
)
from whatmatters.check.catalogue.menu import MENU_INDEX, MENU_INDEX_ACHIEVED
from whatmatters.check.catalogue.outcomes import OUTCOMES_ACHIEVED, OUTCOMES_RECORDED
from whatmatters.check.catalogue.periods import Calendar, Span, calendar, whole_periods
from whatmatters.check.catalogue.reopened import REOPENED_28, REOPENED_90
from whatmatters.check.catalogue.wales import WALES
from whatmatters.check.catalogue.work import ASSESSMENTS, END_TO_END

MEASURES: dict[Measure, MeasureInfo] = {
    info.measure: info
    for info in (
        END_TO_END,
        REPEAT_SHARE,
        FAILURE_SHARE,
        CONTACTS,
        REQUESTS,
        ASSESSMENTS,
        NEW_PLACEMENTS,
        PEOPLE_IN_PLACEMENT,
        CARE_HOURS,
        WEEKLY_COST,
        OUTCOMES_RECORDED,
        OUTCOMES_ACHIEVED,
        MENU_INDEX,
        MENU_INDEX_ACHIEVED,
        REOPENED_28,
        REOPENED_90,
        *WALES,
    )
}
"""Every measure, in the order the report charts them."""

RESULTS: tuple[Measure, ...] = (
    Measure.NEW_PLACEMENTS,
    Measure.PEOPLE_IN_PLACEMENT,
    Measure.CARE_HOURS,
    Measure.CONTACTS,
    Measure.REQUESTS,
    Measure.ASSESSMENTS,
    Measure.REPEAT_SHARE,
    Measure.FAILURE_SHARE,
    Measure.END_TO_END,
    Measure.OUTCOMES_RECORDED,
    Measure.OUTCOMES_ACHIEVED,
    Measure.MENU_INDEX,
    Measure.MENU_INDEX_ACHIEVED,
    Measure.REOPENED_28,
    Measure.REOPENED_90,
    Measure.WEEKLY_COST,
)
"""The measures of the before/after table, in its order (cost avoidance follows)."""

STOCKS: frozenset[Measure] = frozenset(
    {Measure.PEOPLE_IN_PLACEMENT, Measure.CARE_HOURS, Measure.WEEKLY_COST}
)
"""Measures that carry over from one period to the next (people stay in care for years).

Their points are not independent, so limits from moving ranges are far too
narrow and a stable council looks unpredictable (docs/evidence.md: 98% of
stable 24-month charts signalled). Capability charts apply the rules to
their change from the period before, a flow (docs/capability.md)."""

__all__ = [
    "MEASURES",
    "RESULTS",
    "STOCKS",
    "Calendar",
    "Card",
    "Combine",
    "Inputs",
    "Measure",
    "MeasureInfo",
    "Span",
    "calendar",
    "whole_periods",
]
