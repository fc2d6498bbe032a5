"""Capability charts for the measures page (XmR, drawn offline as SVG)."""

from __future__ import annotations

from dataclasses import dataclass

from whatmatters.casework.measures.capability import Series


@dataclass(frozen=True)
class Chart:
    title: str
    svg: str | None  # None: too few points for a chart yet
    sentence: str


def capability_chart(series: Series, *, title: str, unit: str, period_word: str) -> Chart:
    """An XmR chart of ``series`` with its one-sentence reading."""
    from whatmatters.check.capability import describe, xmr
    from whatmatters.report.charts import chart_svg, xmr_chart

    if len(series.values) < 2:
        return Chart(title, None, "")
    result = xmr(series.values, periods=series.periods)
    sentence = describe(result, unit, period_word)
    chart = xmr_chart(result, title=title, unit=unit, period_word=period_word)
    return Chart(title, chart_svg(chart), sentence)
