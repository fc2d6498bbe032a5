"""The measures page's charts and results table, from a ``CheckResult``.

Everything is aggregate (no person or worker is named), so the same page
serves analysts, who see pseudonymised measures only. Every word the check's
report would say here (measure names, the charts, how each change is
counted) comes from the report's catalogue (``whatmatters.language``),
in the page's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from whatmatters.check.catalogue import MEASURES, Measure
from whatmatters.language import _


@dataclass(frozen=True)
class Chart:
    title: str
    svg: str
    sentence: str  # the engine's own reading of the chart, in the reader's language


@dataclass(frozen=True)
class ResultLine:
    name: str
    before: str
    after: str
    change: str
    method: str  # how the figure is made, in the reader's language


def cached_charts(key: str, result) -> list[Chart]:
    """``capability_charts`` kept with the check's result under ``key``, per language:
    drawing them takes longer than the check itself."""
    from django.utils import translation

    from whatmatters.casework.measures.check import cached

    language = translation.get_language()
    return cached(f"{key}:charts:{language}", lambda: capability_charts(result))


def capability_charts(result) -> list[Chart]:
    """An XmR chart for every measure with enough whole periods, with its reading."""
    from whatmatters.report.charts import chart_svg, xmr_chart
    from whatmatters.report.readings.capability import describe

    period = result.params.period.value
    charts = []
    for measure, xmr in result.capability.items():
        info = MEASURES[measure]
        with in_readers_language():
            sentence = describe(xmr, info.unit, period)
            title = _(info.title)
            drawing = xmr_chart(  # the page prints the sentence under the chart: no subtitle
                xmr,
                title=title,
                unit=info.unit,
                period_word=period,
                description=sentence,
                subtitle=False,
            )
            charts.append(Chart(title, chart_svg(drawing), sentence))
    return charts


def result_lines(result) -> list[ResultLine]:
    """The before-and-after table, as the check's report words it, in the reader's language."""
    from whatmatters.report.readings import results as readings

    with in_readers_language():
        return [
            ResultLine(
                readings.name(row, result.params.repeat_days),
                readings.before(row),
                readings.after(row),
                readings.change(row),
                readings.method(row),
            )
            for row in result["results"].to_pylist()
        ]


def compared(result) -> str:
    """The two stretches compared, in the reader's language."""
    from whatmatters.report.readings import results as readings

    with in_readers_language():
        return readings.compared(result.comparison)


def in_readers_language():
    """The report's readings (``whatmatters.language``) in the page's language."""
    from django.utils import translation

    from whatmatters.language import SOURCE, use

    return use(translation.get_language() or SOURCE)


@dataclass(frozen=True)
class Demand:
    """Contacts by value and failure, and resolved at the first point (the check's tables)."""

    contacts: int
    failure: int
    failure_share: float | None  # of contacts whose type is known
    resolved: int
    resolved_share: float | None


def demand(result) -> Demand:
    by_type = {r["demand"]: r for r in result["value_failure"].to_pylist()}
    first = (result["first_point"].to_pylist() or [{}])[0]
    failure = by_type.get("failure", {})
    return Demand(
        contacts=sum(r["count"] for r in by_type.values()),
        failure=failure.get("count", 0),
        failure_share=failure.get("share_of_classified"),
        resolved=first.get("resolved", 0),
        resolved_share=first.get("share_resolved"),
    )


@dataclass(frozen=True)
class Referrals:
    """Referral rows in the window, and those of a team to itself (the page's "Referrals")."""

    referrals: int
    to_own_team: int


def referrals(result) -> Referrals:
    rows = result["self_referrals"].to_pylist()
    return Referrals(
        referrals=sum(r["referrals"] for r in rows),
        to_own_team=sum(r["self_referrals"] for r in rows),
    )


@dataclass(frozen=True)
class WhatMatters:
    """People in the window, and outcomes recorded and achieved (the catalogue's counts)."""

    people: int
    outcomes_recorded: int
    outcomes_achieved: int


def what_matters(result) -> WhatMatters:
    from whatmatters.check.series import total

    def counted(measure: Measure) -> int:
        return round(total(result["series"], measure) or 0)

    return WhatMatters(
        people=result["people"].num_rows,
        outcomes_recorded=counted(Measure.OUTCOMES_RECORDED),
        outcomes_achieved=counted(Measure.OUTCOMES_ACHIEVED),
    )
