"""The projected baseline: exact on a straight line, calibrated on series where nothing changed.

The calibration tests simulate councils' weekly cost the way it arises — a
stock of people that carries over month to month (arrivals Poisson, each
leaving with a monthly chance), read at each month's end or, as the check
reads it, averaged over the month's days — and plain independent scatter
around a trend. On such series with no change the total's 95% interval must miss in
at most about 5% of runs; with a real fall it must find it.
"""

from __future__ import annotations

import numpy as np
import pytest

from whatmatters.check.projection import (
    MIN_BASELINE,
    TooShort,
    bandwidth_fraction,
    fixed_b_critical_value,
    project,
)

BEFORE, AFTER, RUNS = 24, 24, 400
WEEKS = np.full(AFTER, 52 / 12)


def test_a_straight_line_is_carried_on_exactly_with_no_band() -> None:
    baseline = [100.0 + 5 * k for k in range(BEFORE)]
    p = project(baseline, np.ones(3))
    assert p.predicted.tolist() == pytest.approx([220.0, 225.0, 230.0])
    assert p.drift == pytest.approx(5.0)
    assert p.total_predicted == pytest.approx(675.0)
    assert p.total_half_width == pytest.approx(0.0, abs=1e-9)
    assert not p.beyond_chance(675.0) and p.beyond_chance(676.0)


def test_the_band_widens_with_the_horizon_and_carries_the_trends_uncertainty() -> None:
    rng = np.random.default_rng(1)
    baseline = np.cumsum(rng.normal(0, 1, BEFORE)) + 50
    p = project(baseline, np.ones(AFTER))
    width = p.upper - p.lower
    assert (np.diff(width) > 0).all()
    # Wider than the changes still to come alone (σ√h): the drift's error counts too.
    changes = np.diff(baseline)
    critical = fixed_b_critical_value(0.95, bandwidth_fraction(len(changes)))
    noise_only = 2 * critical * changes.std(ddof=1) * np.sqrt(np.arange(1, AFTER + 1))
    assert (width[-6:] > noise_only[-6:]).all()


def test_a_short_baseline_is_refused_by_name() -> None:
    with pytest.raises(TooShort, match=f"at least {MIN_BASELINE}"):
        project(np.arange(MIN_BASELINE - 1, dtype=float), np.ones(3))


def _stock(rng: np.random.Generator, months: int, arrivals: float, leave: float) -> np.ndarray:
    """People in care at each month end: arrivals Poisson, each leaving with chance ``leave``."""
    level = int(arrivals / leave)
    out = []
    for _ in range(months):
        level = level + rng.poisson(arrivals) - rng.binomial(level, leave)
        out.append(level)
    return np.array(out, dtype=float)


def _false_claims(series: list[np.ndarray]) -> float:
    claims = 0
    for y in series:
        p = project(y[:BEFORE], WEEKS)
        claims += p.beyond_chance(float(y[BEFORE:] @ WEEKS))
    return claims / len(series)


def test_no_change_in_a_stock_is_claimed_at_most_at_the_stated_rate() -> None:
    rng = np.random.default_rng(7)
    series = [_stock(rng, BEFORE + AFTER, 25, 0.03) * 1185.55 for _ in range(RUNS)]
    # 5% stated; 400 runs give a Monte Carlo standard error of about 1.1 points.
    assert _false_claims(series) <= 0.075


def _daily_stock_averaged(rng: np.random.Generator, runs: int, months: int) -> np.ndarray:
    """People in care on each day (arrivals Poisson, each leaving with a daily chance),
    averaged over each month's 30 days as the check's stock measures are."""
    arrivals, leave = 25 / 30, 0.03 / 30
    level = np.full(runs, round(arrivals / leave))
    days = []
    for _ in range(months * 30):
        level = level + rng.poisson(arrivals, runs) - rng.binomial(level, leave)
        days.append(level)
    return np.stack(days, axis=1).reshape(runs, months, 30).mean(axis=2)


def test_no_change_in_a_stock_averaged_over_each_month_is_claimed_at_most_at_the_rate() -> None:
    # A monthly average's changes are correlated (Working 1960): with Student's t and
    # the Newey–West sum this claimed 7.3% on these runs (decision 69); 2,000 runs give a
    # Monte Carlo standard error of 0.5 points.
    series = _daily_stock_averaged(np.random.default_rng(12), 2000, BEFORE + AFTER) * 1185.55
    assert _false_claims(list(series)) <= 0.06


def test_the_fixed_b_values_agree_with_a_simulation_of_their_limit() -> None:
    # Kiefer & Vogelsang's limit: the t statistic of a mean of independent normals whose
    # Bartlett bandwidth is the fraction b of the series (long series stand for the limit).
    rng = np.random.default_rng(13)
    length, runs, b = 300, 8000, 0.2
    u = rng.standard_normal((runs, length))
    r = u - u.mean(axis=1, keepdims=True)
    bandwidth = round(b * length)
    omega = (r * r).sum(axis=1)
    for lag in range(1, bandwidth):
        omega += 2 * (1 - lag / bandwidth) * (r[:, lag:] * r[:, :-lag]).sum(axis=1)
    t = np.abs(u.sum(axis=1) / np.sqrt(omega))
    for level in (0.80, 0.90, 0.95, 0.98):
        simulated = float(np.quantile(t, level))
        assert fixed_b_critical_value(level, b) == pytest.approx(simulated, rel=0.025)
    assert fixed_b_critical_value(0.95, 0.0) == pytest.approx(1.96)
    assert fixed_b_critical_value(0.95, bandwidth_fraction(23)) == pytest.approx(2.3532, abs=1e-4)


def test_a_fixed_b_value_for_an_unlisted_level_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="99% interval"):
        fixed_b_critical_value(0.99, bandwidth_fraction(23))


def test_no_change_in_independent_scatter_around_a_trend_is_claimed_at_most_at_the_rate() -> None:
    rng = np.random.default_rng(8)
    t = np.arange(BEFORE + AFTER)
    series = [1000 + 3 * t + rng.normal(0, 40, len(t)) for _ in range(RUNS)]
    assert _false_claims(series) <= 0.075


def test_a_real_fall_in_admissions_is_found() -> None:
    # 28% fewer placements from the change (the seed's figure) in a 300k council's stock.
    rng = np.random.default_rng(9)
    found = 0
    for _ in range(200):
        before = _stock(rng, BEFORE, 25, 0.03)
        level, after = before[-1], []
        for _ in range(AFTER):
            level = level + rng.poisson(25 * 0.72) - rng.binomial(int(level), 0.03)
            after.append(level)
        y = np.concatenate([before, after]) * 1185.55
        p = project(y[:BEFORE], WEEKS)
        actual = float(y[BEFORE:] @ WEEKS)
        found += p.beyond_chance(actual) and actual < p.total_predicted
    assert found / 200 >= 0.5
