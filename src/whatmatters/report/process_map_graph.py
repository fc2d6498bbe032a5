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

``readable`` is the report's default: a map a person can read at a page's
width. A map that already fits (at most ``MAX_ACTIVITIES`` activities and
``PATHS_PER_ACTIVITY`` paths for each, self-loops aside) is kept whole.
Otherwise:

1. keep the commonest activities, most done first, until they cover
   ``STEP_SHARE`` of all steps done, and never more than ``MAX_ACTIVITIES``;
2. keep each kept activity's busiest way in and way out (from the start, to
   the end, or between kept activities), then the busiest other paths until
   there are ``PATHS_PER_ACTIVITY`` for each kept activity;
3. keep the self-loops taken at least as often as the least-taken path kept;
4. reconnect as ``simplify`` does (step 3 above), but keep a common activity
   that no route through kept ones joins to the start or the end: it is
   drawn without that route.

Either way the map's caption says how much is shown: the share of all steps
done in the activities kept, and of all moves from one step to the next
along the paths kept.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import polars as pl
import pyarrow as pa

from whatmatters.check.flow import END, START

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


class Selection(StrEnum):
    """How a map's activities and paths were chosen."""

    ALL = "all"  # everything
    THRESHOLD = "threshold"  # ``simplify``: paths under a share of the busiest hidden
    COMMONEST = "commonest"  # ``readable``: the commonest activities and busiest paths


@dataclass(frozen=True)
class ProcessGraph:
    """The activities and paths a map shows, and how many there were in all."""

    activities: tuple[MapActivity, ...]
    paths: tuple[MapPath, ...]
    all_activities: int
    all_paths: int
    threshold: float
    all_steps: int = 0
    """Steps done, all activities together."""
    all_moves: int = 0
    """Moves from one step to the next, all paths between activities together."""
    selection: Selection = Selection.ALL

    @property
    def steps_share(self) -> float:
        """The share of all steps done in the activities shown."""
        return sum(a.count for a in self.activities) / self.all_steps if self.all_steps else 1.0

    @property
    def moves_share(self) -> float:
        """The share of all moves between activities along the paths shown."""
        shown = sum(p.count for p in self.paths if not p.pseudo)
        return shown / self.all_moves if self.all_moves else 1.0

    @property
    def complete(self) -> bool:
        """Whether every activity and path is shown."""
        return len(self.activities) == self.all_activities and len(self.paths) == self.all_paths


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
    return ProcessGraph(
        tuple(acts),
        tuple(paths),
        len(acts),
        len(paths),
        0.0,
        all_steps=sum(a.count for a in acts),
        all_moves=sum(p.count for p in paths if not p.pseudo),
    )


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
    return _shown(
        graph, kept, chosen, Selection.THRESHOLD if threshold else Selection.ALL, threshold
    )


MAX_ACTIVITIES = 15
"""The most activities a readable map shows."""
STEP_SHARE = 0.95
"""A readable map stops adding activities once they cover this share of all steps done."""
PATHS_PER_ACTIVITY = 2
"""Paths between activities (and from the start or to the end) a readable map keeps for
each activity shown, self-loops aside."""


def readable(graph: ProcessGraph, max_activities: int = MAX_ACTIVITIES) -> ProcessGraph:
    """The commonest activities and busiest paths (the rule is in this module's docstring)."""
    moves = [p for p in graph.paths if p.source != p.target]
    if len(graph.activities) <= max_activities and len(moves) <= PATHS_PER_ACTIVITY * len(
        graph.activities
    ):
        return graph
    commonest: list[MapActivity] = []
    covered = 0
    for activity in sorted(graph.activities, key=lambda a: (-a.count, a.name)):
        if len(commonest) == max_activities or (
            commonest and covered >= STEP_SHARE * graph.all_steps
        ):
            break
        commonest.append(activity)
        covered += activity.count
    kept = {a.name for a in commonest}
    kept |= {end for p in graph.paths for end in (p.source, p.target) if end in PSEUDO}
    candidates = [p for p in graph.paths if p.source in kept and p.target in kept]
    busiest = sorted(
        (p for p in candidates if p.source != p.target),
        key=lambda p: (-p.count, p.source, p.target),
    )
    chosen: set[tuple[str, str]] = set()
    for activity in commonest:
        for leads_here in (True, False):
            way = next(
                (p for p in busiest if (p.target if leads_here else p.source) == activity.name),
                None,
            )
            if way is not None:
                chosen.add((way.source, way.target))
    for path in busiest:
        if len(chosen) >= PATHS_PER_ACTIVITY * len(commonest):
            break
        chosen.add((path.source, path.target))
    least = min((p.count for p in busiest if (p.source, p.target) in chosen), default=0)
    chosen |= {
        (p.source, p.target) for p in candidates if p.source == p.target and p.count >= least
    }
    kept, chosen = _connect(kept, candidates, chosen, drop_stranded=False)
    return _shown(graph, kept, chosen, Selection.COMMONEST, 0.0)


def _shown(
    graph: ProcessGraph,
    kept: set[str],
    chosen: set[tuple[str, str]],
    selection: Selection,
    threshold: float,
) -> ProcessGraph:
    """``graph`` cut down to the activities ``kept`` and the paths ``chosen``."""
    return ProcessGraph(
        activities=tuple(a for a in graph.activities if a.name in kept),
        paths=tuple(p for p in graph.paths if (p.source, p.target) in chosen),
        all_activities=graph.all_activities,
        all_paths=graph.all_paths,
        threshold=threshold,
        all_steps=graph.all_steps,
        all_moves=graph.all_moves,
        selection=selection,
    )


def _connect(
    kept: set[str],
    candidates: list[MapPath],
    chosen: set[tuple[str, str]],
    *,
    drop_stranded: bool = True,
) -> tuple[set[str], set[tuple[str, str]]]:
    """Add the most frequent routes so each kept activity lies between start and end.

    An activity with no route at all through kept ones is removed, unless
    ``drop_stranded`` is off (it is then drawn without that route).
    """
    counts = {(p.source, p.target): p.count for p in candidates}
    for origin, forwards in ((START, True), (END, False)):
        if origin not in kept:
            continue
        for name in sorted(kept - PSEUDO):
            if name in _reachable(origin, chosen, forwards):
                continue
            route = _widest_route(origin, name, counts, forwards)
            if route is None and drop_stranded:
                kept = kept - {name}
                chosen = {pair for pair in chosen if name not in pair}
            elif route is not None:
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
