"""A baseline carried forward, with a prediction interval that can be trusted.

Cost avoidance compares what the baseline would have cost with what the
after stretch did cost. The weekly cost of a council's services is mostly a
stock (people in care homes, home-care packages) that carries over from
month to month, so the baseline's points are not independent: a straight
line fitted to them, with a band for the scatter around it, claims a change
on most councils where nothing changed (docs/evidence.md: 92% in simulation).

The model here is the one the interrupted-time-series literature uses for
series that carry over (Box & Jenkins; Schaffer, Dobbins & Pearson, *BMC Med
Res Methodol* 2021;21:58): the period-to-period changes of the baseline,
Δyₜ = μ + eₜ, are modelled instead of its levels (an ARIMA(0,1,0) model with
drift μ). The projection starts from the last baseline point and moves by μ̂
a period. Its uncertainty has the two parts a band must carry
(docs/decisions.md #45):

* the changes still to come: the after stretch's h-th point has strayed by
  the sum of h changes, so the band widens with the horizon (serial
  correlation: a stock's level carries every earlier change forward);
* the trend's uncertainty: μ̂ is estimated from the baseline's changes, and
  its error is multiplied by h.

The variance of the changes is their long-run variance, worked out with
Newey–West (Bartlett) weights so that correlation between successive
changes is allowed for too, and never taken below their plain variance (HAC
estimates run low in short series: Turner et al. 2021). The model has one
parameter, the mean change, so the sums are written out here rather than
importing statsmodels (a second of every check's start: decision 65); the
tests hold them to statsmodels' OLS with HAC errors.

Intervals use fixed-b critical values (Kiefer & Vogelsang, *Econometric
Theory* 2005;21:1130–64), not Student's t (decision 69). A month's value of
a stock is its average over the month's days, and the changes of a
time-averaged wander are correlated from one month to the next (Working,
*Econometrica* 1960;28:916–18: about 0.25 at lag 1), which a Newey–West sum
over a few lags of two years' changes only partly sees, and sees noisily.
Fixed-b values allow for both: they treat the bandwidth as the fixed
fraction b of the baseline it is. With t, 7–8% of no-change councils were
claimed at a stated 5%; with fixed-b values, 4–5.5% (tests/check/test_projection.py).

A baseline shorter than ``MIN_BASELINE`` periods is too short to say.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

LEVEL = 0.95
MIN_BASELINE = 12
"""Periods before the change needed to project from: a year of months (NHSRplotthedots
warns below 12 points; a shorter baseline cannot tell a trend from a wander)."""


class TooShort(ValueError):
    """The baseline has too few periods to project from."""


@dataclass(frozen=True)
class Projection:
    """The baseline carried over the after stretch, and how sure it is.

    ``predicted``, ``lower`` and ``upper`` are per after period (the band is
    the ``level`` prediction interval of each period's value);
    ``total_predicted`` and ``total_half_width`` are for the weighted total
    over the after stretch (e.g. £ over its weeks).
    """

    predicted: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    total_predicted: float
    total_half_width: float
    drift: float  # μ̂: the baseline's average change a period
    level: float = LEVEL

    def beyond_chance(self, actual_total: float) -> bool:
        """Whether the actual total lies outside the total's prediction interval."""
        return abs(self.total_predicted - actual_total) > self.total_half_width


def project(
    baseline: Sequence[float], weights: Sequence[float], *, level: float = LEVEL
) -> Projection:
    """Carry ``baseline`` (equally spaced values) forward over ``len(weights)`` periods.

    ``weights`` turn each after period's value into its share of the total
    (weeks in the month, for a weekly cost); all ones for a plain sum.
    """
    y = np.asarray(baseline, dtype=float)
    w = np.asarray(weights, dtype=float)
    if len(y) < MIN_BASELINE:
        raise TooShort(
            f"{len(y)} periods before the change; at least {MIN_BASELINE} are needed to "
            "project a baseline"
        )
    if not np.isfinite(y).all():
        raise ValueError("the baseline has missing values")
    changes = np.diff(y)
    drift, variance = _drift_and_variance(changes)
    h = np.arange(1, len(w) + 1, dtype=float)
    predicted = y[-1] + drift * h
    drift_variance = variance / len(changes)
    t = fixed_b_critical_value(level, bandwidth_fraction(len(changes)))
    spread = np.sqrt(variance * h + drift_variance * h**2)
    # Change j (1…H) moves every later period: its weight is the weights from j on.
    carried = np.cumsum(w[::-1])[::-1]
    total_variance = variance * float(np.sum(carried**2)) + drift_variance * float(h @ w) ** 2
    return Projection(
        predicted=predicted,
        lower=predicted - t * spread,
        upper=predicted + t * spread,
        total_predicted=float(predicted @ w),
        total_half_width=t * float(np.sqrt(total_variance)),
        drift=drift,
        level=level,
    )


def _drift_and_variance(changes: np.ndarray) -> tuple[float, float]:
    """μ̂ and the long-run variance of the changes (never below their plain variance).

    The same figures as statsmodels' ``OLS(changes, 1).fit()`` with
    ``cov_type="HAC"``, Bartlett weights and the small-sample correction:
    for a constant alone, its HAC variance times n is the weighted sum of
    the residuals' autocovariances over n − 1.
    """
    n = len(changes)
    drift = float(np.mean(changes))
    residuals = changes - drift
    plain = float(residuals @ residuals) / (n - 1)
    lags = newey_west_lags(n)
    weighted = float(residuals @ residuals)
    for lag in range(1, lags + 1):
        weight = 1 - lag / (lags + 1)  # Bartlett
        weighted += 2 * weight * float(residuals[lag:] @ residuals[:-lag])
    return drift, max(plain, weighted / (n - 1))


def newey_west_lags(n: int) -> int:
    """Lags of the Bartlett sum for n changes: Newey & West's rule of thumb, at least one."""
    return max(int(np.floor(4 * (n / 100) ** (2 / 9))), 1)


def bandwidth_fraction(n: int) -> float:
    """b: the Bartlett bandwidth over the n changes (lags + 1: the first lag with weight 0)."""
    return (newey_west_lags(n) + 1) / n


# Kiefer & Vogelsang (2005), Bartlett kernel: the fixed-b quantile q of the t statistic
# is a₀ + a₁b + a₂b² + a₃b³ (their fitted polynomials; a₀ is the normal quantile).
_FIXED_B = {
    0.90: (1.2816, 1.3040, 0.5135, -0.3386),
    0.95: (1.6449, 2.1859, 0.3142, -0.3427),
    0.975: (1.9600, 2.9694, 0.4160, -0.5324),
    0.99: (2.3263, 4.0479, 0.7334, -0.9696),
}


def fixed_b_critical_value(level: float, b: float) -> float:
    """The two-sided ``level`` critical value for a Bartlett HAC t statistic with bandwidth b."""
    q = round(0.5 + level / 2, 6)
    if q not in _FIXED_B:
        levels = ", ".join(f"{2 * k - 1:.0%}" for k in _FIXED_B)
        raise ValueError(f"no fixed-b critical value for a {level:.0%} interval (only {levels})")
    a0, a1, a2, a3 = _FIXED_B[q]
    return a0 + a1 * b + a2 * b**2 + a3 * b**3


fixed_b_critical_value(LEVEL, 0.0)  # a level with no value fails here, not as "not enough to say"


def t_quantile(q: float, df: float) -> float:
    """Student's t quantile: SciPy's special function, without scipy.stats (a second to import)."""
    from scipy.special import stdtrit

    return float(stdtrit(df, q))
