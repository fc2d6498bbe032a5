"""How sure a before/after figure is: an interval, and whether the change is beyond chance.

Each results row compares the stretch after the change with the one before.
A difference between two stretches is never zero, so each row says whether
its difference is more than ordinary variation would make, at a stated level
(95%), with the method chosen for what the measure is (docs/decisions.md #46):

* **Counts** (placements started, contacts, requests, assessments) and
  **rates** (shares, mean days): a level-change regression of the periods'
  numerators, quasi-Poisson (Poisson with its scale estimated from the
  periods' own scatter, so over-dispersion widens the interval), with the
  periods' denominators as exposure for rates (Wagner et al. 2002; Lopez
  Bernal et al. 2017). The interval is of the ratio after/before. Months
  are not independent (a busy month is often followed by another), so the
  variance of each stretch's level is widened for the correlation between
  successive periods, estimated from the fit's residuals (a wandering AR(1)
  level plus each period's own scatter) and corrected for its known bias in
  short series (``serial_correlation``; decision 57).
* **Stocks** (people in care, care hours, weekly cost): they carry over from
  month to month, so the before stretch's level is not what the after
  stretch would have been; the after figure is compared with the baseline
  projected forward (``projection``), as cost avoidance is.

Nothing is claimed where the numbers are too few to fit (a stretch of zeros,
a baseline too short to project).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from whatmatters.check.projection import LEVEL, TooShort, project, t_quantile

# The results table's three verdicts: labels of a category (like a unit), which the
# report's readings say in the reader's language; every sentence is in report/readings.
WITHIN = "within ordinary variation"
BEYOND = f"beyond ordinary variation ({LEVEL:.0%})"
NOT_ENOUGH_TO_SAY = "not enough to say"


@dataclass(frozen=True)
class Certainty:
    """A change's interval (relative: 0.1 is +10%) and whether it is beyond chance."""

    low: float | None
    high: float | None
    beyond_chance: bool | None  # None: not enough to say
    estimate: float | None = None
    """The central relative change: the regression's, or a stock's against its projection."""

    @property
    def verdict(self) -> str:
        if self.beyond_chance is None:
            return NOT_ENOUGH_TO_SAY
        return BEYOND if self.beyond_chance else WITHIN


NOT_ENOUGH = Certainty(None, None, None)


def level_change(
    before: Sequence[float],
    after: Sequence[float],
    exposure_before: Sequence[float] | None = None,
    exposure_after: Sequence[float] | None = None,
) -> Certainty:
    """Quasi-Poisson level change between two stretches of per-period numerators.

    With exposures (the periods' denominators) it compares rates: numerator
    per unit of exposure. Returns the interval of after/before − 1.
    """
    y = np.asarray([*before, *after], dtype=float)
    post = np.r_[np.zeros(len(before)), np.ones(len(after))]
    if exposure_before is None or exposure_after is None:
        exposure = np.ones(len(y))
    else:
        exposure = np.asarray([*exposure_before, *exposure_after], dtype=float)
    keep = (exposure > 0) & np.isfinite(exposure) & np.isfinite(y)
    y, post, exposure = y[keep], post[keep], exposure[keep]
    if len(y) < 4 or post.sum() < 2 or (1 - post).sum() < 2 or y.min() < 0:
        return NOT_ENOUGH
    if y[post == 0].sum() == 0 or y[post == 1].sum() == 0:
        return NOT_ENOUGH
    estimate, fitted = _poisson_fit(y, post, exposure)
    se, df = _serially_correlated_se(fitted, y, post)
    t = float(t_quantile(0.5 + LEVEL / 2, df=max(df, 1.0)))
    if not np.isfinite(se):
        return NOT_ENOUGH
    low, high = np.exp(estimate - t * se) - 1, np.exp(estimate + t * se) - 1
    beyond = bool(low > 0 or high < 0)
    return Certainty(float(low), float(high), beyond, float(np.exp(estimate) - 1))


def against_projection(
    baseline: Sequence[float], after: Sequence[float], weights: Sequence[float] | None = None
) -> Certainty:
    """A stock's after stretch against its baseline projected forward.

    ``weights`` add the periods into the after figure (weeks, for a cost);
    by default the after figure is the average of its periods.
    """
    w = np.full(len(after), 1 / len(after)) if weights is None else np.asarray(weights, float)
    try:
        p = project(baseline, w)
    except (TooShort, ValueError):
        return NOT_ENOUGH
    actual = float(np.asarray(after, dtype=float) @ w)
    if p.total_predicted <= 0:
        return NOT_ENOUGH
    low = (actual - p.total_predicted - p.total_half_width) / p.total_predicted
    high = (actual - p.total_predicted + p.total_half_width) / p.total_predicted
    beyond = p.beyond_chance(actual)
    return Certainty(low, high, beyond, (actual - p.total_predicted) / p.total_predicted)


def _poisson_fit(y: np.ndarray, post: np.ndarray, exposure: np.ndarray) -> tuple[float, np.ndarray]:
    """A Poisson regression of ``y`` on before/after: the log rate ratio and the fitted values.

    With only a level for each stretch the regression's maximum is exact,
    not iterated: each stretch's fitted rate is its total over its exposure
    (the score equations say so), so its coefficient is the log of the ratio
    of the two rates. The tests hold this to statsmodels' GLM; statsmodels
    itself is not imported here (a second of every check's start: decision
    65). The scale (quasi-Poisson) is the Pearson scatter, worked out below.
    """
    rates = [y[post == side].sum() / exposure[post == side].sum() for side in (0, 1)]
    fitted = exposure * np.where(post == 1, rates[1], rates[0])
    return float(np.log(rates[1]) - np.log(rates[0])), fitted


def _serially_correlated_se(
    fitted: np.ndarray, y: np.ndarray, post: np.ndarray
) -> tuple[float, float]:
    """The level change's standard error and degrees of freedom, allowing for correlated periods.

    With correlation cₖ between periods k apart, the mean of n successive
    periods has variance σ²/n · f, f = 1 + 2Σₖ(1 − k/n)cₖ, and the scatter
    about each stretch's own mean shrinks by f/n of a period's variance: both
    are allowed for, so neither the scale (quasi-Poisson dispersion) nor each
    stretch's variance is understated. Correlated periods carry less
    information than independent ones: the degrees of freedom are those of
    the effective number of periods, Σ n/f, less the two fitted levels. With
    no correlation this is the plain quasi-Poisson standard error.
    """
    pearson = (y - fitted) / np.sqrt(fitted)
    stretches = [post == 0, post == 1]
    correlation = serial_correlation([pearson[s] for s in stretches])
    sizes = [int(s.sum()) for s in stretches]
    inflation = [correlation.mean_variance_factor(n) for n in sizes]
    dispersion = float(pearson @ pearson) / max(
        sum(n - f for n, f in zip(sizes, inflation, strict=True)), 1.0
    )
    variance = sum(f / fitted[s].sum() for f, s in zip(inflation, stretches, strict=True))
    effective = sum(n / f for n, f in zip(sizes, inflation, strict=True))
    return float(np.sqrt(max(dispersion, 1e-12) * variance)), effective - 2


@dataclass(frozen=True)
class SerialCorrelation:
    """Correlation between periods k apart: ``first`` · ``decay``^(k−1) (ARMA(1,1)'s pattern).

    A month's count is a slowly wandering level (an AR(1): a busy month is
    followed by another) plus its own independent scatter (Poisson): the
    correlation of neighbours is diluted by the scatter (``first``), and
    then dies away at the level's own rate (``decay``).
    """

    first: float
    decay: float

    def mean_variance_factor(self, n: int) -> float:
        """f: the variance of a mean of n periods over that of n independent ones."""
        k = np.arange(1, n)
        return float(1 + 2 * np.sum((1 - k / n) * self.first * self.decay ** (k - 1)))


NONE = SerialCorrelation(0.0, 0.0)


def serial_correlation(stretches: Sequence[np.ndarray]) -> SerialCorrelation:
    """The residuals' correlation at lags 1 and 2 within stretches, bias-corrected.

    The plain estimates run low in short series whose mean is estimated, by
    about (1 + 3ρ)/n for an AR(1) (Marriott & Pope 1954; Kendall 1954), and
    most in the short series a check compares: lag 1 is corrected by inverting
    that bias and lag 2 shifted by the same amount. A negative correlation is
    taken as none: the interval is never narrowed below the plain one.
    """
    total = sum(float(r @ r) for r in stretches)
    n = float(np.mean([len(r) for r in stretches]))
    if total <= 0 or n <= 3:
        return NONE
    lag1 = sum(float(r[1:] @ r[:-1]) for r in stretches if len(r) > 1) / total
    lag2 = sum(float(r[2:] @ r[:-2]) for r in stretches if len(r) > 2) / total
    first = (n * lag1 + 1) / (n - 3)
    if first <= 0:
        return NONE
    second = lag2 + (first - lag1)
    decay = float(np.clip(second / first, 0.0, 0.95))
    return SerialCorrelation(float(min(first, 0.95)), decay)
