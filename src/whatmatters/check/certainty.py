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
  Bernal et al. 2017). The interval is of the ratio after/before.
* **Stocks** (people in care, care hours, weekly cost): they carry over from
  month to month, so the before stretch's level is not what the after
  stretch would have been; the after figure is compared with the baseline
  projected forward (``projection``), as cost avoidance is.

Nothing is claimed where the numbers are too few to fit (a stretch of zeros,
a baseline too short to project).
"""

from __future__ import annotations

import warnings
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
    try:
        with warnings.catch_warnings():  # a perfect fit (no scatter) is said as such below
            warnings.simplefilter("ignore")
            fit = _poisson_fit(y, post, exposure)
    except (ValueError, np.linalg.LinAlgError):  # too few or too odd numbers to fit
        return NOT_ENOUGH
    t = float(t_quantile(0.5 + LEVEL / 2, df=max(len(y) - 2, 1)))
    estimate, se = float(fit.params[1]), float(fit.bse[1])
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


def _poisson_fit(y: np.ndarray, post: np.ndarray, exposure: np.ndarray):
    """A Poisson regression of ``y`` on before/after, its scale from the scatter (quasi-Poisson)."""
    # statsmodels takes seconds to import: only a check that reaches its results pays for it
    from statsmodels.genmod import families
    from statsmodels.genmod.generalized_linear_model import GLM

    design = np.column_stack([np.ones(len(post)), post])
    return GLM(y, design, family=families.Poisson(), offset=np.log(exposure)).fit(scale="X2")
