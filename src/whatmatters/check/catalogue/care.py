"""Measures of long-term care: placements, people in care homes, care hours and cost."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from whatmatters.check.catalogue.entry import COUNT, Card, Combine, Inputs, Measure, MeasureInfo
from whatmatters.check.catalogue.front_door import NO_START
from whatmatters.check.catalogue.periods import EPOCH, census, counted
from whatmatters.check.expressions import day_number
from whatmatters.check.service_types import is_home_care, is_placement
from whatmatters.journal.schema import Kind

LONG_TERM = (
    "Long-term services are told by their service type (CLD's long-term support "
    "categories, residential or nursing by name)."
)


def _new_placements(i: Inputs) -> ir.Table:
    placements = i.events.filter(is_placement(i.events))
    return counted(i.calendar, placements, day_number(placements.start))


NEW_PLACEMENTS = MeasureInfo.count(
    Measure.NEW_PLACEMENTS,
    "New residential and nursing placements",
    "placements",
    "Residential and nursing placements started",
    Card(
        "Long-term residential or nursing care services starting in the period.",
        numerator="Services of a long-term residential or nursing type starting in the period.",
        denominator=COUNT,
        prerequisites=f"Services with a type. {LONG_TERM}",
        unknowns=f"A service with no type is not a placement. {NO_START}",
    ),
    _new_placements,
)


def _people_in_placement(i: Inputs) -> ir.Table:
    return census(i.calendar, i.events.filter(is_placement(i.events)), None)


PEOPLE_IN_PLACEMENT = MeasureInfo(
    Measure.PEOPLE_IN_PLACEMENT,
    "People in residential or nursing care",
    "people",
    Combine.CENSUS,
    Combine.CENSUS,
    "People in residential or nursing care (average)",
    Card(
        "People with a long-term residential or nursing service on the period's last day.",
        numerator="People (each once) with such a service started by the period's last day "
        "and not ended before it.",
        denominator="None: a count on a day.",
        prerequisites=f"Services with a type and a start. {LONG_TERM}",
        unknowns="A service with no end is still running. Services begun before the records "
        f"are not seen, so the count builds up from where the records begin. {NO_START}",
    ),
    _people_in_placement,
)


def _care_hours(i: Inputs) -> ir.Table:
    home_care = i.events.filter(is_home_care(i.events))
    return census(i.calendar, home_care, home_care.hours_per_week)


CARE_HOURS = MeasureInfo(
    Measure.CARE_HOURS,
    "Mean care hours a week",
    "hours a week",
    Combine.CENSUS,
    Combine.CENSUS,
    "Mean care hours a week (average)",
    Card(
        "Mean planned hours a week across people with long-term community (home) care "
        "on the period's last day.",
        numerator="Planned hours a week of the home care services running on the period's "
        "last day, a person's services added together.",
        denominator="People with home care running on that day.",
        prerequisites=f"Home care services with their planned hours a week. {LONG_TERM}",
        unknowns="A service with no end is still running. A community service with no "
        "planned hours (or 0) is not home care: it is left out of both numerator and "
        f"denominator. A day with no one in home care has no value. {NO_START}",
    ),
    _care_hours,
)


def _weekly_cost(i: Inputs) -> ir.Table:
    """Days are counted inclusively (a service from 1 to 7 March runs 7 days), as DHSC's
    cost step does; an open service runs to the window's end."""
    services = i.events.filter(i.events.kind == Kind.SERVICE.value)
    last_day = (i.window.end - EPOCH).days
    t = services.filter(services.weekly_cost.notnull()).select(
        _first=day_number(services.start),
        _after=day_number(services.end).fill_null(last_day) + 1,
        _weekly=services.weekly_cost,
    )
    spans = i.calendar.spans
    joined = spans.inner_join(t, [t._first < spans.after_day, t._after > spans.first_day])
    days = ibis.least(joined._after, joined.after_day) - ibis.greatest(
        joined._first, joined.first_day
    )
    costs = joined.group_by("period_start").agg(
        numerator=(joined._weekly * days.cast("float64") / 7.0).sum()
    )
    full = spans.left_join(costs, spans.period_start == costs.period_start)
    return full.select(
        period_start=spans.period_start,
        numerator=full.numerator.fill_null(0.0),
        denominator=(spans.after_day - spans.first_day).cast("float64") / 7.0,
    )


WEEKLY_COST = MeasureInfo(
    Measure.WEEKLY_COST,
    "Weekly cost",
    "£",
    Combine.RATIO,
    Combine.SUM,  # a stretch's planned cost, not a week's
    "Planned cost",
    Card(
        "Planned cost of services running in the period (weekly cost × days running ÷ 7), "
        "per week of the period.",
        numerator="Each service's weekly cost × its days running in the period ÷ 7, days "
        "counted inclusively, added up.",
        denominator="The weeks in the period (its days ÷ 7); the before/after table adds up "
        "the numerators only.",
        prerequisites="Services with a weekly cost (CLD's unit cost by its unit, or the "
        "casework plan's).",
        unknowns="A service with no weekly cost is left out (its cost is unknown, not 0). "
        f"A service with no end runs to the window's end. {NO_START}",
    ),
    _weekly_cost,
)
