"""The results' fits, written out in numpy, give statsmodels' and SciPy's figures (decision 65).

The check does not import statsmodels or scipy.stats (a second of every run):
the quasi-Poisson level change is solved exactly, the projection's HAC
variance summed directly, the t quantile taken from scipy.special. Here the
libraries are the oracle, on many series of the kinds a check compares:
counts with and without over-dispersion, rates with exposures, short and long
stretches, zeros, stocks that wander and that trend.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from statsmodels.genmod import families
from statsmodels.genmod.generalized_linear_model import GLM
from statsmodels.regression.linear_model import OLS

from whatmatters.check.certainty import (
    NOT_ENOUGH,
    _poisson_fit,
    _serially_correlated_se,
    level_change,
)
from whatmatters.check.projection import _drift_and_variance, project, t_quantile

TOLERANCE = 1e-9


def _count_stretches(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """A before and after stretch of counts (sometimes rates with exposures)."""
    n_before, n_after = rng.integers(2, 40, size=2)
    level = rng.choice([0.8, 5.0, 60.0, 2000.0])
    ratio = rng.choice([1.0, 0.7, 1.4])
    means = np.r_[np.full(n_before, level), np.full(n_after, level * ratio)]
    if rng.random() < 0.5:  # over-dispersed: a gamma-mixed Poisson
        means = means * rng.gamma(4.0, 0.25, size=len(means))
    exposure = rng.integers(20, 400, size=len(means)).astype(float) if rng.random() < 0.4 else None
    if exposure is not None:
        means = means * exposure / exposure.mean()
    return rng.poisson(means).astype(float), np.r_[np.zeros(n_before), np.ones(n_after)], exposure


def _statsmodels_level_change(y: np.ndarray, post: np.ndarray, exposure: np.ndarray):
    """The same fit by statsmodels' GLM (iterated), as the check did before decision 65."""
    design = np.column_stack([np.ones(len(post)), post])
    return GLM(y, design, family=families.Poisson(), offset=np.log(exposure)).fit(scale="X2")


def _both_sides_counted(y: np.ndarray, post: np.ndarray) -> bool:
    return y[post == 0].sum() > 0 and y[post == 1].sum() > 0


def test_the_exact_poisson_fit_is_statsmodels_glm_on_many_series() -> None:
    rng = np.random.default_rng(64)
    compared = 0
    for _ in range(400):
        y, post, exposure = _count_stretches(rng)
        if not _both_sides_counted(y, post):
            continue
        offset = np.ones(len(y)) if exposure is None else exposure
        estimate, fitted = _poisson_fit(y, post, offset)
        oracle = _statsmodels_level_change(y, post, offset)
        assert estimate == pytest.approx(oracle.params[1], rel=TOLERANCE, abs=TOLERANCE)
        np.testing.assert_allclose(fitted, oracle.fittedvalues, rtol=TOLERANCE)
        compared += 1
    assert compared > 300


def test_the_whole_interval_is_the_one_statsmodels_and_scipy_stats_give() -> None:
    rng = np.random.default_rng(57)
    compared = 0
    for _ in range(300):
        y, post, exposure = _count_stretches(rng)
        before, after = y[post == 0], y[post == 1]
        if exposure is None:
            sure = level_change(before, after)
            offset = np.ones(len(y))
        else:
            sure = level_change(before, after, exposure[post == 0], exposure[post == 1])
            offset = exposure
        if not _both_sides_counted(y, post) or len(before) < 2 or len(after) < 2:
            assert sure == NOT_ENOUGH
            continue
        oracle = _statsmodels_level_change(y, post, offset)
        se, df = _serially_correlated_se(np.asarray(oracle.fittedvalues), y, post)
        t = stats.t.ppf(0.975, df=max(df, 1.0))
        low = np.exp(oracle.params[1] - t * se) - 1
        high = np.exp(oracle.params[1] + t * se) - 1
        assert sure.low == pytest.approx(low, rel=TOLERANCE, abs=TOLERANCE)
        assert sure.high == pytest.approx(high, rel=TOLERANCE, abs=TOLERANCE)
        assert sure.estimate == pytest.approx(np.exp(oracle.params[1]) - 1, abs=TOLERANCE)
        compared += 1
    assert compared > 200


def test_the_t_quantile_is_scipy_stats() -> None:
    for df in [1.0, 1.5, 2.0, 3.7, 7.0, 11.0, 23.4, 60.0, 500.0]:
        for q in [0.5, 0.9, 0.975, 0.995]:
            assert t_quantile(q, df) == pytest.approx(stats.t.ppf(q, df=df), rel=1e-12)


def _baseline(rng: np.random.Generator) -> np.ndarray:
    """A stock's baseline: a random walk with drift, sometimes with correlated steps."""
    n = int(rng.integers(12, 80))
    steps = rng.normal(rng.choice([0.0, 2.0, -5.0]), rng.choice([0.5, 10.0]), size=n)
    if rng.random() < 0.5:  # correlated changes (an AR(1) in the steps)
        for i in range(1, n):
            steps[i] += 0.6 * steps[i - 1]
    return rng.choice([50.0, 3000.0]) + np.cumsum(steps)


def test_the_drift_and_long_run_variance_are_statsmodels_ols_with_hac_errors() -> None:
    rng = np.random.default_rng(45)
    for _ in range(300):
        changes = np.diff(_baseline(rng))
        n = len(changes)
        fit = OLS(changes, np.ones(n)).fit()
        lags = max(int(np.floor(4 * (n / 100) ** (2 / 9))), 1)
        hac = fit.get_robustcov_results(cov_type="HAC", maxlags=lags, use_correction=True)
        expected = max(float(fit.mse_resid), float(hac.bse[0] ** 2) * n)
        drift, variance = _drift_and_variance(changes)
        assert drift == pytest.approx(fit.params[0], rel=TOLERANCE, abs=TOLERANCE)
        assert variance == pytest.approx(expected, rel=TOLERANCE)


def test_a_projection_band_is_unchanged_by_the_written_out_sums() -> None:
    # One baseline's band worked out through statsmodels and scipy.stats, end to end.
    rng = np.random.default_rng(21)
    baseline = _baseline(rng)
    weights = np.full(9, 4.3)
    changes = np.diff(baseline)
    fit = OLS(changes, np.ones(len(changes))).fit()
    lags = max(int(np.floor(4 * (len(changes) / 100) ** (2 / 9))), 1)
    hac = fit.get_robustcov_results(cov_type="HAC", maxlags=lags, use_correction=True)
    variance = max(float(fit.mse_resid), float(hac.bse[0] ** 2) * len(changes))
    h = np.arange(1, 10, dtype=float)
    # Kiefer & Vogelsang's 97.5% value, the bandwidth (lags + 1) a fraction b of the changes.
    b = (lags + 1) / len(changes)
    t = 1.96 + 2.9694 * b + 0.4160 * b**2 - 0.5324 * b**3
    spread = t * np.sqrt(variance * h + variance / len(changes) * h**2)
    p = project(baseline, weights)
    np.testing.assert_allclose(p.predicted, baseline[-1] + fit.params[0] * h, rtol=TOLERANCE)
    np.testing.assert_allclose(p.upper - p.predicted, spread, rtol=TOLERANCE)
