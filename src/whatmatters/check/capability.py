"""Capability (XmR) charts: what a process predictably does, and signs of change.

An XmR (individuals) chart plots one value per period, its mean, and process
limits at mean ± 2.66 × the mean moving range. Points are checked, in order,
against four rules (``capability_rules``) exactly as NHS England's "Making
Data Count" and the R package NHSRplotthedots 0.2.2 do. ``docs/capability.md``
explains how to read the chart; ``report/readings/capability.py`` says it in
one sentence, and colours its points. Numbers only here.

Short series, plainly:

- no points: an empty table, no segments, no signals;
- one point in a segment (or one baseline point): no moving range, so no
  limits (null) and no signals from limits; runs and trends need more points
  anyway, so every point is common cause;
- fewer than 12 points in a segment: limits are computed but marked
  ``provisional`` (NHSRplotthedots warns below 12);
- a segment whose baseline never varies (mean moving range 0): limits equal
  the mean, so any later point off it is outside the limits (NHSRplotthedots
  gives no limits then: its screening drops every moving range of 0);
- missing values (None/NaN) are refused with a message naming the period.

Examples
--------
>>> result = xmr([21, 26, 24, 30, 27, 25, 28, 23, 29, 26, 24, 27])
>>> round(result.segments[0].mean, 2), round(result.segments[0].upper_limit, 1)
(25.83, 35.5)
>>> result.point_types[-1].value
'common_cause'
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np
import polars as pl
import pyarrow as pa

from whatmatters.check import capability_rules as rules

LIMIT_SIGMAS = 2.66
"""Process limits sit 2.66 mean moving ranges from the mean (3σ)."""
NEAR_LIMIT_SIGMAS = 2 * LIMIT_SIGMAS / 3
"""The 2σ lines: 1.7733 mean moving ranges from the mean, as NHSRplotthedots."""
SCREEN_FACTOR = 3.267
"""Moving ranges at or above 3.267 × their mean are screened out as outliers."""
SHORT_SEGMENT = 12
"""Segments with fewer points get provisional limits (NHSRplotthedots' warning)."""


class Direction(StrEnum):
    """Which way is better for the measure."""

    UP = "up"
    DOWN = "down"
    NEUTRAL = "neutral"


class TwoOfThreeMode(StrEnum):
    """Which points count as "beyond 2σ" for the two-of-three rule."""

    PTD = "ptd"
    """NHSRplotthedots: only points between the 2σ line and the limit."""
    EXCEL = "excel"
    """The 2023 Making Data Count Excel tool: any point beyond the 2σ line."""


class Rule(StrEnum):
    """The special-cause rules, in the order they are checked."""

    OUTSIDE_LIMITS = "outside_limits"
    TREND = "trend"
    TWO_OF_THREE = "two_of_three"
    RUN = "run"


class PointType(StrEnum):
    """What a point shows, after the rules and the improvement direction."""

    IMPROVEMENT = "special_cause_improvement"
    CONCERN = "special_cause_concern"
    NEUTRAL = "special_cause_neutral"
    COMMON_CAUSE = "common_cause"


@dataclass(frozen=True)
class XmrParams:
    """How the chart is computed. The defaults are NHSRplotthedots' own.

    ``run_length`` and ``trend_length`` are 7 by default; 6 is the other
    common choice. ``screen_moving_ranges`` drops moving ranges of 3.267 ×
    their mean or more before recomputing the mean (the Excel tool does not).
    ``floor_at_zero`` shows the lower limit and lower 2σ line at no less than
    0, for times and counts that cannot be negative.
    """

    run_length: int = 7
    trend_length: int = 7
    two_of_three: TwoOfThreeMode = TwoOfThreeMode.PTD
    screen_moving_ranges: bool = True
    improvement: Direction = Direction.NEUTRAL
    floor_at_zero: bool = False

    def __post_init__(self) -> None:
        for name in ("run_length", "trend_length"):
            length = getattr(self, name)
            if not isinstance(length, int) or length < 3:
                raise ValueError(f"{name} must be a whole number of at least 3, got {length!r}")
        object.__setattr__(self, "two_of_three", TwoOfThreeMode(self.two_of_three))
        object.__setattr__(self, "improvement", Direction(self.improvement))


@dataclass(frozen=True)
class Segment:
    """One stretch of the chart with its own limits (a new one starts at each change).

    ``start``/``stop`` are point positions (stop exclusive). Limits are None
    when the baseline has fewer than two points.
    """

    start: int
    stop: int
    mean: float
    mean_moving_range: float | None
    lower_limit: float | None
    upper_limit: float | None
    lower_2sigma: float | None
    upper_2sigma: float | None
    baseline_points: int
    screened_moving_ranges: int

    @property
    def points(self) -> int:
        """How many points the segment holds."""
        return self.stop - self.start

    @property
    def provisional(self) -> bool:
        """Whether the limits rest on fewer than 12 points."""
        return self.baseline_points < SHORT_SEGMENT

    @property
    def has_limits(self) -> bool:
        """Whether limits could be computed."""
        return self.upper_limit is not None


@dataclass(frozen=True)
class XmrResult:
    """An XmR chart's numbers: its segments and a per-point table.

    ``table`` (polars) has one row per point: ``period``, ``value``,
    ``segment``, ``moving_range`` (null at a segment's first point),
    ``moving_range_used`` (counted in the mean moving range), ``mean``,
    ``lower_limit``, ``upper_limit``, ``lower_2sigma``, ``upper_2sigma``,
    one boolean per rule (``outside_limits``, ``trend``, ``two_of_three``,
    ``run``), ``rule`` (the first rule that flags the point, else null),
    ``side`` ("high"/"low" for a signal: above the mean or rising, below or
    falling) and ``point_type`` (its colour and words are the report's:
    ``report/readings``).
    """

    params: XmrParams
    segments: tuple[Segment, ...]
    table: pl.DataFrame = field(repr=False)

    def to_arrow(self) -> pa.Table:
        """The per-point table as Arrow."""
        return self.table.to_arrow()

    @property
    def point_types(self) -> list[PointType]:
        """Each point's type, in order."""
        return [PointType(t) for t in self.table["point_type"].to_list()]

    @property
    def is_periods_temporal(self) -> bool:
        """Whether periods are dates or datetimes (for chart axes)."""
        return self.table["period"].dtype.is_temporal()


def xmr(
    values: Sequence[float] | Any,
    *,
    periods: Sequence[Any] | None = None,
    change_at: Any = None,
    fix_after: int | None = None,
    params: XmrParams = XmrParams(),
) -> XmrResult:
    """Compute an XmR chart with Making Data Count's rules.

    Parameters
    ----------
    values:
        One number per period, oldest first (list, numpy, polars or Arrow).
    periods:
        The period of each value (dates, or anything ordered), strictly
        increasing. Defaults to 1, 2, 3, ... (and ``change_at`` counts the same way).
    change_at:
        A period (or several) where the process was changed: limits are
        recalculated from there, each segment on its own points. With dated
        periods an ISO date text ("2024-04-01") will do. A change
        falls on the first period at or after it; changes at or before the
        first period, or after the last, are ignored.
    fix_after:
        Compute each segment's mean and limits from its first ``fix_after``
        points only (the baseline) and hold them for the rest.
    params:
        Rule lengths, two-of-three mode, screening, improvement direction.
    """
    y = _as_values(values)
    keys = list(range(1, y.size + 1)) if periods is None else _as_periods(periods, y.size)
    starts = _segment_starts(keys, change_at)
    if fix_after is not None and fix_after < 1:
        raise ValueError(f"fix_after must be at least 1 point, got {fix_after}")

    segments, columns = [], []
    for number, (start, stop) in enumerate(zip(starts, [*starts[1:], y.size], strict=True)):
        segment = _segment(y[start:stop], start, fix_after, params)
        segments.append(segment)
        columns.append(_segment_columns(y[start:stop], segment, number, fix_after, params))

    table = _table(keys if periods is not None else None, y, columns)
    return XmrResult(params=params, segments=tuple(segments), table=table)


def _as_values(values: Any) -> np.ndarray:
    if isinstance(values, pa.ChunkedArray | pa.Array):
        values = values.to_pylist()
    elif isinstance(values, pl.Series):
        values = values.to_list()
    raw = list(values)
    y = np.array([math.nan if v is None else v for v in raw], dtype=float)
    missing = np.flatnonzero(~np.isfinite(y))
    if missing.size:
        raise ValueError(
            f"value {missing[0] + 1} of {y.size} is missing or not a finite number; "
            "drop or fill that period before charting"
        )
    return y


def _comparable(period: Any) -> Any:
    """Dates and datetimes compared alike (a date is its midnight)."""
    if isinstance(period, np.datetime64):
        period = period.astype("datetime64[us]").item()
    if isinstance(period, dt.date) and not isinstance(period, dt.datetime):
        return dt.datetime.combine(period, dt.time())
    if isinstance(period, dt.datetime) and period.tzinfo is not None:
        return period.astimezone(dt.UTC).replace(tzinfo=None)
    return period


def _as_periods(periods: Any, size: int) -> list[Any]:
    if isinstance(periods, pa.ChunkedArray | pa.Array):
        periods = periods.to_pylist()
    elif isinstance(periods, pl.Series):
        periods = periods.to_list()
    keys = list(periods)
    if len(keys) != size:
        raise ValueError(f"{len(keys)} periods given for {size} values; give one period per value")
    for i in range(1, size):
        if not _comparable(keys[i - 1]) < _comparable(keys[i]):
            raise ValueError(
                f"periods must be in order with no repeats: period {i + 1} ({keys[i]}) "
                f"does not come after period {i} ({keys[i - 1]})"
            )
    return keys


def _segment_starts(keys: list[Any], change_at: Any) -> list[int]:
    """Positions where a segment starts: 0 and each change that falls inside."""
    if not keys:
        return [0]
    if change_at is None:
        changes = []
    elif isinstance(change_at, str | bytes) or not isinstance(change_at, Sequence):
        changes = [change_at]
    else:
        changes = list(change_at)
    starts = {0}
    ordered = [_comparable(k) for k in keys]
    dated = isinstance(ordered[0], dt.datetime)
    for change in changes:
        if dated and isinstance(change, str):
            try:
                change = dt.datetime.fromisoformat(change)
            except ValueError:
                raise ValueError(f"change date {change!r} is not a date like 2024-04-01") from None
        at = _comparable(change)
        position = next((i for i, k in enumerate(ordered) if k >= at), None)
        if position is not None and position > 0:
            starts.add(position)
    return sorted(starts)


def _segment(y: np.ndarray, start: int, fix_after: int | None, params: XmrParams) -> Segment:
    """Mean, mean moving range and limits of one segment."""
    baseline = y if fix_after is None else y[:fix_after]
    mean = float(np.mean(baseline)) if baseline.size else math.nan
    moving_ranges = np.abs(np.diff(baseline))
    kept = _screen(moving_ranges) if params.screen_moving_ranges else moving_ranges
    none = Segment(start, start + y.size, mean, None, None, None, None, None, baseline.size, 0)
    if kept.size == 0:
        return none
    mr = float(np.mean(kept))
    lower, lower_2sigma = mean - LIMIT_SIGMAS * mr, mean - NEAR_LIMIT_SIGMAS * mr
    if params.floor_at_zero:
        lower, lower_2sigma = max(lower, 0.0), max(lower_2sigma, 0.0)
    return Segment(
        start=start,
        stop=start + y.size,
        mean=mean,
        mean_moving_range=mr,
        lower_limit=lower,
        upper_limit=mean + LIMIT_SIGMAS * mr,
        lower_2sigma=lower_2sigma,
        upper_2sigma=mean + NEAR_LIMIT_SIGMAS * mr,
        baseline_points=baseline.size,
        screened_moving_ranges=moving_ranges.size - kept.size,
    )


def _screen(moving_ranges: np.ndarray) -> np.ndarray:
    """Drop moving ranges of 3.267 × their mean or more (none to drop when all are 0)."""
    if moving_ranges.size == 0 or not moving_ranges.any():
        return moving_ranges
    return moving_ranges[moving_ranges < SCREEN_FACTOR * np.mean(moving_ranges)]


def _segment_columns(
    y: np.ndarray, segment: Segment, number: int, fix_after: int | None, params: XmrParams
) -> dict[str, Any]:
    """The per-point columns of one segment: limits, rule flags, point types."""
    n = y.size
    side = np.sign(y - segment.mean).astype(int)
    if segment.has_limits:
        outside = rules.outside_limits(y, segment.lower_limit, segment.upper_limit)
        past_2sigma = (y > segment.upper_2sigma) | (y < segment.lower_2sigma)
        beyond = (
            past_2sigma & ~outside if params.two_of_three == TwoOfThreeMode.PTD else past_2sigma
        )
        two_of_three = rules.two_of_three(beyond, side)
    else:
        outside = two_of_three = np.zeros(n, dtype=bool)
    trend = rules.trend(y, params.trend_length)
    run = rules.run(side, params.run_length)
    trend_side = rules.trend_sides(y, trend)

    rule, signal_side, point_type = [], [], []
    for i in range(n):
        first, high = _first_rule(i, outside, trend, two_of_three, run, side, trend_side)
        rule.append(first)
        signal_side.append(None if first is None else ("high" if high else "low"))
        point_type.append(_point_type(first, high, params.improvement))

    moving_range = np.concatenate(([math.nan], np.abs(np.diff(y))))[:n]
    used = _moving_ranges_used(moving_range, segment, fix_after, params)
    constant = {
        "mean": segment.mean,
        "lower_limit": segment.lower_limit,
        "upper_limit": segment.upper_limit,
        "lower_2sigma": segment.lower_2sigma,
        "upper_2sigma": segment.upper_2sigma,
    }
    return {
        "segment": [number] * n,
        "moving_range": [None if math.isnan(m) else float(m) for m in moving_range],
        "moving_range_used": used,
        **{name: [value] * n for name, value in constant.items()},
        "outside_limits": outside.tolist(),
        "trend": trend.tolist(),
        "two_of_three": two_of_three.tolist(),
        "run": run.tolist(),
        "rule": rule,
        "side": signal_side,
        "point_type": point_type,
    }


def _first_rule(
    i: int,
    outside: np.ndarray,
    trend: np.ndarray,
    two_of_three: np.ndarray,
    run: np.ndarray,
    side: np.ndarray,
    trend_side: np.ndarray,
) -> tuple[str | None, bool]:
    """The first rule flagging point ``i`` and whether its signal is high (up)."""
    if outside[i]:
        return Rule.OUTSIDE_LIMITS.value, bool(side[i] == 1)
    if trend[i]:
        return Rule.TREND.value, bool(trend_side[i] == 1)
    if two_of_three[i]:
        return Rule.TWO_OF_THREE.value, bool(side[i] > 0)
    if run[i]:
        return Rule.RUN.value, bool(side[i] > 0)
    return None, False


def _point_type(rule: str | None, high: bool, improvement: Direction) -> str:
    if rule is None:
        return PointType.COMMON_CAUSE.value
    if improvement == Direction.NEUTRAL:
        return PointType.NEUTRAL.value
    better = high == (improvement == Direction.UP)
    return (PointType.IMPROVEMENT if better else PointType.CONCERN).value


def _moving_ranges_used(
    moving_range: np.ndarray, segment: Segment, fix_after: int | None, params: XmrParams
) -> list[bool]:
    """Which moving ranges went into the segment's mean moving range."""
    in_baseline = np.arange(moving_range.size) < (fix_after or moving_range.size)
    used = in_baseline & ~np.isnan(moving_range)
    if params.screen_moving_ranges and segment.screened_moving_ranges:
        baseline_mean = np.nanmean(np.where(used, moving_range, np.nan))
        used &= moving_range < SCREEN_FACTOR * baseline_mean
    return used.tolist()


_SCHEMA = {
    "segment": pl.Int64,
    "moving_range": pl.Float64,
    "moving_range_used": pl.Boolean,
    "mean": pl.Float64,
    "lower_limit": pl.Float64,
    "upper_limit": pl.Float64,
    "lower_2sigma": pl.Float64,
    "upper_2sigma": pl.Float64,
    "outside_limits": pl.Boolean,
    "trend": pl.Boolean,
    "two_of_three": pl.Boolean,
    "run": pl.Boolean,
    "rule": pl.String,
    "side": pl.String,
    "point_type": pl.String,
}


def _table(periods: list[Any] | None, y: np.ndarray, columns: list[dict[str, Any]]) -> pl.DataFrame:
    period = pl.Series("period", list(range(1, y.size + 1)) if periods is None else periods)
    if period.dtype == pl.Null:
        period = period.cast(pl.Int64)
    merged = {name: [v for c in columns for v in c[name]] for name in _SCHEMA}
    rest = pl.DataFrame(merged, schema=_SCHEMA)
    return pl.DataFrame([period, pl.Series("value", y, dtype=pl.Float64)]).hstack(rest)
