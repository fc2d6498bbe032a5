"""Charts for the check report: the XmR capability chart and the look every chart shares.

Charts are Vega-Lite specifications written with Altair and finished as a
``Drawing`` (``drawing.py``: their rows as named datasets in the specification,
so nothing is fetched when they are drawn): the page draws them
(``embed.py``), and ``chart_files.py`` renders them to SVG and PNG offline
(``chart_svg``, ``chart_png``, ``save_chart`` are named here too). Bars and
simple lines are in ``bars_and_lines.py``.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

import altair as alt
import polars as pl
import pyarrow as pa

from whatmatters.check.capability import Direction, PointType, XmrResult
from whatmatters.language import _, p_
from whatmatters.report.chart_files import chart_png, chart_svg, save_chart
from whatmatters.report.drawing import Datasets, Drawing, unchecked
from whatmatters.report.readings import colours
from whatmatters.report.readings.capability import describe
from whatmatters.words import months, short_months, unit_word

FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
INK = "#1f1f1f"
MUTED = "#595959"
LIMIT_GREY = "#7f7f7f"
BAR_BLUE = "#1f5f8b"
WIDTH, HEIGHT = 640, 260
BAR_WIDTH = 420
"""Bars need less room than time: narrow enough to read on a phone."""


def narrow(phone: Any, wide: Any) -> alt.ExprRef:
    """A value for a page narrower than 500 px (a phone), another for wider ones and images.

    ``containerSize()`` is the width of the page's element the chart is drawn
    in; a chart rendered to a file has none (0), and takes the wide value.
    """
    return alt.ExprRef(f"containerSize()[0] > 0 && containerSize()[0] < 500 ? {phone} : {wide}")


LEGEND_COLUMNS = narrow(1, 2)
"""A legend under the chart: one entry a line on a phone, so it stays inside the chart."""


def time_locale() -> dict[str, Any]:
    """Vega's time-format locale for the report's language: its axes name the months in it."""
    days = (_("Sunday"), _("Monday"), _("Tuesday"), _("Wednesday"))
    days += (_("Thursday"), _("Friday"), _("Saturday"))
    return {
        "dateTime": "%A, %e %B %Y %X",
        "date": "%d/%m/%Y",
        "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": list(days),
        "shortDays": [
            p_("short day name", "Sun"),
            p_("short day name", "Mon"),
            p_("short day name", "Tue"),
            p_("short day name", "Wed"),
            p_("short day name", "Thu"),
            p_("short day name", "Fri"),
            p_("short day name", "Sat"),
        ],
        "months": list(months()),
        "shortMonths": list(short_months()),
    }


CONFIG: dict[str, Any] = {
    # one plain look for every chart: no box, light grid, readable type
    "font": FONT,
    "background": "white",
    # Altair's default sizes kept (its theme wrote them), so the drawings are unchanged
    "view": {"continuousWidth": 300, "continuousHeight": 300, "stroke": None},
    "axis": {
        "labelColor": MUTED,
        "titleColor": INK,
        "labelFontSize": 12,
        "titleFontSize": 12,
        "titleFontWeight": "normal",
        "gridColor": "#e6e6e6",
        "domainColor": "#bfbfbf",
        "tickColor": "#bfbfbf",
    },
    # fewer ticks, thousands separators, and labels that give way rather than overlap
    "axisQuantitative": {"tickCount": 5, "format": ",~r", "labelOverlap": True},
    # a month's label starts at its tick, so none reaches left into the value axis
    "axisTemporal": {
        "tickCount": 6,
        "labelOverlap": True,
        "labelSeparation": 8,
        "labelFlush": True,
        "labelAlign": "left",
    },
    "axisBand": {"labelLimit": 180, "labelOverlap": True},
    "title": {"fontSize": 15, "color": INK, "anchor": "start", "subtitleColor": MUTED},
    "legend": {
        "labelFontSize": 12,
        "titleFontSize": 12,
        "labelColor": INK,
        "orient": "bottom",
        "columns": LEGEND_COLUMNS.to_dict(),
    },
}


def _config(chart: alt.TopLevelMixin, datasets: Datasets) -> Drawing:
    """The finished chart: its rows, the one look every chart shares (``CONFIG``) and the
    report's language (its time locale)."""
    return Drawing(chart, datasets, {**CONFIG, "locale": {"time": time_locale()}})


# ---------------------------------------------------------------------------
# Data for inline specs


def _plain(value: Any) -> Any:
    """A JSON-ready value: dates as ISO text, decimals as floats, NaN as null."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def records(data: Any) -> list[dict[str, Any]]:
    """Rows of a polars, Arrow or pandas table (or a list of dicts) as plain dicts."""
    if isinstance(data, pl.DataFrame):
        rows = data.to_dicts()
    elif isinstance(data, pa.Table):
        rows = data.to_pylist()
    elif hasattr(data, "to_dict") and hasattr(data, "columns"):
        rows = data.to_dict("records")
    else:
        rows = [dict(row) for row in data]
    return [{key: _plain(value) for key, value in row.items()} for row in rows]


# ---------------------------------------------------------------------------
# XmR capability chart


@unchecked()
def xmr_chart(
    result: XmrResult,
    *,
    title: str,
    unit: str,
    period_word: str = "week",
    description: str | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
    subtitle: bool = True,
    projection: list[dict[str, Any]] | None = None,
) -> Drawing:
    """An XmR chart: points coloured by what they show, mean, limits, 2σ lines.

    ``projection`` (rows of ``period``, ``predicted``, ``lower``, ``upper``)
    draws a baseline carried forward past a change: a dotted line in a light
    band (its 95% prediction interval), as the cost chart shows it.

    The mean is a solid line, the process limits long dashes, the 2σ lines
    short light dashes; each segment (limits recalculated at a change) has
    its own lines, with a dashed vertical rule where a change starts. The
    latest limits are labelled at the right. ``description`` (default: the
    chart's sentence from ``describe``) becomes the SVG's accessible label,
    and its subtitle unless ``subtitle`` is False (a page that prints the
    sentence beside the chart).
    """
    table = result.table
    # one dataset of points: the grey line joins them, the coloured marks draw them
    rows = [
        {**row, "rule": _rule(row.get("rule")), "shows": colours.label(row["point_type"])}
        for row in records(table)
    ]
    temporal = result.is_periods_temporal
    x_type = "temporal" if temporal else "quantitative"
    x_title = "" if temporal else p_("period", period_word).capitalize()
    x = alt.X(
        "period",
        type=x_type,
        title=x_title,
        # every label names its year, so none is lost when crowded labels are dropped
        axis=alt.Axis(grid=False, format="%b %Y", labelOverlap=True, labelSeparation=8)
        if temporal
        else alt.Axis(grid=False),
    )
    y = alt.Y(
        "value:Q",
        title=unit_word(unit) or None,
        axis=alt.Axis(grid=False),
        scale=_value_scale(unit),
    )
    text = description if description is not None else describe(result, unit, period_word)

    lines = _limit_rows(result)
    data = Datasets()
    layers: list[alt.Chart] = []
    if lines:
        layers.extend(_limit_lines(data, lines, x_type))
        layers.append(_limit_labels(data, result, lines, x_type))
    layers.extend(_change_rules(data, result, x_type))
    if projection:
        layers.extend(_projection_layers(data, projection, x_type))
    points = data.named("points", rows)
    layers.append(
        alt.Chart(points)
        .mark_line(color="#c8c8c8", strokeWidth=1.5)
        .encode(x=x, y=y, detail=alt.Detail("segment:N"))
    )
    layers.append(_points(points, x, y, result, unit))
    chart = alt.layer(*layers).properties(
        title=alt.Title(title, subtitle=_wrap(text, width // 7)) if subtitle else title,
        width=width,
        height=height,
        description=text,
    )
    return _config(chart, data)


def _rule(rule: str | None) -> str | None:
    """The special-cause rule that flagged a point, in the report's language."""
    return p_("rule", rule) if rule else rule


def _value_scale(unit: str) -> alt.Scale:
    """Shares stay within 0–100%: a limit beyond is drawn at the edge (its label says its value)."""
    if unit == "%":
        return alt.Scale(domain=[0, 100], clamp=True)
    return alt.Scale(zero=False)


def _projection_layers(
    datasets: Datasets, rows: list[dict[str, Any]], x_type: str
) -> list[alt.Chart]:
    """The projected baseline and its 95% band (drawn under the points)."""
    data = datasets.named("projection", [{k: _plain(v) for k, v in r.items()} for r in rows])
    x = alt.X("period", type=x_type)
    band = (
        alt.Chart(data)
        .mark_area(color=PROJECTION_COLOUR, opacity=0.18)
        .encode(x=x, y=alt.Y("lower:Q"), y2=alt.Y2("upper"))
    )
    line = (
        alt.Chart(data)
        .mark_line(color=PROJECTION_COLOUR, strokeDash=[2, 3], strokeWidth=1.5)
        .encode(x=x, y=alt.Y("predicted:Q"))
    )
    return [band, line]


PROJECTION_COLOUR = "#490092"  # Making Data Count's neutral purple


def _wrap(text: str, width: int) -> list[str]:
    """Subtitle lines of at most ``width`` characters, split at spaces."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


_LINE_STYLES = {
    # kind: (legend order, dash, colour, width)
    "mean": (0, [], INK, 1.6),
    "process limit": (1, [8, 4], LIMIT_GREY, 1.5),
    "2σ line": (2, [3, 3], "#b3b3b3", 1.0),
}


def _limit_rows(result: XmrResult) -> list[dict[str, Any]]:
    """One row per segment and line: its value from the segment's first to last period."""
    periods = result.table["period"].to_list()
    rows = []
    for number, segment in enumerate(result.segments):
        if not segment.has_limits:
            continue
        start, end = _plain(periods[segment.start]), _plain(periods[segment.stop - 1])
        values = {
            "mean": [segment.mean],
            "process limit": [segment.lower_limit, segment.upper_limit],
            "2σ line": [segment.lower_2sigma, segment.upper_2sigma],
        }
        for kind, ys in values.items():
            for position, y in enumerate(ys):
                rows.append(
                    {
                        "segment": number,
                        "line": kind,
                        "said": _(kind),
                        "part": f"{kind} {position}",
                        "start": start,
                        "end": end,
                        "y": y,
                    }
                )
    return rows


def _limit_lines(datasets: Datasets, rows: list[dict[str, Any]], x_type: str) -> list[alt.Chart]:
    """One rule layer per kind of line, each with its own fixed style."""
    layers = []
    for kind, (_order, dash, colour, width) in _LINE_STYLES.items():
        kept = [row for row in rows if row["line"] == kind]
        layers.append(
            alt.Chart(datasets.named(kind, kept))
            .mark_rule(color=colour, strokeDash=dash or [1, 0], strokeWidth=width)
            .encode(
                x=alt.X("start", type=x_type),
                x2=alt.X2("end"),
                y=alt.Y("y:Q"),
                tooltip=[
                    alt.Tooltip("said:N", title=_("line")),
                    alt.Tooltip("y:Q", title=_("value"), format=",.1f"),
                ],
            )
        )
    return layers


def _limit_labels(
    datasets: Datasets, result: XmrResult, rows: list[dict[str, Any]], x_type: str
) -> alt.Chart:
    """Labels at the right end of the latest segment's mean and limits."""
    latest = len(result.segments) - 1
    names = {
        "mean 0": _("mean"),
        "process limit 0": _("lower limit"),
        "process limit 1": _("upper limit"),
    }
    # lines at one height (a segment that never varies: its limits are its mean) share a label
    at: dict[float, list[dict[str, Any]]] = {}
    for row in rows:
        if row["segment"] == latest and row["part"] in names and row["y"] is not None:
            at.setdefault(row["y"], []).append(row)
    labels = [
        {**same[0], "label": f"{', '.join(names[r['part']] for r in same)} {_short(y)}"}
        for y, same in at.items()
    ]
    return (
        alt.Chart(datasets.named("limit labels", labels))
        .mark_text(align="left", dx=6, fontSize=11, color=MUTED)
        .encode(x=alt.X("end", type=x_type), y=alt.Y("y:Q"), text=alt.Text("label:N"))
    )


def _short(value: float) -> str:
    size = abs(value)
    if size >= 100:
        return f"{value:,.0f}"
    if size >= 10:
        return f"{value:.1f}".removesuffix(".0")
    return f"{value:.2g}"


def _change_rules(datasets: Datasets, result: XmrResult, x_type: str) -> list[alt.Chart]:
    """A dashed vertical rule and a word where each new segment starts."""
    periods = result.table["period"].to_list()
    starts = [{"at": _plain(periods[s.start]), "label": _("change")} for s in result.segments[1:]]
    if not starts:
        return []
    base = alt.Chart(datasets.named("changes", starts)).encode(x=alt.X("at", type=x_type))
    rule = base.mark_rule(color=INK, strokeDash=[2, 4], strokeWidth=1)
    word = base.mark_text(align="left", baseline="top", dx=4, y=2, fontSize=11, color=MUTED).encode(
        text=alt.Text("label:N")
    )
    return [rule, word]


def _legend_types(result: XmrResult) -> list[PointType]:
    if result.params.improvement == Direction.NEUTRAL:
        return [PointType.NEUTRAL, PointType.COMMON_CAUSE]
    return [PointType.IMPROVEMENT, PointType.CONCERN, PointType.COMMON_CAUSE]


def _points(points: alt.Data, x: alt.X, y: alt.Y, result: XmrResult, unit: str) -> alt.Chart:
    """The points, coloured by what each shows (``shows``), a special cause larger."""
    shown = _legend_types(result)
    return (
        alt.Chart(points)
        .mark_point(filled=True, opacity=1, stroke="white", strokeWidth=0.8)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "shows:N",
                title=None,
                scale=alt.Scale(
                    domain=[colours.label(t) for t in shown],
                    range=[colours.colour(t) for t in shown],
                ),
            ),
            size=alt.condition(
                alt.datum.point_type == PointType.COMMON_CAUSE.value, alt.value(45), alt.value(90)
            ),
            tooltip=[
                alt.Tooltip("period", type=x["type"], title=_("period")),
                alt.Tooltip("value:Q", title=unit_word(unit) or _("value"), format=",.1f"),
                alt.Tooltip("shows:N", title=_("shows")),
                alt.Tooltip("rule:N", title=_("rule")),
            ],
        )
    )


__all__ = ["chart_png", "chart_svg", "save_chart", "xmr_chart"]
