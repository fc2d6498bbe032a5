"""The report's capability and results sections: charts, and before and after."""

from __future__ import annotations

from typing import Any

from whatmatters import words
from whatmatters.check.catalogue import MEASURES, Measure
from whatmatters.check.results import charted_measure
from whatmatters.check.run import CheckResult
from whatmatters.check.series import recorded_measures
from whatmatters.report.charts import xmr_chart
from whatmatters.report.figure import Figure, ResultLine, Section
from whatmatters.report.readings import results as readings
from whatmatters.report.readings.capability import describe

# Capability and results


def capability_key(measure: Measure) -> str:
    return f"capability_{measure.value}"


def _warm_up_words(result: CheckResult, measure: Measure, first: Any) -> str:
    """Why a look-back measure's chart starts later than the others, or nothing."""
    if not result.periods or first <= result.periods[0].start:
        return ""
    params = result.params
    why = {
        Measure.REPEAT_SHARE: (
            f"until then the {params.repeat_days}-day look-back reaches back before the "
            "records begin"
        ),
        Measure.END_TO_END: (
            f"in the first {params.episodes.gap_days} days an episode may have begun before "
            "the records, and only short ones can have ended"
        ),
    }.get(measure)
    return f" It starts in {first:%B %Y}: {why}." if why else ""


def capability(result: CheckResult) -> Section:
    period = result.params.period.value
    figures = []
    nothing = []
    held = recorded_measures(result["series"])
    for measure, chart in result.capability.items():
        info = MEASURES[measure]
        if measure not in held:
            nothing.append(info.title.lower())
            continue
        sentence = describe(chart, info.unit, period)
        figures.append(
            Figure(
                capability_key(measure),
                info.title,
                sentence,
                note=f"How it is counted: {info.card.definition} {info.card.unknowns}"
                + _warm_up_words(result, measure, chart.table["period"][0]),
                chart=xmr_chart(
                    chart,
                    title=info.title,
                    unit=info.unit,
                    period_word=period,
                    description=sentence,
                ),
                tables=("series", "capability"),
            )
        )
    intro = (
        f"Each chart plots one {period} at a time. The lines show what the system predictably "
        "does: points between the limits are the system's usual variation; coloured points are "
        "signs of change. The light 2σ lines, two thirds of the way to the limits, mark where "
        "two points out of three close to a limit count as a sign. No targets."
    )
    if result.params.change_date:
        intro += f" Limits are recalculated from {words.date(result.params.change_date)}."
    if nothing:
        intro += f" Not charted, as the records hold none: {', '.join(nothing)}."
    if not figures and not nothing:
        intro += " There are too few whole periods in the window to chart."
    return Section("capability", "Capability: what the system predictably does", intro, figures)


def results(result: CheckResult) -> Section:
    lines = []
    nothing = []
    held = recorded_measures(result["series"])
    for r in result["results"].to_pylist():
        charted = charted_measure(r)
        if charted is not None and charted not in held:
            nothing.append(r["name"].lower())
            continue
        key = capability_key(charted) if charted in result.capability else None
        lines.append(
            ResultLine(
                r["name"],
                readings.before(r),
                readings.after(r),
                readings.change(r),
                r["method"],
                key,
            )
        )
    if result.params.change_date:
        intro = (
            f"Before and after the change on {words.date(result.params.change_date)}: "
            f"{result.comparison.words}."
        )
    else:
        intro = (
            "No change date was given, so this compares the first half of the window with "
            f"the second ({result.comparison.words}): it is not the before and after of any "
            "change, and counts that build up from where the records begin (people in care, "
            "cost) rise for that reason alone. Give the date the way of working changed "
            "(--change-date) to compare either side of it."
        )
    intro += (
        " Read each change with its capability chart: a difference between two stretches "
        "can be ordinary variation."
    )
    if nothing:
        intro += f" Not compared, as the records hold none: {', '.join(nothing)}."
    return Section("results", "Results: before and after", intro, [], results=lines)
