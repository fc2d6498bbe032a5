"""The process map's layout, step 5: each rank's points placed left to right.

Points are pulled towards the points they join on the ranks above and
below, keeping their order and the gap between them (a weighted isotonic
fit); ``process_map_layout`` does the steps before.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable
from dataclasses import dataclass, field

NODE_GAP = 28.0
"""Least horizontal space between two boxes in a rank."""
DUMMY_WIDTH = 10.0
"""Room an edge takes as it passes through a rank."""


@dataclass
class Vertex:
    """A node or a dummy point on a rank."""

    key: Hashable
    rank: int
    width: float
    height: float
    dummy: bool
    x: float = 0.0
    up: list[tuple[Vertex, float]] = field(default_factory=list)
    down: list[tuple[Vertex, float]] = field(default_factory=list)


def place(ranks: list[list[Vertex]]) -> None:
    """x of every vertex: packed, then pulled towards its neighbours rank by rank."""
    for rank in ranks:
        x = 0.0
        for vertex in rank:
            vertex.x = x + vertex.width / 2
            x += vertex.width + _gap(vertex)
        shift = x / 2
        for vertex in rank:
            vertex.x -= shift
    for _ in range(8):
        for rank in ranks[1:]:
            _pull(rank, upwards=True, downwards=False)
        for rank in reversed(ranks[:-1]):
            _pull(rank, upwards=False, downwards=True)
    for rank in ranks:
        _pull(rank, upwards=True, downwards=True)


def _gap(vertex: Vertex) -> float:
    return NODE_GAP / 3 if vertex.dummy else NODE_GAP


def _pull(rank: list[Vertex], *, upwards: bool, downwards: bool) -> None:
    """Move a rank's vertices towards the mean of their neighbours, keeping order and gaps."""
    wanted, weights = [], []
    for vertex in rank:
        neighbours = (vertex.up if upwards else []) + (vertex.down if downwards else [])
        total = sum(w for _, w in neighbours)
        if total:
            wanted.append(sum(n.x * w for n, w in neighbours) / total)
            weights.append(total)
        else:
            wanted.append(vertex.x)
            weights.append(0.05)
    offsets = [0.0]
    for a, b in itertools.pairwise(rank):
        offsets.append(offsets[-1] + a.width / 2 + _gap(a) / 2 + _gap(b) / 2 + b.width / 2)
    # Minimise Σ w (x - wanted)² with x[i+1] - x[i] ≥ separation: with y = x - offset
    # the constraint is y non-decreasing, which is isotonic regression.
    fitted = _isotonic([w - o for w, o in zip(wanted, offsets, strict=True)], weights)
    for vertex, y, offset in zip(rank, fitted, offsets, strict=True):
        vertex.x = y + offset


def _isotonic(values: list[float], weights: list[float]) -> list[float]:
    """Weighted least-squares non-decreasing fit (pool adjacent violators)."""
    blocks: list[list[float]] = []  # [mean, weight, count]
    for value, weight in zip(values, weights, strict=True):
        blocks.append([value, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean_b, weight_b, count_b = blocks.pop()
            mean_a, weight_a, count_a = blocks.pop()
            weight = weight_a + weight_b
            blocks.append(
                [(mean_a * weight_a + mean_b * weight_b) / weight, weight, count_a + count_b]
            )
    fitted = []
    for mean, _, count in blocks:
        fitted.extend([mean] * int(count))
    return fitted
