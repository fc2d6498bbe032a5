"""Capability signals against an independent reference of NHSRplotthedots 0.2.2.

The reference below is a line-by-line translation of the R package's
``ptd_spc_standard`` and ``ptd_calculate_point_type`` (padded vectors,
window sums, ``case_when`` order), written without using whatmatters' code.
It is generalised only where domain.md asks for parameters: run and trend
length (the R code's 7), the Excel tool's two-of-three mode, and one
documented deviation (a baseline that never varies keeps a mean moving range
of 0, where R's screening leaves none).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whatmatters.check.capability import XmrParams, xmr

DEFAULT = XmrParams()
LIMIT = 2.66
LIMIT_CLOSE = 2 * (LIMIT / 3)


def sign(x: float) -> int:
    return (x > 0) - (x < 0)


def r_mean(xs: list[float | None]) -> float:
    """R's mean(x, na.rm = TRUE): NaN when nothing is left."""
    kept = [x for x in xs if x is not None]
    return sum(kept) / len(kept) if kept else math.nan


@dataclass
class RefPoint:
    mean: float
    lpl: float
    upl: float
    outside: bool
    close: bool
    relative_to_mean: int
    part_trend: int = 0
    part_two_in_three: int = 0
    part_one_side: int = 0
    special_cause_type: str = ""
    point_type: str = ""


def ptd_spc_standard(y, rebase, fix_after_n_points, screen_outliers, excel):
    """Per point: mean, limits, outside, close to limits, relative to mean."""
    groups, group = [], 0
    for r in rebase:
        group += r
        groups.append(group)
    out: list[RefPoint] = []
    for g in sorted(set(groups)):
        ys = [v for v, gg in zip(y, groups, strict=True) if gg == g]
        limit_n = fix_after_n_points if fix_after_n_points is not None else math.inf
        fix_y = [v if k + 1 <= limit_n else None for k, v in enumerate(ys)]
        mean = r_mean(fix_y)
        mr = [None] + [
            abs(b - a) if a is not None and b is not None else None
            for a, b in itertools.pairwise(fix_y)
        ]
        amr = r_mean(mr)
        # Documented deviation: nothing to screen when every moving range is 0.
        if screen_outliers and amr != 0:
            mr = [m if m is not None and m < 3.267 * amr else None for m in mr]
        amr = r_mean(mr)
        lpl, upl = mean - LIMIT * amr, mean + LIMIT * amr
        nlpl, nupl = mean - LIMIT_CLOSE * amr, mean + LIMIT_CLOSE * amr
        for v in ys:
            outside = v > upl or v < lpl
            beyond = v < nlpl or v > nupl
            close = beyond if excel else (not outside and beyond)
            out.append(RefPoint(mean, lpl, upl, outside, close, sign(v - mean)))
    return out, groups


def ptd_seven_point_one_side_mean(v, n):
    vp = [0] * (n - 1) + list(v)
    return [
        int(all(vp[i] == vp[i - k] for k in range(1, n)) and vp[i] != 0)
        for i in range(n - 1, len(vp))
    ]


def ptd_part_of_seven_trend(v, n):
    vp = list(v) + [0] * (n - 1)
    return [int(any(abs(vp[i + k]) == 1 for k in range(n))) for i in range(len(v))]


def ptd_seven_point_trend(y, n):
    if len(y) < n:
        return [0] * len(y)
    result = [0] * (n - 1)
    for i in range(n - 1, len(y)):
        window = [y[i - k] for k in range(n)]  # y[i - 0:6]
        d = [sign(b - a) * -1 for a, b in itertools.pairwise(window)]
        if all(x == 1 for x in d):
            result.append(1)
        elif all(x == -1 for x in d):
            result.append(-1)
        else:
            result.append(0)
    return result


def ptd_two_in_three(v, rtm):
    if not v:
        return []
    vp = [0, 0, *v, 0, 0]
    rtmp = [0, 0, *rtm, 0, 0]
    return [
        int(
            any(
                sum(vp[i + o : i + o + 3]) >= 2 and abs(sum(rtmp[i + o : i + o + 3])) == 3
                for o in (0, 1, 2)
            )
        )
        for i in range(len(v))
    ]


def ptd_part_of_two_in_three(v, x):
    return [int(a == 1 and abs(b) == 1) for a, b in zip(v, x, strict=True)]


def ptd_special_cause_type(y, rtm, close, outside, run_n, trend_n):
    part_trend = ptd_part_of_seven_trend(ptd_seven_point_trend(y, trend_n), trend_n)
    part_two = ptd_part_of_two_in_three(ptd_two_in_three(close, rtm), close)
    part_side = ptd_part_of_seven_trend(ptd_seven_point_one_side_mean(rtm, run_n), run_n)
    sdy = [sign(b - a) for a, b in itertools.pairwise(y)]
    right = [*sdy, sdy[-1]] if sdy else [0] * len(y)
    left = [0, *sdy]
    nxt = [*part_trend[1:], 0]
    sdy = [right[i] if (nxt[i] and part_trend[i]) else left[i] for i in range(len(y))]
    types = []
    for i in range(len(y)):
        above_or_below = "Above" if rtm[i] > 0 else "Below"
        if outside[i]:
            types.append("Above UCL" if rtm[i] == 1 else "Below LCL")
        elif part_trend[i]:
            types.append(f"7 Point Trend ({'In' if sdy[i] == 1 else 'De'}creasing)")
        elif part_two[i]:
            types.append(f"2 in 3 {above_or_below} CL")
        elif part_side[i]:
            types.append(f"7 Points {above_or_below} CL")
        else:
            types.append("Common Cause")
    return types, part_trend, part_two, part_side


def ptd_point_type(special_cause_type, improvement_direction):
    v = 1 if ("Above" in special_cause_type or "Increasing" in special_cause_type) else 0
    v = -1 if ("Below" in special_cause_type or "Decreasing" in special_cause_type) else v
    if improvement_direction == 0:
        return {1: "special_cause_neutral", -1: "special_cause_neutral"}.get(v, "common_cause")
    v *= improvement_direction
    return {1: "special_cause_improvement", -1: "special_cause_concern"}.get(v, "common_cause")


def reference(y, *, rebase_at=(), fix_after=None, params=DEFAULT):
    """NHSRplotthedots' point types for ``y`` (rebase_at: 0-based positions)."""
    rebase = [1 if i in set(rebase_at) else 0 for i in range(len(y))]
    points, groups = ptd_spc_standard(
        y, rebase, fix_after, params.screen_moving_ranges, params.two_of_three == "excel"
    )
    direction = {"up": 1, "down": -1, "neutral": 0}[params.improvement]
    for g in sorted(set(groups)):
        idx = [i for i, gg in enumerate(groups) if gg == g]
        ys = [y[i] for i in idx]
        pts = [points[i] for i in idx]
        types, trend, two, side = ptd_special_cause_type(
            ys,
            [p.relative_to_mean for p in pts],
            [int(p.close) for p in pts],
            [int(p.outside) for p in pts],
            params.run_length,
            params.trend_length,
        )
        for p, t, a, b, c in zip(pts, types, trend, two, side, strict=True):
            p.special_cause_type, p.part_trend, p.part_two_in_three, p.part_one_side = t, a, b, c
            p.point_type = ptd_point_type(t, direction)
    return points


TYPE_OF_RULE = {
    ("outside_limits", "high"): "Above UCL",
    ("outside_limits", "low"): "Below LCL",
    ("trend", "high"): "7 Point Trend (Increasing)",
    ("trend", "low"): "7 Point Trend (Decreasing)",
    ("two_of_three", "high"): "2 in 3 Above CL",
    ("two_of_three", "low"): "2 in 3 Below CL",
    ("run", "high"): "7 Points Above CL",
    ("run", "low"): "7 Points Below CL",
    (None, None): "Common Cause",
}


def assert_same_as_reference(y, *, rebase_at=(), fix_after=None, params=DEFAULT):
    ref = reference(y, rebase_at=rebase_at, fix_after=fix_after, params=params)
    result = xmr(y, change_at=[p + 1 for p in rebase_at], fix_after=fix_after, params=params)
    table = result.table
    rows = table.to_dicts()
    assert len(rows) == len(ref)
    for i, (row, r) in enumerate(zip(rows, ref, strict=True)):
        where = f"point {i} of {y}"
        assert row["point_type"] == r.point_type, where
        assert TYPE_OF_RULE[(row["rule"], row["side"])] == r.special_cause_type, where
        assert row["trend"] == bool(r.part_trend), where
        assert row["two_of_three"] == bool(r.part_two_in_three), where
        assert row["run"] == bool(r.part_one_side), where
        assert row["mean"] == pytest.approx(r.mean), where
        if math.isnan(r.upl):
            assert row["upper_limit"] is None, where
        else:
            assert row["outside_limits"] == r.outside, where
            assert row["upper_limit"] == pytest.approx(r.upl), where
            assert row["lower_limit"] == pytest.approx(r.lpl), where
    return result


# --- Edge cases named in the issue --------------------------------------------------

BASE = [11.0, 9.0] * 8  # mean 10, every moving range 2: limits 10 ± 5.32, 2σ 10 ± 3.547


def test_exactly_seven_points_above_the_mean_is_a_run():
    y = [*BASE, *[11.0] * 7, 9.0]
    result = assert_same_as_reference(y, fix_after=16)
    assert result.table["run"].to_list() == [False] * 16 + [True] * 7 + [False]


def test_six_points_above_the_mean_is_not_a_run():
    y = [*BASE, *[11.0] * 6, 9.0]
    result = assert_same_as_reference(y, fix_after=16)
    assert not any(result.table["run"].to_list())


def test_run_length_six_counts_six():
    y = [*BASE, *[11.0] * 6, 9.0]
    params = XmrParams(run_length=6)
    result = assert_same_as_reference(y, fix_after=16, params=params)
    assert result.table["run"].to_list() == [False] * 16 + [True] * 6 + [False]


def test_a_point_on_the_mean_breaks_a_run():
    y = [*BASE, 11.0, 11.0, 11.0, 10.0, 11.0, 11.0, 11.0, 11.0, 9.0]
    result = assert_same_as_reference(y, fix_after=16)
    assert not any(result.table["run"].to_list())


def test_seven_rising_points_are_a_trend():
    y = [5.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 2.0]
    result = assert_same_as_reference(y)
    assert result.table["trend"].to_list() == [False, *[True] * 7, False]


def test_a_tie_inside_a_trend_breaks_it():
    y = [5.0, 3.0, 4.0, 5.0, 5.0, 6.0, 7.0, 8.0, 9.0, 2.0]
    result = assert_same_as_reference(y)
    assert not any(result.table["trend"].to_list())


def test_falling_trend_is_improvement_when_down_is_better():
    y = [5.0, 9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 6.0]
    result = assert_same_as_reference(y, params=XmrParams(improvement="down"))
    assert result.table["point_type"].to_list()[1:8] == ["special_cause_improvement"] * 7


def test_two_of_three_with_one_beyond_the_limit_ptd_counts_only_between():
    # 14 lies between 2σ (13.55) and the limit (15.32); 16 is beyond the limit.
    y = [*BASE, 14.0, 16.0, 11.0, 9.0]
    result = assert_same_as_reference(y, fix_after=16)
    table = result.table.slice(16)
    assert table["outside_limits"].to_list() == [False, True, False, False]
    assert table["two_of_three"].to_list() == [False, False, False, False]
    assert table["rule"].to_list() == [None, "outside_limits", None, None]


def test_two_of_three_with_one_beyond_the_limit_excel_counts_both():
    y = [*BASE, 14.0, 16.0, 11.0, 9.0]
    result = assert_same_as_reference(y, fix_after=16, params=XmrParams(two_of_three="excel"))
    table = result.table.slice(16)
    assert table["two_of_three"].to_list() == [True, True, False, False]
    assert table["rule"].to_list() == ["two_of_three", "outside_limits", None, None]


def test_two_of_three_needs_all_three_on_one_side():
    y = [*BASE, 14.0, 9.0, 14.0, 9.0, 11.0, 14.0, 10.5, 14.0, 9.0]
    result = assert_same_as_reference(y, fix_after=16)
    assert result.table["two_of_three"].to_list()[16:] == [
        *[False] * 5,
        True,
        False,
        True,
        False,
    ]


def test_moving_range_screening_drops_the_big_jumps():
    y = [10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 10.0, 30.0, 10.0, 11.0, 10.0, 11.0]
    screened = assert_same_as_reference(y)
    plain = assert_same_as_reference(y, params=XmrParams(screen_moving_ranges=False))
    assert screened.segments[0].mean_moving_range == pytest.approx(1.0)
    assert screened.segments[0].screened_moving_ranges == 2
    assert plain.segments[0].mean_moving_range == pytest.approx(49 / 11)
    used = screened.table["moving_range_used"].to_list()
    assert used == [False, *[True] * 6, False, False, True, True, True]


def test_limits_recalculated_at_a_change_and_no_rule_crosses_it():
    before = [12.0, 8.0] * 4 + [11.0] * 3  # mean 10.27: the last three above it
    after = [13.0] * 4 + [7.0] * 4  # mean 10: the first four above it
    y = before + after
    # Without the change the three 11s and four 13s are a run of 7 above the mean.
    whole = assert_same_as_reference(y)
    assert whole.table["run"].to_list()[8:15] == [True] * 7
    split = assert_same_as_reference(y, rebase_at=[11])
    first, second = split.segments
    assert (first.start, first.stop, second.start, second.stop) == (0, 11, 11, 19)
    assert first.mean == pytest.approx(113 / 11)
    assert second.mean == pytest.approx(10.0)
    assert not any(split.table["run"].to_list())


def test_rising_then_falling_trend_share_the_peak():
    y = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0]
    assert_same_as_reference(y, params=XmrParams(improvement="up"))


@pytest.mark.parametrize(
    "y",
    [[], [5.0], [5.0, 5.0], [1.0, 2.0], [3.0] * 10, [3.0] * 9 + [4.0], list(range(12))],
)
def test_short_and_flat_series(y):
    assert_same_as_reference([float(v) for v in y])


# --- Random series -------------------------------------------------------------------

params_strategy = st.builds(
    XmrParams,
    run_length=st.sampled_from([6, 7]),
    trend_length=st.sampled_from([6, 7]),
    two_of_three=st.sampled_from(["ptd", "excel"]),
    screen_moving_ranges=st.booleans(),
    improvement=st.sampled_from(["up", "down", "neutral"]),
)


@st.composite
def series(draw):
    """Integer-valued series: ties, points on the mean and runs come up often."""
    kind = draw(st.sampled_from(["noise", "few values", "walk"]))
    n = draw(st.integers(0, 45))
    if kind == "noise":
        y = draw(st.lists(st.integers(0, 40), min_size=n, max_size=n))
    elif kind == "few values":
        y = draw(st.lists(st.sampled_from([8, 10, 12, 30]), min_size=n, max_size=n))
    else:
        steps = draw(st.lists(st.integers(-3, 4), min_size=n, max_size=n))
        y, level = [], 20
        for s in steps:
            level += s
            y.append(level)
    return [float(v) for v in y]


@settings(max_examples=300, deadline=None)
@given(
    y=series(),
    params=params_strategy,
    changes=st.lists(st.integers(1, 44), max_size=2, unique=True),
    fix_after=st.one_of(st.none(), st.integers(1, 20)),
)
def test_random_series_match_the_reference(y, params, changes, fix_after):
    rebase_at = sorted(c for c in changes if c < len(y))
    assert_same_as_reference(y, rebase_at=rebase_at, fix_after=fix_after, params=params)
