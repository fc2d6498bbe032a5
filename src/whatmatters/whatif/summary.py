"""Scenarios' figures across runs: a mean with its 95% interval, and each one's change.

With K runs a scenario's figure is the mean of its K runs' figures; its
interval is the 95% t-interval of that mean (how sure we are of what the
scenario does on average, given the runs). A change from the first scenario
is worked out run by run (run *i* of both shares its seed) and its interval is
the t-interval of those paired differences: a change whose interval leaves
out zero is beyond the runs' ordinary variation. With one run there is no
interval.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from scipy import stats

from whatmatters.whatif.runs import RunResult


@dataclass(frozen=True)
class Interval:
    """A mean of runs with its 95% interval (None when fewer than two runs)."""

    mean: float
    low: float | None
    high: float | None
    runs: int

    @property
    def excludes_zero(self) -> bool:
        return self.low is not None and self.high is not None and (self.low > 0 or self.high < 0)


def interval(values: Sequence[float | None], floor: float | None = 0.0) -> Interval | None:
    """The mean of ``values`` and the 95% t-interval of that mean, cut at ``floor`` (every
    measure here is a count, a share, a time or a cost: none is below 0)."""
    values = [v for v in values if v is not None and not math.isnan(v)]
    if not values:
        return None
    n = len(values)
    mean = sum(values) / n
    if n < 2:
        return Interval(mean, None, None, n)
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    half = float(stats.t.ppf(0.975, n - 1)) * sd / math.sqrt(n)
    low = mean - half if floor is None else max(floor, mean - half)
    return Interval(mean, low, mean + half, n)


@dataclass(frozen=True)
class Row:
    """One measure across the scenarios."""

    measure: str
    figures: list[Interval | None]  # one per scenario
    changes: list[Interval | None]  # change from the first scenario (None for the first)


def table(results: Sequence[RunResult], scenarios: int, measures: Sequence[str]) -> list[Row]:
    """The results table: each measure's figure in every scenario, and its change."""
    by: dict[tuple[int, int], RunResult] = {(r.scenario, r.run): r for r in results}
    runs = sorted({r.run for r in results})
    rows = []
    for measure in measures:
        figures = [
            interval([by[(s, i)].figures.get(measure) for i in runs if (s, i) in by])
            for s in range(scenarios)
        ]
        changes: list[Interval | None] = [None]
        for s in range(1, scenarios):
            paired = []
            for i in runs:
                a = by.get((0, i))
                b = by.get((s, i))
                if a and b and None not in (a.figures.get(measure), b.figures.get(measure)):
                    paired.append(b.figures[measure] - a.figures[measure])
            changes.append(interval(paired, floor=None))
        rows.append(Row(measure, figures, changes))
    return rows


@dataclass(frozen=True)
class Band:
    """A measure's value in one period for one scenario: the runs' mean, lowest and highest."""

    scenario: int
    measure: str
    period: date
    mean: float
    low: float
    high: float


def bands(results: Sequence[RunResult]) -> list[Band]:
    """Per scenario, measure and period: the mean across runs and the runs' range."""
    grouped: dict[tuple[int, str, date], list[float]] = {}
    for r in results:
        for measure, period, value in r.series:
            if value is not None:
                grouped.setdefault((r.scenario, measure, period), []).append(value)
    return [
        Band(s, m, p, sum(v) / len(v), min(v), max(v))
        for (s, m, p), v in sorted(grouped.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2]))
    ]
