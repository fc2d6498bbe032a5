"""Charts of before and after a change, with filters a reader can set.

Bars of each side next to each other (before grey, after blue, with a legend),
and the handoff matrix with a choice of side and of team. The filters are
Vega-Lite parameters bound to a select box: drawn by the page's bundled
scripts (no network), labelled, and usable from the keyboard.
"""

from __future__ import annotations

import json
from typing import Any

import altair as alt

from whatmatters.check.sides import WHOLE
from whatmatters.language import _, p_
from whatmatters.report.charts import BAR_BLUE, BAR_WIDTH, INK, _config, narrow, records
from whatmatters.report.drawing import Datasets, Drawing
from whatmatters.report.journey_charts import MAX_MATRIX_TEAMS
from whatmatters.report.side_names import SIDES, side_names

SIDE_COLOURS = ("#8c8c8c", BAR_BLUE)
BOTH = "both"
ALL_TEAMS = "all teams"


def _side_filter(default: str, options: tuple[str, ...], labels: tuple[str, ...]) -> alt.Parameter:
    return alt.param(
        name="side",
        value=default,
        bind=alt.binding_select(
            options=list(options), labels=list(labels), name=_("Side of the change") + " "
        ),
    )


def _named_sides(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with each side's name beside its code (the filters test the codes)."""
    names = side_names()
    return [{**r, "side_name": names.get(r["period"], r["period"])} for r in rows]


def _legend_names() -> str:
    """A legend label expression that shows each side's name in place of its code."""
    pairs = ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in side_names().items())
    return f"({{{pairs}}})[datum.label] || datum.label"


def paired_bars(
    data: Any, *, category: str, value: str, title: str, unit: str = "", description: str
) -> Drawing:
    """Bars of ``value`` by ``category``, before and after side by side; ``data`` rows carry
    a ``period`` (before or after). A select shows both sides or one."""
    rows = _named_sides(records(data))
    order = sorted(
        {r[category] for r in rows}, key=lambda c: -sum(r[value] for r in rows if r[category] == c)
    )
    side = _side_filter(BOTH, (BOTH, *SIDES), (_("both sides"), _("before only"), _("after only")))
    longest = max((r[value] or 0 for r in rows), default=0)
    data = Datasets()
    base = alt.Chart(data.named("bars", rows)).encode(
        y=alt.Y(
            f"{category}:N", title=None, sort=order, axis=alt.Axis(labelLimit=narrow(130, 260))
        ),
        yOffset=alt.YOffset("period:N", sort=list(SIDES)),
        x=alt.X(
            f"{value}:Q",
            title=unit or p_("field", value),
            scale=alt.Scale(domain=[0, longest * 1.3]) if longest else alt.Undefined,
        ),
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "period:N",
            title=_("side of the change"),
            scale=alt.Scale(domain=list(SIDES), range=list(SIDE_COLOURS)),
            legend=alt.Legend(labelExpr=_legend_names()),
        ),
        tooltip=[
            alt.Tooltip(f"{category}:N", title=p_("field", category)),
            alt.Tooltip("side_name:N", title=_("side")),
            alt.Tooltip(f"{value}:Q", title=unit or p_("field", value), format=","),
        ],
    )
    labels = base.mark_text(fontSize=10, color=INK, dx=3, align="left").encode(
        text=alt.Text(f"{value}:Q", format=",")
    )
    chart = (
        alt.layer(bars, labels)
        .add_params(side)
        .transform_filter(f"side == '{BOTH}' || datum.period == side")
        .properties(
            title=title,
            description=description,
            width=BAR_WIDTH,
            height=alt.Step(13),
        )
    )
    return _config(chart, data)


def handoff_matrix_by_side(
    whole: list[dict[str, Any]], by_period: list[dict[str, Any]], *, title: str, description: str
) -> Drawing:
    """Who passes work to whom, for the whole window or one side, and for every team or one.

    ``whole`` are the ``team_handoffs`` rows, ``by_period`` the
    ``team_handoffs_by_period`` rows. Choosing a team keeps the cells of work
    it passed on or was passed.
    """
    rows = [{**r, "period": WHOLE} for r in whole] + by_period
    volume: dict[str, int] = {}
    for r in whole:
        for team in (r["source"], r["target"]):
            volume[team] = volume.get(team, 0) + r["count"]
    teams = sorted(volume, key=lambda t: (-volume[t], t))[:MAX_MATRIX_TEAMS]
    shown = _named_sides(
        [
            {k: r[k] for k in ("period", "source", "target", "count")}
            for r in rows
            if r["source"] in teams and r["target"] in teams
        ]
    )
    names = side_names()
    side = _side_filter(WHOLE, (WHOLE, *SIDES), tuple(names[s] for s in (WHOLE, *SIDES)))
    team = alt.param(
        name="team",
        value=ALL_TEAMS,
        bind=alt.binding_select(
            options=[ALL_TEAMS, *teams], labels=[_("all teams"), *teams], name=_("Team") + " "
        ),
    )
    data = Datasets()
    base = alt.Chart(data.named("cells", shown)).encode(
        x=alt.X("target:N", title=_("next team"), sort=teams, axis=alt.Axis(labelAngle=-90)),
        y=alt.Y("source:N", title=_("team"), sort=teams),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("count:Q", title=_("times"), scale=alt.Scale(scheme="blues")),
        tooltip=[
            alt.Tooltip("side_name:N", title=_("side")),
            alt.Tooltip("source:N", title=_("from")),
            alt.Tooltip("target:N", title=_("to")),
            alt.Tooltip("count:Q", title=_("times"), format=","),
        ],
    )
    labels = base.mark_text(fontSize=11).encode(
        text=alt.Text("count:Q", format=","),
        color=alt.condition("datum.count > datum.heaviest / 2", alt.value("white"), alt.value(INK)),
    )
    size = 44 * max(len(teams), 2)
    chart = (
        alt.layer(cells, labels)
        .add_params(side, team)
        .transform_filter("datum.period == side")
        .transform_joinaggregate(heaviest="max(count)")
        .transform_filter(f"team == '{ALL_TEAMS}' || datum.source == team || datum.target == team")
        .properties(title=title, width=size, height=size, description=description)
    )
    return _config(chart, data)
