"""Process maps: the directly-follows graph drawn as standalone SVG.

Two views, as process-mining tools show them: **frequency** (each path
labelled with how many times one step directly followed another) and
**time** (each path labelled with the mean and median waiting time between
the two steps). Line thickness follows the view's measure.

``threshold`` simplifies a busy map first (see ``process_map_graph.simplify``);
``threshold=None`` draws the readable map (``process_map_graph.readable``).
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from whatmatters.language import _, p_
from whatmatters.report.process_map_graph import (
    END,
    PSEUDO,
    START,
    MapPath,
    ProcessGraph,
    Selection,
    read_graph,
    readable,
    simplify,
)
from whatmatters.report.process_map_layout import (
    Layout,
    LayoutEdge,
    Route,
    Size,
    layered_layout,
)
from whatmatters.report.process_map_text import _count, _wrap, human_duration, text_width
from whatmatters.words import percent

FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
NODE_FONT, LABEL_FONT, CAPTION_FONT = 13.0, 11.5, 13.0
CAPTION_SLACK = 1.2
"""The caption is measured in Helvetica's widths; a browser without Liberation Sans or
Arial draws it in a wider font, and a map's caption must not run into its neighbour's."""
LINE_HEIGHT = 1.25
NODE_PADDING = 10.0
NODE_MAX_TEXT = 170.0
INK, MUTED = "#1f1f1f", "#595959"


class View(StrEnum):
    """What the map's paths show."""

    FREQUENCY = "frequency"
    TIME = "time"


# ---------------------------------------------------------------------------
# Rendering


@dataclass(frozen=True)
class _Box:
    """An activity's box: its text lines and size."""

    name: str
    lines: tuple[str, ...]
    count_line: str
    size: Size
    pseudo: bool
    loop: MapPath | None
    loop_label: tuple[str, ...]

    @property
    def loop_room(self) -> float:
        """Space kept free on each side for a self-loop and its label."""
        return _label_size(self.loop_label).width + 30 if self.loop else 0.0


def map_graph(activities: Any, edges: Any, threshold: float | None) -> ProcessGraph:
    """What a map shows: everything simplified by ``threshold``, or the readable map (None)."""
    graph = read_graph(activities, edges)
    return readable(graph) if threshold is None else simplify(graph, threshold)


def draw_process_map(
    graph: ProcessGraph, *, view: View | str = View.FREQUENCY, title: str | None = None
) -> str:
    """``graph`` (from ``map_graph``) drawn as standalone SVG text."""
    view = View(view)
    boxes = _boxes(graph, view)
    if not boxes:
        return _empty_svg(title)
    moves = [p for p in graph.paths if p.source != p.target]
    labels = {(p.source, p.target): _edge_label(p, view) for p in moves}
    layout = layered_layout(
        {name: box.size for name, box in boxes.items()},
        [
            LayoutEdge(p.source, p.target, _label_size(labels[(p.source, p.target)]), p.count)
            for p in moves
        ],
        first=START if START in boxes else None,
        last=END if END in boxes else None,
        side_room={name: box.loop_room for name, box in boxes.items()},
    )
    return _svg(graph, boxes, layout, labels, view, title)


def _edge_label(path: MapPath, view: View) -> tuple[str, ...]:
    if view == View.FREQUENCY or path.pseudo:
        return (_count(path.count),)
    if path.count == 0:  # drawn for the other side of a change (``process_map_pair``)
        return (_("not taken"),)
    if path.mean_seconds == 0 and path.median_seconds == 0:
        return (_("no wait"),)
    return (
        _("mean {wait}").format(wait=human_duration(path.mean_seconds)),
        _("median {wait}").format(wait=human_duration(path.median_seconds)),
    )


def _label_size(lines: tuple[str, ...]) -> Size:
    width = max(text_width(line, LABEL_FONT) for line in lines) + 2
    return Size(width, len(lines) * LABEL_FONT * LINE_HEIGHT)


def _boxes(graph: ProcessGraph, view: View) -> dict[str, _Box]:
    """A box per activity shown, sized to its wrapped name and count."""
    loops = {p.source: p for p in graph.paths if p.source == p.target}
    names = [(a.name, a.count, False) for a in graph.activities]
    ends = {e for p in graph.paths for e in (p.source, p.target) if e in PSEUDO}
    starts_count = sum(p.count for p in graph.paths if p.source == START)
    ends_count = sum(p.count for p in graph.paths if p.target == END)
    if START in ends:
        names.insert(0, (START, starts_count, True))
    if END in ends:
        names.append((END, ends_count, True))
    boxes = {}
    for name, count, pseudo in names:
        # Pseudo-activities show their word; their symbol is drawn, not typed,
        # so no font needs the glyph.
        lines = (
            (p_("map end", name[2:]),) if pseudo else tuple(_wrap(name, NODE_FONT, NODE_MAX_TEXT))
        )
        count_line = "" if pseudo else _count(count)
        text = max(text_width(line, NODE_FONT) for line in [*lines, count_line])
        rows = len(lines) + (0 if pseudo else 1)
        width = max(text + 2 * NODE_PADDING + (14 if pseudo else 0), 70.0 if pseudo else 90.0)
        height = rows * NODE_FONT * LINE_HEIGHT + 2 * (NODE_PADDING - 2)
        loop = loops.get(name)
        loop_label = _edge_label(loop, view) if loop else ()
        boxes[name] = _Box(name, lines, count_line, Size(width, height), pseudo, loop, loop_label)
    return boxes


def _share(value: float | None, largest: float) -> float:
    """How heavy a path is drawn, 0 to 1, against the heaviest.

    A mean wait can be negative when the next step starts before the last one
    ends (overlapping work): it is labelled as it is and drawn as no wait.
    """
    if not value or value <= 0 or largest <= 0:
        return 0.0
    return math.sqrt(value / largest)


def _thickness(value: float | None, largest: float) -> float:
    return 1.2 + 5.3 * _share(value, largest)


def _mix(low: str, high: str, share: float) -> str:
    """A colour ``share`` of the way from ``low`` to ``high``."""
    share = min(max(share, 0.0), 1.0)
    a = [int(low[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(high[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(a, b, strict=True))


_EDGE_COLOURS = {View.FREQUENCY: ("#9fb8cc", "#1f4e79"), View.TIME: ("#e0b48a", "#9c3d00")}


def _measure(path: MapPath, view: View) -> float | None:
    return float(path.count) if view == View.FREQUENCY else path.mean_seconds


def _svg(
    graph: ProcessGraph,
    boxes: dict[str, _Box],
    layout: Layout,
    labels: dict[tuple[str, str], tuple[str, ...]],
    view: View,
    title: str | None,
    scale: tuple[float, int] | None = None,
    beside: bool = False,
) -> str:
    """The map's SVG; ``scale`` (the heaviest measure and count) is shared by maps drawn
    side by side, else this map's own. A map ``beside`` another has room for its caption
    in a wider font (``CAPTION_SLACK``)."""
    caption = _caption(graph, view)
    top = 14 + (CAPTION_FONT * 1.6 if title else 0) + CAPTION_FONT * 1.6
    caption_room = text_width(caption, CAPTION_FONT) + 24
    if beside:
        slack = text_width(caption, CAPTION_FONT - 1) * CAPTION_SLACK + 24
        caption_room = max(caption_room, slack)
    width = max(layout.width, caption_room, 200)
    height = layout.height + top
    largest, largest_count = scale or map_scale(graph, view)
    heading = title or _("Process map ({view})").format(view=p_("map view", view.value))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" class="process-map" '
        f'data-view="{view.value}" font-family="{FONT}">',
        f"<title>{_esc(heading)}</title>",
        f"<desc>{_esc(caption)}</desc>",
        _defs(view),
        '<rect width="100%" height="100%" fill="white"/>',
    ]
    y = 14.0
    if title:
        y += CAPTION_FONT
        out.append(_text(12, y, title, size=CAPTION_FONT + 2, weight="bold"))
        y += CAPTION_FONT * 0.6
    y += CAPTION_FONT
    out.append(_text(12, y, caption, size=CAPTION_FONT - 1, fill=MUTED, cls="caption"))
    out.append(f'<g transform="translate(0,{top:.1f})">')
    by_ends = {(p.source, p.target): p for p in graph.paths}
    for route in layout.routes:
        path = by_ends[(route.edge.source, route.edge.target)]
        out.append(
            _edge(route, path, labels[(path.source, path.target)], view, largest, largest_count)
        )
    for name, box in boxes.items():
        out.append(_node(box, layout.centres[name], graph, view, largest, largest_count))
    out.append("</g></svg>")
    return "\n".join(out)


def map_scale(graph: ProcessGraph, view: View) -> tuple[float, int]:
    """The heaviest path measure (between activities) and the largest count: what line
    thickness is relative to."""
    real = [p for p in graph.paths if not p.pseudo]
    largest = max((_measure(p, view) or 0.0 for p in real), default=0.0)
    return largest, max((p.count for p in graph.paths), default=0)


def _caption(graph: ProcessGraph, view: View) -> str:
    if graph.complete:
        shown = _("all {activities} activities and {paths} paths").format(
            activities=graph.all_activities, paths=graph.all_paths
        )
    else:
        shown = _(
            "{activities} of {all_activities} activities ({steps_share} of steps), "
            "{paths} of {all_paths} paths ({moves_share} of moves)"
        ).format(
            activities=len(graph.activities),
            all_activities=graph.all_activities,
            steps_share=percent(graph.steps_share),
            paths=len(graph.paths),
            all_paths=graph.all_paths,
            moves_share=percent(graph.moves_share),
        )
    if graph.selection is Selection.THRESHOLD:
        shown += _("; paths under {threshold} of the busiest hidden").format(
            threshold=percent(graph.threshold)
        )
    if view == View.FREQUENCY:
        return _("Frequency: how many times each step followed the last; {shown}.").format(
            shown=shown
        )
    return _("Time: mean and median wait between steps, thicker is longer; {shown}.").format(
        shown=shown
    )


def _defs(view: View) -> str:
    colour = _EDGE_COLOURS[view][1]
    return (
        "<defs>"
        f'<marker id="wm-arrow-{view.value}" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        f'<marker id="wm-arrow-grey-{view.value}" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#8c8c8c"/></marker>'
        "</defs>"
    )


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: float = LABEL_FONT,
    fill: str = INK,
    anchor: str = "start",
    weight: str = "normal",
    cls: str | None = None,
    halo: bool = False,
) -> str:
    extra = f' class="{cls}"' if cls else ""
    if halo:
        extra += ' stroke="white" stroke-width="3.5" stroke-linejoin="round" paint-order="stroke"'
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" fill="{fill}" '
        f'text-anchor="{anchor}" font-weight="{weight}"{extra}>{_esc(text)}</text>'
    )


def _curve(points: tuple[tuple[float, float], ...]) -> str:
    """A smooth path through the points, leaving and entering each one vertically."""
    (x0, y0), *rest = points
    d = [f"M{x0:.1f},{y0:.1f}"]
    for x1, y1 in rest:
        dy = (y1 - y0) / 2
        d.append(f"C{x0:.1f},{y0 + dy:.1f} {x1:.1f},{y1 - dy:.1f} {x1:.1f},{y1:.1f}")
        x0, y0 = x1, y1
    return " ".join(d)


def _edge(
    route: Route,
    path: MapPath,
    label: tuple[str, ...],
    view: View,
    largest: float,
    largest_count: int,
) -> str:
    if path.pseudo:
        colour, marker = "#8c8c8c", "grey-"
        width = 1.2 if view == View.TIME else min(_thickness(path.count, largest_count), 3.0)
    else:
        measure = _measure(path, view)
        share = _share(measure, largest)
        colour = _mix(*_EDGE_COLOURS[view], share)
        width, marker = _thickness(measure, largest), ""
    dash = ' stroke-dasharray="4,3"' if path.pseudo else ""
    parts = [
        f'<g class="edge" data-source="{_esc(path.source)}" data-target="{_esc(path.target)}">',
        f"<title>{_esc(path.source)} → {_esc(path.target)}: {_esc(', '.join(label))}</title>",
        f'<path d="{_curve(route.points)}" fill="none" stroke="{colour}" '
        f'stroke-width="{width:.2f}"{dash} marker-end="url(#wm-arrow-{marker}{view.value})"/>',
    ]
    if route.label_at and not (path.pseudo and view == View.TIME):
        x, y = route.label_at
        for k, line in enumerate(label):
            baseline = y + (k + 0.8) * LABEL_FONT * LINE_HEIGHT
            parts.append(_text(x, baseline, line, cls="edge-label", halo=True))
    parts.append("</g>")
    return "".join(parts)


def _node(
    box: _Box,
    centre: tuple[float, float],
    graph: ProcessGraph,
    view: View,
    largest: float,
    largest_count: int,
) -> str:
    cx, cy = centre
    width, height = box.size.width, box.size.height
    x, y = cx - width / 2, cy - height / 2
    top_count = max((a.count for a in graph.activities), default=1) or 1
    if box.pseudo:
        fill, stroke, radius = "#f2f2f2", "#8c8c8c", height / 2
    else:
        count = next(a.count for a in graph.activities if a.name == box.name)
        fill, stroke, radius = _mix("#f4f8fb", "#b9d3e8", count / top_count), "#1f4e79", 6
    parts = [
        f'<g class="activity" data-activity="{_esc(box.name)}">',
        f"<title>{_esc(box.name)}{': ' + box.count_line if box.count_line else ''}</title>",
    ]
    if box.loop:
        parts.append(_self_loop(box, x + width, cy, height, view, largest, largest_count))
    parts.append(
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" '
        f'rx="{radius:.1f}" fill="{fill}" stroke="{stroke}" stroke-width="1.2"/>'
    )
    step = NODE_FONT * LINE_HEIGHT
    first_baseline = y + NODE_PADDING - 2 + step * 0.78
    lines = [*box.lines] + ([box.count_line] if box.count_line else [])
    if box.pseudo:
        parts.append(_pseudo_symbol(box, cx, cy))
        cx += 7
    for k, line in enumerate(lines):
        is_count = box.count_line and k == len(lines) - 1
        parts.append(
            _text(
                cx,
                first_baseline + k * step,
                line,
                size=NODE_FONT,
                anchor="middle",
                fill=MUTED if is_count or box.pseudo else INK,
                weight="normal" if is_count else "bold",
                cls="activity-count" if is_count else "activity-name",
            )
        )
    parts.append("</g>")
    return "".join(parts)


def _pseudo_symbol(box: _Box, cx: float, cy: float) -> str:
    """A small triangle (start) or square (end) before the word."""
    x = cx - text_width(box.lines[0], NODE_FONT) / 2 - 7
    if box.name == START:
        shape = f"M{x - 4:.1f},{cy - 5:.1f} L{x + 4:.1f},{cy:.1f} L{x - 4:.1f},{cy + 5:.1f} Z"
    else:
        shape = f"M{x - 4:.1f},{cy - 4:.1f} h8 v8 h-8 Z"
    return f'<path d="{shape}" fill="{MUTED}"/>'


def _self_loop(
    box: _Box,
    right: float,
    cy: float,
    height: float,
    view: View,
    largest: float,
    largest_count: int,
) -> str:
    """A loop on the box's right side, for an activity that directly follows itself."""
    loop = box.loop
    assert loop is not None
    measure = _measure(loop, view)
    share = _share(measure, largest)
    colour = _mix(*_EDGE_COLOURS[view], share)
    width = _thickness(measure, largest)
    top, bottom = cy - height / 4, cy + height / 4
    reach = right + 26
    d = (
        f"M{right:.1f},{top:.1f} C{reach:.1f},{top - 8:.1f} "
        f"{reach:.1f},{bottom + 8:.1f} {right + 1:.1f},{bottom:.1f}"
    )
    ends = f'data-source="{_esc(loop.source)}" data-target="{_esc(loop.target)}"'
    parts = [
        f'<g class="edge self-loop" {ends}>',
        f"<title>{_esc(loop.source)} → itself: {_esc(', '.join(box.loop_label))}</title>",
        f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{width:.2f}" '
        f'marker-end="url(#wm-arrow-{view.value})"/>',
    ]
    size = _label_size(box.loop_label)
    for k, line in enumerate(box.loop_label):
        baseline = cy - size.height / 2 + (k + 0.8) * LABEL_FONT * LINE_HEIGHT
        parts.append(_text(right + 26, baseline, line, cls="edge-label", halo=True))
    parts.append("</g>")
    return "".join(parts)


def _empty_svg(title: str | None) -> str:
    heading = title or _("Process map")
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="60" viewBox="0 0 320 60" '
        f'role="img" class="process-map" font-family="{FONT}">'
        f"<title>{_esc(heading)}</title>"
        + _text(12, 34, _("No activities to map."), size=CAPTION_FONT, fill=MUTED)
        + "</svg>"
    )
