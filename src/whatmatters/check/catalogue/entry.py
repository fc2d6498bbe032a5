"""What a catalogue entry holds: a measure's name, unit, rules, card and expression."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

import ibis.expr.types as ir

from whatmatters.check.catalogue.periods import Calendar
from whatmatters.check.window import Window


class Combine(StrEnum):
    """How periods add up: into a point on a chart, and into a before/after figure."""

    SUM = "sum"  # counts and costs: add the numerators
    RATIO = "ratio"  # shares and means: sum of numerators over sum of denominators
    CENSUS = "census"  # a count on a date: in results, the average of each period's last day


class Measure(StrEnum):
    """The purpose measures, in plain names (the ``measure`` column of the tables)."""

    END_TO_END = "end_to_end_days"
    REPEAT_SHARE = "repeat_share"
    FAILURE_SHARE = "failure_share"
    CONTACTS = "contacts"
    REQUESTS = "requests"
    ASSESSMENTS = "assessments"
    NEW_PLACEMENTS = "new_placements"
    PEOPLE_IN_PLACEMENT = "people_in_placement"
    CARE_HOURS = "care_hours_per_week"
    WEEKLY_COST = "weekly_cost"
    OUTCOMES_RECORDED = "outcomes_recorded"
    OUTCOMES_ACHIEVED = "outcomes_achieved"
    MENU_INDEX = "menu_index"  # plan actions carried by the person's own network
    MENU_INDEX_ACHIEVED = "menu_index_achieved"  # the same, for what matters achieved
    REOPENED_28 = "reopened_28"  # closures followed by a new request within 28 days
    REOPENED_90 = "reopened_90"
    # Wales (catalogue/wales.py): values only when the journal holds Welsh rows
    WALES_NO_RECONTACT = "wales_advice_no_recontact"
    WALES_MET_THROUGH_PLAN = "wales_assessed_met_through_plan"
    WALES_MET_WITHOUT_PLAN = "wales_assessed_met_without_plan"
    WALES_NO_ELIGIBLE_NEEDS = "wales_assessed_no_eligible_needs"
    WALES_REABLEMENT_REDUCED = "wales_reablement_reduced"
    WALES_REABLEMENT_HELPED = "wales_reablement_reduced_maintained_mitigated"
    WALES_ENQUIRIES_IN_TIME = "wales_enquiries_within_seven_working_days"
    WALES_CLOSED_ACHIEVED = "wales_plans_closed_outcomes_achieved"


COUNT = "None: a count."
"""A count's denominator, on its card."""


@dataclass(frozen=True)
class Card:
    """A measure's card, as DHSC's metric cards set one out."""

    definition: str
    """What it measures, in one sentence (the report prints it under the chart)."""
    numerator: str
    denominator: str
    """"None: a count" for counts."""
    prerequisites: str
    """What the records must hold for the measure to say anything."""
    unknowns: str
    """What happens to unknowns, nulls and invalid values."""


@dataclass(frozen=True)
class Inputs:
    """The tables every measure is made from (each an Ibis expression on one backend)."""

    calendar: Calendar
    events: ir.Table
    """The whole usable journal: look-backs and running services need what came before."""
    episodes: ir.Table
    """Episodes of work in the window, with ``end_to_end_days``."""
    requests: ir.Table
    """Every request, with the ones before it (for repeats)."""
    demand: ir.Table
    """The front door in the window: contacts and requests, classed value or failure."""
    window: Window
    repeat_days: int


@dataclass(frozen=True)
class MeasureInfo:
    """One measure of the catalogue, whole."""

    measure: Measure
    title: str
    unit: str
    """The unit the chart speaks in ("%" for shares, "£" for money, else a word)."""
    charted: Combine
    """How a period's point is made from its numerator and denominator."""
    combine: Combine
    """How the periods of a stretch add up into a before/after figure."""
    result_name: str
    """The measure's name in the before/after table."""
    card: Card
    series: Callable[[Inputs], ir.Table]
    """Per period: ``period_start``, ``numerator``, ``denominator`` (empty for counts)."""

    @classmethod
    def count(
        cls,
        measure: Measure,
        title: str,
        unit: str,
        result_name: str,
        card: Card,
        series: Callable[[Inputs], ir.Table],
    ) -> MeasureInfo:
        """A count: periods add up, into a chart's point and into a before/after figure."""
        return cls(measure, title, unit, Combine.SUM, Combine.SUM, result_name, card, series)

    @property
    def percent(self) -> bool:
        """Whether values are shares (0–1) charted as percentages."""
        return self.unit == "%"

    @property
    def result_unit(self) -> str:
        """The unit of the before/after figure: shares are compared in points."""
        return "share" if self.percent else self.unit
