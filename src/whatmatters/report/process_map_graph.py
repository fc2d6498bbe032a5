"""The process map's graph: activities and paths read from tables, and simplified.

``threshold`` simplifies a busy map, keeping the most frequent paths:

1. keep the activities done at least ``threshold`` × as often as the most
   frequent activity (the start and end points are always kept);
2. among paths between kept activities (and from the start or to the end),
   keep those taken at least ``threshold`` × as often as the busiest path
   from one activity to another (self-loops and the start and end paths do
   not set that bar, as they often dwarf the hand-overs a map is for);
3. so the map stays connected, every kept activity that cannot now be
   reached from the start (or cannot reach the end) gets back the most
   frequent route to it (from it): the route whose least-taken path is
   taken most. An activity with no such route at all, only ever reached
   through removed activities, is removed too.

``threshold=0`` keeps everything; ``threshold=1`` keeps only the busiest
activity, with the busiest routes to it from the start and on to the end.
The map's caption says how much is shown.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import polars as pl
import pyarrow as pa

START = "▶ start"
"""Pseudo-activity every case starts from."""
END = "■ end"
"""Pseudo-activity every case ends at."""
PSEUDO = frozenset({START, END})


@dataclass(frozen=True)
class MapActivity:
    """An activity and how many times it was done."""

    name: str
    count: int


@dataclass(frozen=True)
class MapPath:
    """One step directly followed by another: how often, and the waiting between them."""

    source: str
    target: str
    count: int
    mean_seconds: float | None
    median_seconds: float | None

    @property
    def pseudo(self) -> bool:
        """Whether the path joins the start or end point rather than two activities."""
        return self.source in PSEUDO or self.target in PSEUDO


@dataclass(frozen=True)
class ProcessGraph:
    """The activities and paths a map shows, and how many there were in all."""

    activities: tuple[MapActivity, ...]
    paths: tuple[MapPath, ...]
    all_activities: int
    all_paths: int
    threshold: float


# ---------------------------------------------------------------------------
# Reading the tables


def _rows(table: Any, columns: tuple[str, ...], what: str) -> list[dict[str, Any]]:
    """Rows of a polars, Arrow or pandas table (or a list of dicts), checking the columns."""
    if isinstance(table, pl.DataFrame):
        frame = table
    elif isinstance(table, pa.Table):
        frame = pl.from_arrow(table)
    elif hasattr(table, "columns") and hasattr(table, "to_dict"):
        frame = pl.from_pandas(table)
    else:
        frame = pl.DataFrame(list(table))
    missing = [c for c in columns if c not in frame.columns]
    if missing and frame.height:
        raise ValueError(f"the {what} table has no column {', '.join(missing)}")
    return frame.to_dicts() if frame.height else []


def _number(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def read_graph(activities: Any, edges: Any) -> ProcessGraph:
    """The full graph from an activities table and a paths (edges) table."""
    acts = [
        MapActivity(str(r["activity"]), int(r["count"]))
        for r in _rows(activities, ("activity", "count"), "activities")
        if str(r["activity"]) not in PSEUDO
    ]
    paths = [
        MapPath(
            str(r["source"]),
            str(r["target"]),
            int(r["count"]),
            _number(r.get("mean_seconds")),
            _number(r.get("median_seconds")),
        )
        for r in _rows(edges, ("source", "target", "count"), "edges")
    ]
    known = {a.name for a in acts} | PSEUDO
    for path in paths:
        for end in (path.source, path.target):
            if end not in known:
                raise ValueError(
                    f"the edges table names activity {end!r}, which the activities table lacks"
                )
    return ProcessGraph(tuple(acts), tuple(paths), len(acts), len(paths), 0.0)


# ---------------------------------------------------------------------------
# Simplifying


def simplify(graph: ProcessGraph, threshold: float) -> ProcessGraph:
    """Keep the most frequent activities and paths (the rule is in this module's docstring)."""
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be between 0 and 1, got {threshold}")
    top = max((a.count for a in graph.activities), default=0)
    kept = {a.name for a in graph.activities if a.count >= threshold * top}
    kept |= {end for p in graph.paths for end in (p.source, p.target) if end in PSEUDO}
    candidates = [p for p in graph.paths if p.source in kept and p.target in kept]
    between = [p for p in candidates if not p.pseudo and p.source != p.target] or candidates
    busiest = max((p.count for p in between), default=0)
    chosen = {(p.source, p.target) for p in candidates if p.count >= threshold * busiest}
    kept, chosen = _connect(kept, candidates, chosen)
    return ProcessGraph(
        activities=tuple(a for a in graph.activities if a.name in kept),
        paths=tuple(p for p in graph.paths if (p.source, p.target) in chosen),
        all_activities=graph.all_activities,
        all_paths=graph.all_paths,
        threshold=threshold,
    )


def _connect(
    kept: set[str], candidates: list[MapPath], chosen: set[tuple[str, str]]
) -> tuple[set[str], set[tuple[str, str]]]:
    """Add the most frequent routes so each kept activity lies between start and end."""
    counts = {(p.source, p.target): p.count for p in candidates}
    for origin, forwards in ((START, True), (END, False)):
        if origin not in kept:
            continue
        for name in sorted(kept - PSEUDO):
            if name in _reachable(origin, chosen, forwards):
                continue
            route = _widest_route(origin, name, counts, forwards)
            if route is None:
                kept = kept - {name}
                chosen = {pair for pair in chosen if name not in pair}
            else:
                chosen |= route
    return kept, chosen


def _reachable(origin: str, pairs: Iterable[tuple[str, str]], forwards: bool) -> set[str]:
    following: dict[str, list[str]] = defaultdict(list)
    for source, target in pairs:
        a, b = (source, target) if forwards else (target, source)
        following[a].append(b)
    seen, todo = {origin}, [origin]
    while todo:
        for nxt in following[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _widest_route(
    origin: str, goal: str, counts: dict[tuple[str, str], int], forwards: bool
) -> set[tuple[str, str]] | None:
    """The route from origin to goal whose least-taken path is taken most (ties: fewer steps)."""
    following: dict[str, list[tuple[str, tuple[str, str]]]] = defaultdict(list)
    for pair in counts:
        a, b = pair if forwards else (pair[1], pair[0])
        following[a].append((b, pair))
    best: dict[str, tuple[float, int]] = {origin: (math.inf, 0)}
    came_by: dict[str, tuple[str, tuple[str, str]]] = {}
    queue = [(-math.inf, 0, origin)]
    while queue:
        negative_width, steps, node = heapq.heappop(queue)
        if node == goal:
            break
        if (-negative_width, -steps) < (best[node][0], -best[node][1]):
            continue
        for nxt, pair in following[node]:
            width = min(-negative_width, counts[pair])
            if nxt not in best or (width, -(steps + 1)) > (best[nxt][0], -best[nxt][1]):
                best[nxt] = (width, steps + 1)
                came_by[nxt] = (node, pair)
                heapq.heappush(queue, (-width, steps + 1, nxt))
    if goal not in came_by:
        return None
    route, node = set(), goal
    while node != origin:
        node, pair = came_by[node]
        route.add(pair)
    return route
