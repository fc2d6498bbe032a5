"""What every step of the model needs: random numbers, the rows being built, parameters."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from whatmatters.council.codes import LOCAL_TEAMS
from whatmatters.council.parameters import Parameters
from whatmatters.council.people import People
from whatmatters.council.phrases import PhraseBank
from whatmatters.council.rows import Rows
from whatmatters.council.staff import TEAM_CODE, Staff

LOCAL_TEAM_CODES = np.array([TEAM_CODE[t] for t in LOCAL_TEAMS], dtype=np.int64)


@dataclass
class Context:
    """One chunk's simulation state shared by the model's steps."""

    rng: np.random.Generator
    rows: Rows
    p: Parameters
    people: People
    staff: Staff
    phrases: PhraseBank
    origin: float  # the run's first day (days before it are the warm-up, not written)
    horizon: float  # the day the run ends
    switch_day: float  # the what-matters design applies from this day (inf: never)

    def what_matters_at(self, day: np.ndarray) -> np.ndarray:
        """Whether the what-matters design is in force on each day."""
        return np.asarray(day) >= self.switch_day

    def local_team(self, person: np.ndarray) -> np.ndarray:
        """Each person's neighbourhood team (team codes)."""
        return LOCAL_TEAM_CODES[self.people.locality[person] % len(LOCAL_TEAM_CODES)]

    def gamma_days(self, mean: float, n: int, shape: float = 2.0) -> np.ndarray:
        """Waiting or working times: gamma-distributed days with the given mean."""
        if mean <= 0:
            return np.zeros(n)
        return self.rng.gamma(shape, mean / shape, n)

    def chance(self, p: float | np.ndarray, n: int) -> np.ndarray:
        return self.rng.random(n) < p

    def choose(self, table: dict[str, float], n: int) -> np.ndarray:
        """Positions in ``table`` drawn with its shares."""
        shares = np.array(list(table.values()), dtype=np.float64)
        return self.rng.choice(len(shares), size=n, p=shares / shares.sum())
