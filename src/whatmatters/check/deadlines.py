"""Deadline effects: how long steps with a target take, and heaping just inside the target.

A target ("assessments completed within 28 days") pulls work inside it:
rushed, or closed and re-opened, to be counted on time. For each target
(``check.targets``) the check counts steps by whole days taken (the
``deadline_days`` table) and tests for heaping in the band just inside the
target (``deadlines``): a smooth curve (a quadratic in the logarithm of the
counts, with a step down after the target for the work pulled inside it) is
fitted to the days either side of the band, by Poisson regression, and the
band's count is set against what the curve predicts there. Heaping is
claimed only when the band holds more than the curve predicts and a count
that large would come by chance less than once in a thousand.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa

from whatmatters.check.expressions import SECONDS_PER_DAY, seconds_between
from whatmatters.check.targets import Target, Timed
from whatmatters.check.window import Window, in_window

SIGNIFICANCE = 0.001
"""Heaping is claimed below this chance of a band count so large without it."""
MIN_FITTED = 30
"""Fewer steps than this on the days either side of the band: too few to tell."""


def durations(events: ir.Table, target: Target, window: Window) -> ir.Table:
    """Steps of ``target`` starting in the window, each with ``days`` (whole days taken).

    Days are whole days, rounded down: a step from 9 a.m. on the 1st to 5
    p.m. on the 29th took 28 days. From "start", a step with no end is left
    out (still open, or its end was not recorded); from "previous", a
    person's first such step is left out (nothing before it to time from).
    """
    t = events
    if target.kind is not None:
        t = t.filter(t.kind == target.kind)
    if target.activity is not None:
        t = t.filter(t.activity == target.activity)
    if target.timed is Timed.PREVIOUS:
        by_person = ibis.window(group_by=t.person_id, order_by=[t.start, t.event_id])
        t = t.mutate(_from=t.start.lag().over(by_person), _to=t.start)
    else:
        t = t.mutate(_from=t.start, _to=t.end)
    t = in_window(t, window).filter(lambda r: r._from.notnull() & r._to.notnull())
    seconds = seconds_between(t._from, t._to)
    return t.select(days=(seconds // SECONDS_PER_DAY).cast("int64")).filter(lambda r: r.days >= 0)


def day_counts(events: ir.Table, target: Target, window: Window) -> ir.Table:
    """How many steps took each whole number of days (``days``, ``count``)."""
    t = durations(events, target, window)
    return t.group_by("days").agg(count=t.count()).order_by("days")


@dataclass(frozen=True)
class Heaping:
    """The band just inside a target against a smooth curve through the days around it."""

    target: Target
    steps: int
    on_time: int
    in_band: int
    expected: float | None
    """What the smooth curve puts in the band; None when too few steps to fit it."""
    p_value: float | None

    @property
    def excess(self) -> float | None:
        """How many more steps end in the band than the curve predicts, as a share (0.38)."""
        if self.expected is None or self.expected <= 0:
            return None
        return self.in_band / self.expected - 1

    @property
    def heaping(self) -> bool:
        return self.p_value is not None and self.p_value < SIGNIFICANCE and (self.excess or 0.0) > 0


def heaping(target: Target, counts: dict[int, int]) -> Heaping:
    """Test the band just inside ``target`` for heaping, from steps by whole days taken."""
    first, last = target.band
    steps = sum(counts.values())
    on_time = sum(n for d, n in counts.items() if d <= last)
    in_band = sum(counts.get(d, 0) for d in range(first, last + 1))
    reach = max(14, 2 * target.band_days)
    days = [d for d in range(max(0, first - reach), last + reach + 1) if not first <= d <= last]
    fitted = sum(counts.get(d, 0) for d in days)
    if fitted < MIN_FITTED or first < 7:  # too few steps, or no days before the band
        return Heaping(target, steps, on_time, in_band, None, None)
    expected, variance = _smooth_band(target, counts, days)
    # How surprising the band is: its count against the curve, allowing for the curve's own
    # uncertainty (normal approximation to the Poisson with the fit's variance added).
    z = (in_band - expected) / math.sqrt(expected + variance) if expected > 0 else math.inf
    p_value = 0.5 * math.erfc(z / math.sqrt(2))
    return Heaping(target, steps, on_time, in_band, expected, p_value)


def _smooth_band(target: Target, counts: dict[int, int], days: list[int]) -> tuple[float, float]:
    """The curve's expected count in the band, and its variance (Poisson regression)."""
    import statsmodels.api as sm

    first, last = target.band
    centre = (first + last) / 2
    scale = max(target.band_days, 7)

    def design(ds: list[int]) -> np.ndarray:
        x = (np.array(ds, dtype=float) - centre) / scale
        after = (np.array(ds) > last).astype(float)
        return np.column_stack([np.ones(len(ds)), x, x**2, after])

    y = np.array([counts.get(d, 0) for d in days], dtype=float)
    fit = sm.GLM(y, design(days), family=sm.families.Poisson()).fit()
    band = design(list(range(first, last + 1)))
    band[:, 3] = 0.0  # inside the target: no step
    mean = np.exp(band @ fit.params)
    gradient = mean @ band  # d(sum of means)/d(params)
    return float(mean.sum()), float(gradient @ fit.cov_params() @ gradient)


def deadlines_table(results: list[Heaping]) -> pa.Table:
    """One row per target: its band, what the band holds, what a smooth curve predicts."""
    return pa.table(
        {
            "target": pa.array([h.target.name for h in results], pa.string()),
            "label": pa.array([h.target.label for h in results], pa.string()),
            "within_days": pa.array([h.target.within_days for h in results], pa.int64()),
            "band_first": pa.array([h.target.band[0] for h in results], pa.int64()),
            "band_last": pa.array([h.target.band[1] for h in results], pa.int64()),
            "steps": pa.array([h.steps for h in results], pa.int64()),
            "on_time": pa.array([h.on_time for h in results], pa.int64()),
            "in_band": pa.array([h.in_band for h in results], pa.int64()),
            "expected": pa.array([h.expected for h in results], pa.float64()),
            "excess": pa.array([h.excess for h in results], pa.float64()),
            "p_value": pa.array([h.p_value for h in results], pa.float64()),
            "heaping": pa.array([h.heaping for h in results], pa.bool_()),
        }
    )


def deadline_effects(
    events: ir.Table, targets: tuple[Target, ...], window: Window
) -> tuple[pa.Table, pa.Table]:
    """The ``deadlines`` table and the ``deadline_days`` table (target, days, count)."""
    found, days_rows = [], []
    for target in targets:
        counted = day_counts(events, target, window).to_pyarrow().to_pylist()
        counts = {r["days"]: r["count"] for r in counted}
        found.append(heaping(target, counts))
        days_rows += [{"target": target.name, **r} for r in counted]
    schema = pa.schema([("target", pa.string()), ("days", pa.int64()), ("count", pa.int64())])
    return deadlines_table(found), pa.Table.from_pylist(days_rows, schema=schema)
