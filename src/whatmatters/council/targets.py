"""The target mechanism: work rushed or closed to meet a deadline.

Under the menu design the council manages assessments against a target
("completed within ``target_days`` days"). An assessment that would run past
it is, with chance ``target_rush_share``, finished or closed in the last
``target_rush_days`` days before the deadline instead: the heaping just
inside a target that the seed's check found ("targets and indicators
driving behaviour"). The what-matters design keeps the target on the books
but rushes nothing (share 0).

Durations are counted as the check counts them: whole days from the
start's day to the end's day, so "within 28 days" is 28 days or fewer, and a rushed
assessment ends on day ``target_days - target_rush_days + 1`` to
``target_days`` (days 26 to 28 of 28).
"""

from __future__ import annotations

import numpy as np

from whatmatters.council.context import Context
from whatmatters.council.parameters import Mechanisms


def meet_target(ctx: Context, start: np.ndarray, end: np.ndarray, m: Mechanisms) -> np.ndarray:
    """The end of each piece of work after the target's pull: rushed ones end just inside it.

    The journal records days (``records``: a day's fraction is dropped), so
    lateness and the band are counted in whole calendar days from the start's day.
    """
    if m.target_rush_share <= 0:
        return end
    first = np.floor(start)
    late = np.floor(end) - first >= m.target_days + 1
    rushed = late & ctx.chance(m.target_rush_share, len(end))
    # Each whole day of the band equally likely; a quarter into the day, so never before start.
    back = ctx.rng.integers(0, int(m.target_rush_days), len(end))
    inside = np.maximum(first + m.target_days - back + 0.25, start)
    return np.where(rushed, inside, end)
