"""Charts of journeys: one person's timeline, lane by team, and the handoff matrix.

Both are written with Altair and finished as a ``Drawing`` (their rows as
named datasets, the look every chart shares), drawn by the page or rendered
offline like every other chart.
"""

from __future__ import annotations

import textwrap
from typing import Any

import altair as alt
import pyarrow as pa

from whatmatters.journal.schema import Kind
from whatmatters.language import _, p_
from whatmatters.report.charts import INK, WIDTH, _config
from whatmatters.report.drawing import Datasets, Drawing, unchecked

# Okabe and Ito's palette (told apart with every common colour-vision deficiency),
# with a shape for each kind too, so fourteen kinds never rely on colour alone.
KIND_STYLES: dict[str, tuple[str, str]] = {
    Kind.CONTACT.value: ("#e69f00", "circle"),
    Kind.REQUEST.value: ("#d55e00", "square"),
    Kind.CONVERSATION.value: ("#009e73", "diamond"),
    Kind.ASSESSMENT.value: ("#0072b2", "square"),
    Kind.REFERRAL.value: ("#cc79a7", "triangle-right"),
    Kind.PLAN.value: ("#56b4e9", "diamond"),
    Kind.ACTION.value: ("#009e73", "triangle-up"),
    Kind.SERVICE.value: ("#0072b2", "circle"),
    Kind.REVIEW.value: ("#56b4e9", "triangle-up"),
    Kind.OUTCOME.value: ("#009e73", "circle"),
    Kind.HOSPITAL.value: ("#d55e00", "cross"),
    Kind.CLOSURE.value: ("#000000", "square"),
    Kind.DEATH.value: ("#000000", "cross"),
    Kind.OTHER.value: ("#000000", "circle"),
}
LANE_HEIGHT = 30
MAX_MATRIX_TEAMS = 15


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, WIDTH // 7)


def _rows(table: pa.Table) -> list[dict[str, Any]]:
    rows = []
    for r in table.to_pylist():
        rows.append({k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items()})
    return rows


@unchecked()
def timeline_chart(timeline: pa.Table, *, title: str, description: str) -> Drawing:
    """Every event of one person in time, one lane per team, coloured by kind.

    Events that last (an assessment, a hospital stay) are drawn as a bar
    from start to end; instants as a dot.
    """
    rows = [{**r, "kind": p_("kind", r["kind"])} for r in _rows(timeline)]
    lanes = list(dict.fromkeys(r["lane"] for r in rows))
    present = {r["kind"] for r in rows}
    styles_by_kind = {p_("kind", k): style for k, style in KIND_STYLES.items()}
    kinds = [k for k in styles_by_kind if k in present] + sorted(present - styles_by_kind.keys())
    styles = [styles_by_kind.get(k, ("#000000", "circle")) for k in kinds]
    # each month's label starts at its tick (the shared look) but the last ends at it,
    # so none runs out of the chart's right edge on a phone
    last_ends = alt.ExprRef("datum.index === 1 ? 'right' : 'left'")
    x = alt.X("start:T", title=None, axis=alt.Axis(labelAlign=last_ends))
    y = alt.Y("lane:N", title=None, sort=lanes, axis=alt.Axis(labelLimit=220))
    colour = alt.Color(
        "kind:N",
        title=_("What happened"),
        scale=alt.Scale(domain=kinds, range=[c for c, _mark in styles]),
    )
    shape = alt.Shape(
        "kind:N",
        title=_("What happened"),
        scale=alt.Scale(domain=kinds, range=[m for _colour, m in styles]),
    )
    tooltip = [
        alt.Tooltip("start:T", title=_("when"), format="%-d %b %Y"),
        alt.Tooltip("activity:N", title=_("what")),
        alt.Tooltip("lane:N", title=_("team")),
        alt.Tooltip("worker:N", title=_("worker")),
    ]
    data = Datasets()
    base = alt.Chart(data.named("events", rows)).encode(y=y, color=colour, tooltip=tooltip)
    spans = base.transform_filter("datum.end != null").mark_rule(strokeWidth=6, opacity=0.6)
    spans = spans.encode(x=x, x2=alt.X2("end:T"))
    dots = base.mark_point(filled=True, size=70, opacity=0.9).encode(x=x, shape=shape)
    chart = alt.layer(spans, dots).properties(
        title=alt.Title(title, subtitle=_wrap(description)),
        width=WIDTH,
        height=max(LANE_HEIGHT * len(lanes), 60),
        description=description,
    )
    return _config(chart, data)


@unchecked()
def handoff_matrix_chart(handoffs: pa.Table, *, title: str, description: str) -> Drawing:
    """Who passes work to whom: teams down the side, the next team across.

    The diagonal is a team followed by itself. Only the busiest teams are
    drawn (``MAX_MATRIX_TEAMS``); the table behind the chart has them all.
    """
    rows = handoffs.to_pylist()
    volume: dict[str, int] = {}
    for r in rows:
        for team in (r["source"], r["target"]):
            volume[team] = volume.get(team, 0) + r["count"]
    teams = sorted(volume, key=lambda t: (-volume[t], t))[:MAX_MATRIX_TEAMS]
    shown = [r for r in rows if r["source"] in teams and r["target"] in teams]
    data = Datasets()
    base = alt.Chart(data.named("handoffs", shown)).encode(
        x=alt.X("target:N", title=_("next team"), sort=teams, axis=alt.Axis(labelAngle=-90)),
        y=alt.Y("source:N", title=_("team"), sort=teams),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("count:Q", title=_("times"), scale=alt.Scale(scheme="blues")),
        tooltip=[
            alt.Tooltip("source:N", title=_("from")),
            alt.Tooltip("target:N", title=_("to")),
            alt.Tooltip("count:Q", title=_("times"), format=","),
        ],
    )
    half = max((r["count"] for r in shown), default=0) / 2
    labels = base.mark_text(fontSize=11).encode(
        text=alt.Text("count:Q", format=","),
        # white on the dark cells, ink on the light ones
        color=alt.condition(f"datum.count > {half}", alt.value("white"), alt.value(INK)),
    )
    # cells wide enough for a five-digit count
    size = 44 * max(len(teams), 2)
    chart = alt.layer(cells, labels).properties(
        title=alt.Title(title, subtitle=_wrap(description)),
        width=size,
        height=size,
        description=description,
    )
    return _config(chart, data)
