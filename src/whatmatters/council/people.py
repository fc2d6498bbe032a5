"""The adult population of a chunk: ages, CLD details, and when each person leaves.

People are drawn by age band in the published proportions. Each person may die
or move away during the run (yearly hazards by band); the first of the two is
when the person leaves the council's records.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from whatmatters.council.codes import Band
from whatmatters.council.parameters import Parameters

DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class Choice:
    """A person-level CLD value as codes into its vocabulary."""

    codes: np.ndarray
    vocabulary: tuple[str, ...]


@dataclass
class People:
    """The adults of one chunk; arrays are indexed by the person's number in the chunk."""

    first: int  # the council-wide number of person 0
    band: np.ndarray
    birth_day: np.ndarray  # days from the run's start (negative)
    female: np.ndarray
    locality: np.ndarray
    exit_day: np.ndarray  # when the person leaves (inf: stays beyond the run)
    exit_death: np.ndarray  # leaving is by death (else by moving away)
    ethnicity: Choice
    support_reason: Choice
    employment: Choice
    has_unpaid_carer: Choice
    client_funding_status: Choice
    accommodation_at_home: Choice

    def __len__(self) -> int:
        return len(self.band)


def _choose(rng: np.random.Generator, table: dict[str, float], n: int) -> Choice:
    vocabulary = tuple(table)
    shares = np.array([table[k] for k in vocabulary])
    return Choice(rng.choice(len(vocabulary), size=n, p=shares / shares.sum()), vocabulary)


def _by_band(
    rng: np.random.Generator, young: dict[str, float], old: dict[str, float], band: np.ndarray
) -> Choice:
    vocabulary = tuple(dict.fromkeys([*young, *old]))
    codes = np.empty(len(band), dtype=np.int64)
    for table, mask in ((young, band == Band.BAND_18_64), (old, band != Band.BAND_18_64)):
        index = np.array([vocabulary.index(k) for k in table])
        shares = np.array(list(table.values()))
        codes[mask] = index[rng.choice(len(table), size=int(mask.sum()), p=shares / shares.sum())]
    return Choice(codes, vocabulary)


def make_people(
    rng: np.random.Generator, n: int, first: int, p: Parameters, horizon: float, localities: int
) -> People:
    """``n`` adults drawn in the published age-band proportions."""
    pop = p.population
    shares = np.array(
        [1 - pop.share_65_plus, pop.share_65_plus - pop.share_85_plus, pop.share_85_plus]
    )
    band = rng.choice(3, size=n, p=shares).astype(np.int8)
    age = np.where(
        band == Band.BAND_18_64,
        rng.uniform(18, 65, n),
        np.where(
            band == Band.BAND_65_84,
            rng.uniform(65, 85, n),
            np.minimum(85 + rng.exponential(5.0, n), pop.oldest_age - 0.01),
        ),
    )
    female_share = np.array([pop.female_share[b.key] for b in Band])
    death = np.array([pop.death_rate[b.key] for b in Band])[band]
    move = np.array([pop.move_away_rate[b.key] for b in Band])[band]
    death_day = rng.exponential(1.0, n) / np.maximum(death, 1e-12) * DAYS_PER_YEAR
    move_day = rng.exponential(1.0, n) / np.maximum(move, 1e-12) * DAYS_PER_YEAR
    exit_day = np.minimum(death_day, move_day)
    details = p.person_details
    return People(
        first=first,
        band=band,
        birth_day=-age * DAYS_PER_YEAR,
        female=rng.random(n) < female_share[band],
        locality=rng.integers(0, localities, n).astype(np.int8),
        exit_day=np.where(exit_day < horizon, exit_day, np.inf),
        exit_death=death_day <= move_day,
        ethnicity=_choose(rng, details.ethnicity, n),
        support_reason=_by_band(
            rng, details.support_reason_18_64, details.support_reason_65_plus, band
        ),
        employment=_by_band(rng, details.employment_18_64, details.employment_65_plus, band),
        has_unpaid_carer=_choose(rng, details.has_unpaid_carer, n),
        client_funding_status=_choose(rng, details.client_funding_status, n),
        accommodation_at_home=_choose(rng, details.accommodation_at_home, n),
    )
