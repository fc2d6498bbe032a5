"""Bars for counts by category, and simple lines over time, in the report's one look."""

from __future__ import annotations

from typing import Any

import altair as alt

from whatmatters.language import p_
from whatmatters.report.charts import (
    BAR_BLUE,
    BAR_WIDTH,
    HEIGHT,
    INK,
    WIDTH,
    _config,
    _projection_layers,
    narrow,
    records,
)
from whatmatters.report.drawing import Datasets, Drawing, unchecked
from whatmatters.words import unit_word


@unchecked()
def bar_chart(
    data: Any,
    *,
    category: str,
    value: str,
    title: str,
    unit: str = "",
    horizontal: bool = True,
    sort_by_value: bool = True,
    description: str | None = None,
    width: int = BAR_WIDTH,
) -> Drawing:
    """Bars for counts by category (horizontal by default, largest first, value labelled)."""
    rows = records(data)
    order = "-x" if horizontal else "-y"
    sort = order if sort_by_value else None
    cat = alt.Y if horizontal else alt.X
    val = alt.X if horizontal else alt.Y
    cat_enc = cat(
        f"{category}:N", title=None, sort=sort, axis=alt.Axis(labelLimit=narrow(130, 260))
    )
    # room beyond the longest bar for its label, so the label stays inside the chart
    longest = max((row[value] or 0 for row in rows), default=0)
    room = alt.Scale(domain=[0, longest * 1.25]) if longest > 0 else alt.Undefined
    value_title = unit or p_("field", value)
    val_enc = val(f"{value}:Q", title=value_title, axis=alt.Axis(grid=True), scale=room)
    data = Datasets()
    base = alt.Chart(data.named("bars", rows)).encode(cat_enc, val_enc)
    bars = base.mark_bar(color=BAR_BLUE).encode(
        tooltip=[
            alt.Tooltip(f"{category}:N", title=p_("field", category)),
            alt.Tooltip(f"{value}:Q", title=value_title, format=","),
        ]
    )
    text_style = {"dx": 4, "align": "left"} if horizontal else {"dy": -4, "baseline": "bottom"}
    labels = base.mark_text(fontSize=11, color=INK, **text_style).encode(
        text=alt.Text(f"{value}:Q", format=",")
    )
    size = (
        {"width": width, "height": alt.Step(22)} if horizontal else {"width": width, "height": 260}
    )
    chart = alt.layer(bars, labels).properties(
        title=title, description=description or title, **size
    )
    return _config(chart, data)


@unchecked()
def line_chart(
    data: Any,
    *,
    x: str,
    y: str,
    title: str,
    unit: str = "",
    series: str | None = None,
    description: str | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
    projection: list[dict[str, Any]] | None = None,
) -> Drawing:
    """A simple line over time, one line per ``series`` if given.

    ``projection`` draws a projected baseline in its band under the line (as
    ``xmr_chart`` does; the rows' x field must be ``period``).
    """
    rows = records(data)
    x_type = "temporal"
    encoding: dict[str, Any] = {
        "x": alt.X(x, type=x_type, title=None),
        "y": alt.Y(f"{y}:Q", title=unit_word(unit) or p_("field", y)),
        "tooltip": [
            alt.Tooltip(x, type=x_type, title=p_("field", x)),
            alt.Tooltip(f"{y}:Q", title=unit_word(unit) or p_("field", y), format=",.1f"),
        ],
    }
    if series:
        encoding["color"] = alt.Color(f"{series}:N", title=None)
        encoding["tooltip"].append(alt.Tooltip(f"{series}:N", title=p_("field", series)))
    data = Datasets()
    line = (
        alt.Chart(data.named("line", rows))
        .mark_line(point=alt.OverlayMarkDef(size=30), strokeWidth=2)
        .encode(**encoding)
    )
    if not series:
        line = line.mark_line(color=BAR_BLUE, point=alt.OverlayMarkDef(size=30, color=BAR_BLUE))
    drawn: alt.Chart | alt.LayerChart = line
    if projection:
        drawn = alt.layer(*_projection_layers(data, projection, x_type), line)
    chart = drawn.properties(
        title=title, description=description or title, width=width, height=height
    )
    return _config(chart, data)
