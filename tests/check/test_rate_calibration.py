"""Rate rows allow for months that are not independent: calibrated on simulated AR(1) counts.

A council's monthly counts wander: a busy month is often followed by
another. A level-change test that takes the months as independent calls
shifts of a few percent "beyond ordinary variation" on councils where
nothing changed (at 300,000 people, −3% in repeat requests). The counts
here are Poisson around a level that follows an AR(1) (ρ = 0.5, as
docs/evidence.md's simulations); with no change, the 95% interval may
exclude no change in at most about 5% of runs, and a real fall is found.
"""

from __future__ import annotations

import numpy as np
import pytest

from whatmatters.check.certainty import (
    NONE,
    SerialCorrelation,
    level_change,
    serial_correlation,
)

BEFORE, AFTER, RUNS, RHO = 24, 24, 400, 0.5


def _counts(rng: np.random.Generator, mean: float, fall: float = 0.0) -> np.ndarray:
    """Monthly counts: Poisson around ``mean`` times a wandering AR(1) level (5% spread)."""
    n, spread = BEFORE + AFTER, 0.05
    level = np.empty(n)
    level[0] = rng.normal(0, spread)
    for t in range(1, n):
        level[t] = RHO * level[t - 1] + rng.normal(0, spread * np.sqrt(1 - RHO**2))
    after = np.r_[np.zeros(BEFORE), np.full(AFTER, np.log1p(-fall))]
    return rng.poisson(mean * np.exp(level + after)).astype(float)


def _claims(runs: list[np.ndarray]) -> float:
    return sum(bool(level_change(y[:BEFORE], y[BEFORE:]).beyond_chance) for y in runs) / len(runs)


def _plain_claims(runs: list[np.ndarray]) -> float:
    """The same test taking months as independent (quasi-Poisson, as before decision 57)."""
    from scipy import stats
    from statsmodels.genmod import families
    from statsmodels.genmod.generalized_linear_model import GLM

    post = np.r_[np.zeros(BEFORE), np.ones(AFTER)]
    design = np.column_stack([np.ones(len(post)), post])
    t = stats.t.ppf(0.975, df=len(post) - 2)
    claims = 0
    for y in runs:
        fit = GLM(y, design, family=families.Poisson()).fit(scale="X2")
        claims += abs(fit.params[1]) > t * fit.bse[1]
    return claims / len(runs)


def test_no_change_in_correlated_counts_is_claimed_at_most_at_the_stated_rate() -> None:
    rng = np.random.default_rng(11)
    runs = [_counts(rng, 2000) for _ in range(RUNS)]
    # 5% stated; 400 runs give a Monte Carlo standard error of about 1.1 points.
    assert _claims(runs) <= 0.075
    # Taking the months as independent claims far more often: the allowance is what calibrates.
    assert _plain_claims(runs) > 0.12


def test_small_correlated_counts_are_calibrated_too() -> None:
    rng = np.random.default_rng(12)
    assert _claims([_counts(rng, 30) for _ in range(RUNS)]) <= 0.075


def test_a_real_ten_percent_fall_in_correlated_counts_is_found() -> None:
    rng = np.random.default_rng(13)
    runs = [_counts(rng, 2000, fall=0.10) for _ in range(100)]
    assert _claims(runs) >= 0.8


def test_the_variance_factor_of_a_mean_is_worked_out_by_hand() -> None:
    # n = 3, correlations 0.5 at lag 1 and 0.25 at lag 2: 1 + 2(2/3·0.5 + 1/3·0.25)
    assert SerialCorrelation(0.5, 0.5).mean_variance_factor(3) == pytest.approx(11 / 6)
    assert NONE.mean_variance_factor(24) == 1.0


def test_alternating_residuals_are_taken_as_no_correlation_never_as_a_narrower_band() -> None:
    zigzag = np.array([1.0, -1.0] * 12)
    assert serial_correlation([zigzag, zigzag]) == NONE


def test_a_wandering_series_is_found_correlated() -> None:
    slow = np.sin(np.arange(24) / 4.0)
    found = serial_correlation([slow - slow.mean()] * 2)
    assert found.first > 0.8 and found.decay > 0.8


def test_with_no_correlation_the_interval_is_the_plain_quasi_poisson_one() -> None:
    from scipy import stats
    from statsmodels.genmod import families
    from statsmodels.genmod.generalized_linear_model import GLM

    before = [100, 90, 110, 95, 105, 92, 108, 97]  # alternating: negative lag-1 correlation
    after = [80, 70, 90, 75, 85, 72, 88, 77]
    sure = level_change(before, after)
    post = np.r_[np.zeros(8), np.ones(8)]
    fit = GLM(
        np.r_[before, after], np.column_stack([np.ones(16), post]), family=families.Poisson()
    ).fit(scale="X2")
    t = stats.t.ppf(0.975, df=14)
    assert sure.high == pytest.approx(np.exp(fit.params[1] + t * fit.bse[1]) - 1)
