"""Two process maps side by side: before and after a change, same layout, same scale.

Both maps show the steps and paths the whole window's map shows, each with
its own side's numbers (a path one side never took is drawn thin, labelled
0 or "not taken"), laid out once so every box sits in the same place, and
with line thickness measured against the heavier of the two. They are two
drawings side by side in one SVG, never merged into one.
"""

from __future__ import annotations

import dataclasses

from whatmatters.language import _, p_
from whatmatters.report.process_map import (
    END,
    START,
    View,
    _boxes,
    _edge_label,
    _label_size,
    _svg,
    map_scale,
)
from whatmatters.report.process_map_graph import MapActivity, MapPath, ProcessGraph
from whatmatters.report.process_map_layout import LayoutEdge, Size, layered_layout
from whatmatters.report.side_names import SIDES
from whatmatters.report.svg_ids import drawn_height, drawn_width, namespace_ids

GAP = 24.0
"""Space between the two maps."""


def on_shown(side: ProcessGraph, shown: ProcessGraph) -> ProcessGraph:
    """``side``'s numbers on the activities and paths ``shown`` draws (0 where it has none)."""
    counts = {a.name: a.count for a in side.activities}
    paths = {(p.source, p.target): p for p in side.paths}
    return dataclasses.replace(
        side,
        activities=tuple(MapActivity(a.name, counts.get(a.name, 0)) for a in shown.activities),
        paths=tuple(
            paths.get((p.source, p.target), MapPath(p.source, p.target, 0, None, None))
            for p in shown.paths
        ),
        threshold=shown.threshold,
        selection=shown.selection,
    )


def draw_pair(
    before: ProcessGraph, after: ProcessGraph, *, view: View, names: tuple[str, str]
) -> str:
    """``before`` and ``after`` (the same activities and paths: ``on_shown``) drawn side by
    side in one SVG, each headed by its name."""
    sides = (before, after)
    boxes = [_boxes(graph, view) for graph in sides]
    sizes = {name: _larger(*(b[name].size for b in boxes)) for name in boxes[0]}
    room = {name: max(b[name].loop_room for b in boxes) for name in boxes[0]}
    labels = [
        {(p.source, p.target): _edge_label(p, view) for p in g.paths if p.source != p.target}
        for g in sides
    ]
    counts = {
        key: sum(p.count for g in sides for p in g.paths if (p.source, p.target) == key)
        for key in labels[0]
    }
    layout = layered_layout(
        sizes,
        [
            LayoutEdge(s, t, _larger(*(_label_size(lab[(s, t)]) for lab in labels)), counts[(s, t)])
            for s, t in labels[0]
        ],
        first=START if START in sizes else None,
        last=END if END in sizes else None,
        side_room=room,
    )
    scales = [map_scale(g, view) for g in sides]
    scale = (max(s[0] for s in scales), max(s[1] for s in scales))
    drawn = [
        namespace_ids(
            _svg(
                g,
                {n: dataclasses.replace(box, size=sizes[n]) for n, box in b.items()},
                layout,
                lab,
                view,
                name,
                scale,
                beside=True,
            ),
            side,
        )
        for g, b, lab, name, side in zip(sides, boxes, labels, names, SIDES, strict=True)
    ]
    return _side_by_side(drawn, names, view)


def _larger(a: Size, b: Size) -> Size:
    return Size(max(a.width, b.width), max(a.height, b.height))


def _side_by_side(drawn: list[str], names: tuple[str, str], view: View) -> str:
    """One SVG holding the two maps' SVGs next to each other."""
    widths = [drawn_width(svg) or 0.0 for svg in drawn]
    heights = [drawn_height(svg) or 0.0 for svg in drawn]
    width, height = widths[0] + GAP + widths[1], max(heights)
    placed = [
        svg.replace("<svg ", f'<svg x="{x:.0f}" y="0" ', 1)
        for svg, x in zip(drawn, (0.0, widths[0] + GAP), strict=True)
    ]
    title = _("Process map ({view}): {before} and {after}, side by side").format(
        view=p_("map view", view.value), before=names[0], after=names[1]
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" class="process-map pair" '
        f'data-view="{view.value}"><title>{title}</title>' + "".join(placed) + "</svg>"
    )
