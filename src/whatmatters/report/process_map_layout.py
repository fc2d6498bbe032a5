"""A layered (Sugiyama-style) top-to-bottom layout for process maps.

Process-mining tools draw directly-follows graphs with Graphviz's ``dot``;
this module does the same steps in plain Python so no system binary is
needed (see docs/decisions.md):

1. break cycles: nodes are put in order by depth from the first node
   (rare shortcuts count as longer) and, among equally deep nodes, so that
   busier edges point forward; an edge against that order is drawn upwards;
2. layers: each node one layer below its lowest predecessor, then pulled
   down towards its successors; the last node goes below everything;
3. ranks: layers sit on even ranks and every edge passes through a dummy
   point on each rank it crosses; the dummy on an odd rank in the middle of
   an edge carries its label, so labels get room of their own;
4. order: barycentre sweeps up and down reduce crossings (best kept);
5. positions: each rank is placed by weighted isotonic regression towards
   its neighbours (long edges are kept straight, busy edges pull harder),
   which keeps the order and the gaps and never lets boxes overlap.

The layout knows nothing of process mining: nodes are sizes, edges are
pairs with a label size and a weight.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass

from whatmatters.report.process_map_positions import DUMMY_WIDTH, Vertex, place

Point = tuple[float, float]

RANK_GAP = 22.0
"""Least vertical space between ranks."""
EMPTY_LABEL_RANK = 10.0
"""Height of a label rank that holds no label."""
LABEL_OFFSET = 6.0
"""Space between an edge and its label."""


@dataclass(frozen=True)
class Size:
    """A box's width and height."""

    width: float
    height: float


@dataclass(frozen=True)
class LayoutEdge:
    """An edge to lay out: its label's size (0 × 0 for none) and its weight (e.g. cases)."""

    source: Hashable
    target: Hashable
    label: Size = Size(0.0, 0.0)
    weight: float = 1.0


@dataclass(frozen=True)
class Route:
    """Where an edge runs: points from source to target, and its label's top-left corner."""

    edge: LayoutEdge
    points: tuple[Point, ...]
    label_at: Point | None
    backwards: bool


@dataclass(frozen=True)
class Layout:
    """Node centres, edge routes and the drawing's size."""

    width: float
    height: float
    centres: dict[Hashable, Point]
    routes: tuple[Route, ...]


def layered_layout(
    sizes: dict[Hashable, Size],
    edges: list[LayoutEdge],
    *,
    first: Hashable | None = None,
    last: Hashable | None = None,
    side_room: dict[Hashable, float] | None = None,
    margin: float = 12.0,
) -> Layout:
    """Lay out a directed graph top to bottom (no self-loops: draw those yourself).

    ``first`` goes on the top rank and ``last`` on the bottom one when given.
    ``side_room`` keeps extra space free on both sides of a box (e.g. for a
    self-loop and its label).
    """
    edges = [e for e in edges if e.source != e.target]
    reversed_edges = _edges_to_reverse(list(sizes), edges, first, last)
    layers = _layers(list(sizes), edges, reversed_edges, last)
    vertices, chains = _proper_graph(sizes, edges, reversed_edges, layers, side_room or {})
    ranks = _order(vertices, first)
    place(ranks)
    centres = _rank_centres(ranks)
    return _result(sizes, edges, reversed_edges, vertices, chains, ranks, centres, margin)


# ---------------------------------------------------------------------------
# 1. Cycles


RARE_SHARE = 0.05
"""An edge carrying less than this share of its source's outflow is a rare shortcut."""
RARE_STEP = 3.0
"""How far a rare shortcut counts when measuring a node's depth (a common edge counts 1)."""


def _edges_to_reverse(
    nodes: list[Hashable], edges: list[LayoutEdge], first: Hashable | None, last: Hashable | None
) -> set[int]:
    """Indices of edges drawn upwards so that the rest point down, without cycles.

    Nodes are put in one order, by how deep they lie from ``first`` (rare
    shortcuts count as longer, so one odd case does not pull a late step to
    the top) and, among nodes equally deep, by a greedy order that points the
    busier edges between them forward. An edge against that order is drawn
    upwards: in a process map, a loop back (rework).
    """
    depth = _depths(nodes, edges, first)
    position = {}
    by_depth: dict[float, list[Hashable]] = defaultdict(list)
    for node in nodes:
        by_depth[depth[node]].append(node)
    for level in sorted(by_depth):
        for node in _greedy_order(by_depth[level], edges):
            position[node] = len(position)
    if last in position:
        position[last] = len(position)
    if first in position:
        position[first] = -1
    return {i for i, e in enumerate(edges) if position[e.target] < position[e.source]}


def _depths(
    nodes: list[Hashable], edges: list[LayoutEdge], first: Hashable | None
) -> dict[Hashable, float]:
    """Shortest distance from ``first`` (then from any node left over), rare edges longer."""
    outflow: dict[Hashable, float] = defaultdict(float)
    for e in edges:
        outflow[e.source] += e.weight
    following: dict[Hashable, list[tuple[Hashable, float]]] = defaultdict(list)
    for e in edges:
        rare = e.weight < RARE_SHARE * outflow[e.source]
        following[e.source].append((e.target, RARE_STEP if rare else 1.0))
    weight: dict[Hashable, float] = defaultdict(float)
    for e in edges:
        weight[e.source] += e.weight
        weight[e.target] += e.weight
    depth: dict[Hashable, float] = {}
    roots = [first] if first in nodes else []
    roots += sorted(nodes, key=lambda n: -weight[n])
    for root in roots:
        if root in depth:
            continue
        start = max(depth.values(), default=-1.0) + 1 if depth else 0.0
        queue = [(start, nodes.index(root), root)]
        while queue:
            distance, _, node = heapq.heappop(queue)
            if node in depth:
                continue
            depth[node] = distance
            for nxt, step in following[node]:
                if nxt not in depth:
                    heapq.heappush(queue, (distance + step, nodes.index(nxt), nxt))
    return depth


def _greedy_order(group: list[Hashable], edges: list[LayoutEdge]) -> list[Hashable]:
    """Order equally deep nodes so busier edges between them point forward (Eades et al.)."""
    inside = set(group)
    among = [e for e in edges if e.source in inside and e.target in inside]
    left = list(group)
    order = []
    while left:

        def lead(node: Hashable) -> float:
            out = sum(e.weight for e in among if e.source == node and e.target in left)
            into = sum(e.weight for e in among if e.target == node and e.source in left)
            return out - into

        best = max(left, key=lambda n: (lead(n), -left.index(n)))
        order.append(best)
        left.remove(best)
    return order


# ---------------------------------------------------------------------------
# 2. Layers


def _directed(edges: list[LayoutEdge], backwards: set[int]) -> list[tuple[Hashable, Hashable]]:
    """Edges as drawn downwards: the reversed ones turned round."""
    return [
        (e.target, e.source) if i in backwards else (e.source, e.target)
        for i, e in enumerate(edges)
    ]


def _layers(
    nodes: list[Hashable],
    edges: list[LayoutEdge],
    backwards: set[int],
    last: Hashable | None,
) -> dict[Hashable, int]:
    """Longest-path layers, then nodes pulled down next to their successors."""
    pairs = _directed(edges, backwards)
    successors: dict[Hashable, set[Hashable]] = defaultdict(set)
    predecessors: dict[Hashable, set[Hashable]] = defaultdict(set)
    for u, v in pairs:
        successors[u].add(v)
        predecessors[v].add(u)
    order = _topological(nodes, successors, predecessors)
    layer: dict[Hashable, int] = {}
    for node in order:
        layer[node] = max((layer[p] + 1 for p in predecessors[node]), default=0)
    for node in reversed(order):
        if successors[node] and predecessors[node]:
            layer[node] = max(layer[node], min(layer[s] for s in successors[node]) - 1)
    if last in layer:
        others = [layer[n] for n in nodes if n != last]
        layer[last] = max([*others, layer[last] - 1]) + 1
    return layer


def _topological(
    nodes: list[Hashable],
    successors: dict[Hashable, set[Hashable]],
    predecessors: dict[Hashable, set[Hashable]],
) -> list[Hashable]:
    waiting = {n: len(predecessors[n]) for n in nodes}
    ready = [n for n in nodes if waiting[n] == 0]
    order = []
    while ready:
        node = ready.pop(0)
        order.append(node)
        for s in sorted(successors[node], key=nodes.index):
            waiting[s] -= 1
            if waiting[s] == 0:
                ready.append(s)
    return order


# ---------------------------------------------------------------------------
# 3. Ranks and dummy points


def _proper_graph(
    sizes: dict[Hashable, Size],
    edges: list[LayoutEdge],
    backwards: set[int],
    layers: dict[Hashable, int],
    side_room: dict[Hashable, float],
) -> tuple[dict[Hashable, Vertex], list[list[Vertex]]]:
    """Vertices on ranks (nodes on even ranks) and, per edge, its chain from top to bottom."""
    vertices = {
        n: Vertex(n, 2 * layers[n], size.width + 2 * side_room.get(n, 0.0), size.height, False)
        for n, size in sizes.items()
    }
    chains = []
    for i, (u, v) in enumerate(_directed(edges, backwards)):
        edge = edges[i]
        top, bottom = vertices[u], vertices[v]
        middle = _label_rank(top.rank, bottom.rank)
        chain = [top]
        for rank in range(top.rank + 1, bottom.rank):
            labelled = rank == middle and edge.label.width > 0
            width = edge.label.width + LABEL_OFFSET + DUMMY_WIDTH if labelled else DUMMY_WIDTH
            height = edge.label.height if labelled else 0.0
            chain.append(Vertex(("dummy", i, rank), rank, width, height, dummy=True))
        chain.append(bottom)
        weight = 1.0 + math.log1p(max(edge.weight, 0.0))
        for a, b in itertools.pairwise(chain):
            # Graphviz's rule: straight long edges matter more than short ones.
            bond = weight * (8.0 if a.dummy and b.dummy else 2.0 if a.dummy or b.dummy else 1.0)
            a.down.append((b, bond))
            b.up.append((a, bond))
        for d in chain[1:-1]:
            vertices[d.key] = d
        chains.append(chain)
    return vertices, chains


def _label_rank(top: int, bottom: int) -> int:
    """The odd rank nearest the middle of an edge running from ``top`` to ``bottom``."""
    middle = (top + bottom) // 2
    return middle if middle % 2 else middle + 1 if middle + 1 < bottom else middle - 1


# ---------------------------------------------------------------------------
# 4. Order within ranks


def _order(vertices: dict[Hashable, Vertex], first: Hashable | None) -> list[list[Vertex]]:
    """Ranks ordered to reduce crossings: barycentre sweeps, the best order kept."""
    count = max((v.rank for v in vertices.values()), default=-1) + 1
    ranks: list[list[Vertex]] = [[] for _ in range(count)]
    for vertex in _discovery_order(vertices, first):
        ranks[vertex.rank].append(vertex)
    best, best_crossings = [list(r) for r in ranks], _crossings(ranks)
    for sweep in range(24):
        downwards = sweep % 2 == 0
        indices = range(1, count) if downwards else range(count - 2, -1, -1)
        for r in indices:
            position = {id(v): i for i, v in enumerate(ranks[r - 1 if downwards else r + 1])}
            ranks[r] = _sorted_by_barycentre(ranks[r], position, downwards)
        crossings = _crossings(ranks)
        if crossings < best_crossings:
            best, best_crossings = [list(r) for r in ranks], crossings
        if best_crossings == 0:
            break
    return best


def _discovery_order(vertices: dict[Hashable, Vertex], first: Hashable | None) -> list[Vertex]:
    """Vertices in depth-first order from the top, busiest edges first."""
    start = [vertices[first]] if first in vertices else []
    roots = start + sorted(vertices.values(), key=lambda v: v.rank)
    seen: set[int] = set()
    order = []
    for root in roots:
        stack = [root]
        while stack:
            vertex = stack.pop()
            if id(vertex) in seen:
                continue
            seen.add(id(vertex))
            order.append(vertex)
            below = sorted(vertex.down, key=lambda pair: pair[1])
            stack.extend(v for v, _ in below if id(v) not in seen)
    return order


def _sorted_by_barycentre(
    rank: list[Vertex], position: dict[int, int], downwards: bool
) -> list[Vertex]:
    keys = []
    for i, vertex in enumerate(rank):
        neighbours = vertex.up if downwards else vertex.down
        total = sum(w for _, w in neighbours)
        if total:
            keys.append(sum(position[id(n)] * w for n, w in neighbours) / total)
        else:
            keys.append(float(i) if not keys else keys[-1])
    order = sorted(range(len(rank)), key=lambda i: (keys[i], i))
    return [rank[i] for i in order]


def _crossings(ranks: list[list[Vertex]]) -> int:
    """Edge crossings between neighbouring ranks (inversions, counted with bisect)."""
    total = 0
    for upper, lower in itertools.pairwise(ranks):
        position = {id(v): i for i, v in enumerate(lower)}
        ends = [
            position[id(n)]
            for u in upper
            for n, _ in sorted(u.down, key=lambda p: position[id(p[0])])
        ]
        seen: list[int] = []
        for end in ends:
            total += len(seen) - bisect.bisect_right(seen, end)
            bisect.insort(seen, end)
    return total


# ---------------------------------------------------------------------------
# Vertical positions and the result


def _rank_centres(ranks: list[list[Vertex]]) -> list[tuple[float, float]]:
    """Centre and height of each rank: as tall as its tallest box or label."""
    centres, y = [], 0.0
    for r, rank in enumerate(ranks):
        height = max((v.height for v in rank), default=0.0)
        if r % 2 and height == 0:
            height = EMPTY_LABEL_RANK
        centres.append((y + height / 2, height))
        y += height + RANK_GAP
    return centres


def _result(
    sizes: dict[Hashable, Size],
    edges: list[LayoutEdge],
    backwards: set[int],
    vertices: dict[Hashable, Vertex],
    chains: list[list[Vertex]],
    ranks: list[list[Vertex]],
    centres: list[tuple[float, float]],
    margin: float,
) -> Layout:
    everything = [v for rank in ranks for v in rank]
    if not everything:
        return Layout(2 * margin, 2 * margin, {}, ())
    left = min(v.x - v.width / 2 for v in everything)
    right = max(v.x + v.width / 2 for v in everything)
    bottom = max(centres[v.rank][0] + v.height / 2 for v in everything)

    def place(x: float, y: float) -> Point:
        return (x + margin - left, y + margin)

    node_centres = {n: place(vertices[n].x, centres[vertices[n].rank][0]) for n in sizes}
    routes = [
        _route(edges[i], chain, i in backwards, place, centres, sizes)
        for i, chain in enumerate(chains)
    ]
    _spread_ports(routes, node_centres, sizes)
    return Layout(
        width=right - left + 2 * margin,
        height=bottom + 2 * margin,
        centres=node_centres,
        routes=tuple(routes),
    )


def _route(
    edge: LayoutEdge,
    chain: list[Vertex],
    backwards: bool,
    place,
    centres: list[tuple[float, float]],
    sizes: dict[Hashable, Size],
) -> Route:
    """Points from the top box's lower side, straight down through each rank, to the bottom box.

    An edge crosses each rank as a vertical line, so it only ever runs
    sideways in the gaps between ranks, never through a label.
    """
    top, bottom = chain[0], chain[-1]
    y_top, _ = centres[top.rank]
    points = [place(top.x, y_top + sizes[top.key].height / 2)]
    label_at = None
    for d in chain[1:-1]:
        y, height = centres[d.rank]
        x = d.x - d.width / 2 + DUMMY_WIDTH / 2 if d.height else d.x
        points += [place(x, y - height / 2), place(x, y + height / 2)]
        if d.height:  # the label dummy: the label sits right of the edge
            label_at = place(x + LABEL_OFFSET, y - d.height / 2)
    y_bottom, _ = centres[bottom.rank]
    points.append(place(bottom.x, y_bottom - sizes[bottom.key].height / 2))
    if backwards:
        points.reverse()
    return Route(edge, tuple(points), label_at, backwards)


def _spread_ports(
    routes: list[Route], centres: dict[Hashable, Point], sizes: dict[Hashable, Size]
) -> None:
    """Spread the ends of edges meeting a box's top or bottom side so they do not pile up."""
    sides: dict[tuple[Hashable, bool], list[tuple[float, int, int]]] = defaultdict(list)
    for r, route in enumerate(routes):
        for end, node in ((0, _start_node(route)), (-1, _end_node(route))):
            _px, py = route.points[end]
            bottom = py > centres[node][1]
            neighbour_x = route.points[1 if end == 0 else -2][0]
            sides[(node, bottom)].append((neighbour_x, r, end))
    for (node, _), ends in sides.items():
        if len(ends) < 2:
            continue
        ends.sort()
        span = sizes[node].width * 0.6
        cx = centres[node][0]
        for k, (_, r, end) in enumerate(ends):
            x = cx - span / 2 + span * k / (len(ends) - 1)
            points = list(routes[r].points)
            points[end] = (x, points[end][1])
            routes[r] = Route(
                routes[r].edge, tuple(points), routes[r].label_at, routes[r].backwards
            )


def _start_node(route: Route) -> Hashable:
    return route.edge.source


def _end_node(route: Route) -> Hashable:
    return route.edge.target
