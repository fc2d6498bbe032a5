"""The report's content: sections of figures, each with one plain sentence.

A figure is a chart (or a process map, or a short table) with the sentence
that says what it shows, and the names of the check's tables behind it
(written beside the report as CSV and Parquet). The order follows the
Vanguard check: journeys, demand, flow, capability, then results.
"""

from __future__ import annotations

from whatmatters.check.run import CheckResult
from whatmatters.report.figure import Figure, ResultLine, Section
from whatmatters.report.sections import (
    asked,
    capability,
    conditions,
    demand,
    flow,
    journeys,
    menu,
    story,
)

__all__ = ["Figure", "ResultLine", "Section", "sections"]


def sections(result: CheckResult, *, map_threshold: float | None = None) -> list[Section]:
    """Every section of the report, in reading order."""
    told = story.story(result)
    return [
        journeys.journeys(result),
        *([told] if told else []),
        demand.demand(result),
        asked.asked(result),
        flow.flow(result, map_threshold),
        conditions.conditions(result),
        menu.menu(result),
        capability.capability(result),
        capability.results(result),
    ]
