"""Charts for the what-if page: scenarios side by side, and the tornado of sensitivity.

Altair (Vega-Lite) with the data inline, rendered to SVG offline by
vl-convert: nothing is fetched when the page is opened.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import altair as alt
import vl_convert

from whatmatters.whatif.summary import Band

FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
# Colour-blind-safe (Okabe–Ito), dark enough on white.
COLOURS = ["#555555", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
_OFFLINE: dict[str, Any] = {"allowed_base_urls": [], "format_locale": "en-GB"}


def _look(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return (
        chart.configure(font=FONT, background="white")
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=12, titleFontSize=12, gridColor="#e6e6e6")
        .configure_title(fontSize=15, anchor="start")
        .configure_legend(labelFontSize=12, titleFontSize=12, orient="bottom", labelLimit=400)
    )


def svg(chart: alt.TopLevelMixin, description: str) -> str:
    """The chart as SVG text, with a ``<title>`` screen readers announce."""
    spec = chart.to_dict()
    title = spec.get("title")
    text = title.get("text") if isinstance(title, dict) else title
    drawn = vl_convert.vegalite_to_svg(spec, **_OFFLINE)
    end = drawn.index(">", drawn.index("<svg")) + 1
    label = f"<title>{html.escape(str(text or ''))}</title><desc>{html.escape(description)}</desc>"
    return drawn[:end] + label + drawn[end:]


def scenario_chart(
    bands: Sequence[Band], names: Sequence[str], *, title: str, unit: str, scale: float = 1.0
) -> alt.LayerChart:
    """A measure over time in every scenario: the runs' mean as a line, their range as a band."""
    rows = [
        {
            "period": b.period.isoformat(),
            "scenario": names[b.scenario],
            "mean": b.mean * scale,
            "low": b.low * scale,
            "high": b.high * scale,
        }
        for b in bands
    ]
    colour = alt.Color(
        "scenario:N",
        title="Scenario",
        scale=alt.Scale(domain=list(names), range=COLOURS[: len(names)]),
        sort=list(names),
    )
    x = alt.X("period:T", title="", axis=alt.Axis(format="%b %Y", grid=False, labelOverlap=True))
    base = alt.Chart(alt.Data(values=rows)).encode(x=x, color=colour)
    band = base.mark_area(opacity=0.18).encode(y=alt.Y("low:Q", title=unit), y2="high:Q")
    line = base.mark_line(strokeWidth=2).encode(
        y=alt.Y("mean:Q", title=unit, scale=alt.Scale(zero=False))
    )
    return _look(
        alt.layer(band, line).properties(
            title=alt.Title(title, subtitle="Line: mean of the runs; band: lowest to highest run"),
            width=640,
            height=240,
        )
    )


def tornado_chart(rows: Sequence[dict[str, Any]], *, title: str, unit: str) -> alt.LayerChart:
    """Which parameters move a figure most: a bar from its value at the low end of the
    range to its value at the high end, largest swing on top.

    ``rows``: ``parameter``, ``low_value``, ``high_value`` (the figure with the
    parameter at each end of its plausible range, the rest as in the model).
    """
    data = [
        r | {"swing": abs(r["high_value"] - r["low_value"]), "ends": f"{r['range']}"} for r in rows
    ]
    order = [r["parameter"] for r in sorted(data, key=lambda r: -r["swing"])]
    y = alt.Y("parameter:N", sort=order, title="", axis=alt.Axis(labelLimit=320))
    base = alt.Chart(alt.Data(values=data)).encode(y=y)
    bars = base.mark_bar(color="#0072B2", height=14).encode(
        x=alt.X("low_value:Q", title=unit, scale=alt.Scale(zero=False)),
        x2="high_value:Q",
        tooltip=["parameter:N", "ends:N", "low_value:Q", "high_value:Q"],
    )
    low_tick = base.mark_tick(color="#1f1f1f", thickness=2, size=16).encode(x="low_value:Q")
    return _look(
        alt.layer(bars, low_tick).properties(
            title=alt.Title(
                title,
                subtitle="Each bar: the figure with one value at the low end of its range "
                "(black tick) and at the high end; everything else as in the model",
            ),
            width=520,
            height=max(60, 24 * len(data)),
        )
    )
