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
    rng = _own_stream(ctx)
    first = np.floor(start)
    late = np.floor(end) - first >= m.target_days + 1
    rushed = late & (rng.random(len(end)) < m.target_rush_share)
    # Each whole day of the band equally likely; a quarter into the day, so never before start.
    back = rng.integers(0, int(m.target_rush_days), len(end))
    inside = np.maximum(first + m.target_days - back + 0.25, start)
    return np.where(rushed, inside, end)


def _own_stream(ctx: Context) -> np.random.Generator:
    """Random numbers of the mechanism's own, spawned from the council's seed.

    The council's stream is left as it was, so a council with the mechanism
    on differs from one with it off only in the rushed work (turning it on
    does not reshuffle every later draw).
    """
    return np.random.default_rng(ctx.rng.bit_generator.seed_seq.spawn(1)[0])
