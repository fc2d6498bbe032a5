"""Teams and their workers.

Each team has a fixed number of workers, scaled with the council's population;
worker identifiers are codes into one vocabulary of pseudonymous names such as
``assessment-007``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from whatmatters.council.codes import Team
from whatmatters.council.rows import vocabulary

TEAMS = vocabulary(Team)
TEAM_CODE = {team: i for i, team in enumerate(Team)}


@dataclass(frozen=True)
class Staff:
    """Workers of every team: worker codes ``first[team] … first[team] + count[team] - 1``."""

    names: tuple[str, ...]
    first: np.ndarray
    count: np.ndarray

    def draw(self, rng: np.random.Generator, teams: np.ndarray) -> np.ndarray:
        """A worker of each given team (team codes), chosen at random."""
        teams = np.asarray(teams, dtype=np.int64)
        return self.first[teams] + np.floor(rng.random(len(teams)) * self.count[teams]).astype(
            np.int64
        )

    def named(self, teams: np.ndarray, person_number: np.ndarray) -> np.ndarray:
        """Each person's own worker in each given team: the same every time they come."""
        teams = np.asarray(teams, dtype=np.int64)
        return self.first[teams] + (np.asarray(person_number) * 7919) % self.count[teams]


def make_staff(population: int, workers_per_300k: float) -> Staff:
    """Every team gets ``workers_per_300k`` workers per 300,000 people (at least two)."""
    per_team = max(2, round(workers_per_300k * population / 300_000))
    names: list[str] = []
    first = []
    for team in Team:
        first.append(len(names))
        stem = team.name.lower().replace("_", "-")
        names.extend(f"{stem}-{k:03d}" for k in range(1, per_team + 1))
    count = np.full(len(Team), per_team, dtype=np.int64)
    return Staff(tuple(names), np.array(first, dtype=np.int64), count)
