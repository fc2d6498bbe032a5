"""The four special-cause rules of an XmR chart, each a small pure function.

Each rule takes the points of one segment (limits recalculated at a change
point start a new segment: no rule looks across one) and returns a boolean
array: ``True`` where the point is part of a signal. They follow
NHSRplotthedots 0.2.2 (``R/ptd_calculate_point_type.R``); see
``docs/capability.md`` for the rules in plain words.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np


def outside_limits(values: np.ndarray, lower: float, upper: float) -> np.ndarray:
    """Rule 1: a point strictly above the upper or below the lower process limit."""
    return (values > upper) | (values < lower)


class Stretch(NamedTuple):
    """Consecutive points ``start`` to ``stop`` (exclusive) going one way (+1 or -1)."""

    start: int
    stop: int
    direction: int


def _runs(labels: np.ndarray) -> list[tuple[int, int]]:
    """Maximal runs of equal labels as (start, stop) index pairs, stop exclusive."""
    if labels.size == 0:
        return []
    breaks = np.flatnonzero(labels[1:] != labels[:-1]) + 1
    starts = np.concatenate(([0], breaks))
    stops = np.concatenate((breaks, [labels.size]))
    return list(zip(starts.tolist(), stops.tolist(), strict=True))


def _flags(size: int, stretches: list[Stretch]) -> np.ndarray:
    flags = np.zeros(size, dtype=bool)
    for stretch in stretches:
        flags[stretch.start : stretch.stop] = True
    return flags


def trend_stretches(values: np.ndarray, length: int) -> list[Stretch]:
    """Stretches of ``length`` or more points each higher (or each lower) than the last.

    A tie (two equal points in a row) breaks a trend. A point where a rising
    trend turns into a falling one belongs to both.
    """
    steps = np.sign(np.diff(values))
    return [
        # steps[start:stop] join points start .. stop inclusive.
        Stretch(start, stop + 1, int(steps[start]))
        for start, stop in _runs(steps)
        if steps[start] != 0 and stop - start + 1 >= length
    ]


def trend(values: np.ndarray, length: int) -> np.ndarray:
    """Rule 2: part of a trend of ``length`` or more points (see ``trend_stretches``)."""
    return _flags(values.size, trend_stretches(values, length))


def trend_sides(values: np.ndarray, in_trend: np.ndarray) -> np.ndarray:
    """Whether each trend point counts as rising (+1) or falling (-1).

    As NHSRplotthedots: a point takes the direction of the step to the next
    point when that point is also in a trend, otherwise the step from the
    previous point; only a rise counts as rising. Zero outside trends.
    """
    if values.size == 0:
        return np.zeros(0, dtype=int)
    steps = np.sign(np.diff(values))
    to_next = np.concatenate((steps, steps[-1:] if steps.size else [0.0]))
    from_previous = np.concatenate(([0.0], steps))
    next_in_trend = np.concatenate((in_trend[1:], [False]))
    direction = np.where(in_trend & next_in_trend, to_next, from_previous)
    return np.where(in_trend, np.where(direction == 1, 1, -1), 0)


def two_of_three(beyond: np.ndarray, side: np.ndarray) -> np.ndarray:
    """Rule 3: two or three of three points in a row beyond 2σ, all three on one side.

    ``beyond`` marks the points that count as beyond 2σ (the caller decides:
    between 2σ and the limit, or anywhere past 2σ); ``side`` is the sign of
    each point's distance from the mean (0 on the mean). Only the points
    beyond 2σ are flagged, not the third point of the three.
    """
    flags = np.zeros(beyond.size, dtype=bool)
    for start in range(beyond.size - 2):
        window = slice(start, start + 3)
        same_side = side[start] != 0 and bool(np.all(side[window] == side[start]))
        if same_side and np.count_nonzero(beyond[window]) >= 2:
            flags[window] |= beyond[window]
    return flags


def run_stretches(side: np.ndarray, length: int) -> list[Stretch]:
    """Stretches of ``length`` or more points in a row on one side of the mean.

    ``side`` is each point's sign against the mean; a point exactly on the
    mean (side 0) breaks a run.
    """
    return [
        Stretch(start, stop, int(side[start]))
        for start, stop in _runs(side)
        if side[start] != 0 and stop - start >= length
    ]


def run(side: np.ndarray, length: int) -> np.ndarray:
    """Rule 4: part of a run of ``length`` or more points on one side (see ``run_stretches``)."""
    return _flags(side.size, run_stretches(side, length))
