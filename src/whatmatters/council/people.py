"""The adult population of a chunk: ages, CLD details, and when each person leaves.

People are drawn by age band in the published proportions. Each person may die
or move away (yearly hazards by band); the first of the two is when the person
leaves. Whoever leaves is replaced on that day by a newcomer of the same age
band (someone moving in, or growing older into the band), so the population
and its age mix stay steady through the run, as a council's do.

Some leave earlier than those background hazards say: a care-home stay or
home care that ends in death or a move ends the person's time here. Their
planned successors are then vacated (``vacate_successors``) and the model
brings in replacements on the day they left (``people_arriving``); without
that, the population shrank by about 0.2% a year, and demand with it
(decision 67).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from whatmatters.council.codes import Band
from whatmatters.council.parameters import Parameters

DAYS_PER_YEAR = 365.25
_BAND_AGES = ((18.0, 65.0), (65.0, 85.0))


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
    birth_day: np.ndarray  # days from the model's day 0 (the burn-in's first day)
    female: np.ndarray
    locality: np.ndarray
    arrival_day: np.ndarray  # 0, or the day a newcomer arrived
    exit_day: np.ndarray  # when the person leaves (inf: stays beyond the run)
    exit_death: np.ndarray  # leaving is by death (else by moving away)
    successor: np.ndarray  # who arrives when this person leaves as planned (-1: none)
    ethnicity: Choice
    support_reason: Choice
    employment: Choice
    has_unpaid_carer: Choice
    client_funding_status: Choice
    accommodation_at_home: Choice

    def __len__(self) -> int:
        return len(self.band)

    def years_present(self, horizon: float) -> np.ndarray:
        """Years each person lives in the council during the model's time."""
        return (np.minimum(self.exit_day, horizon) - self.arrival_day) / DAYS_PER_YEAR

    def vacate_successors(self, person: np.ndarray) -> None:
        """Those who were to replace ``person`` never come (nor do theirs): others replace
        ``person`` on the day they actually left. A vacated person has left before the
        model's first day, so none of their rows is kept (not even a hospital stay the
        model dated before their arrival) and no death is recorded."""
        later = self.successor[person]
        while (later := later[later >= 0]).size:
            self.exit_day[later] = -np.inf
            self.exit_death[later] = False
            later = self.successor[later]


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


def _ages(rng: np.random.Generator, band: np.ndarray, oldest: float) -> np.ndarray:
    n = len(band)
    return np.where(
        band == Band.BAND_18_64,
        rng.uniform(*_BAND_AGES[0], n),
        np.where(
            band == Band.BAND_65_84,
            rng.uniform(*_BAND_AGES[1], n),
            np.minimum(85 + rng.exponential(5.0, n), oldest - 0.01),
        ),
    )


def _leaving(
    rng: np.random.Generator, p: Parameters, band: np.ndarray, arrival: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    pop = p.population
    death = np.array([pop.death_rate[b.key] for b in Band])[band]
    move = np.array([pop.move_away_rate[b.key] for b in Band])[band]
    n = len(band)
    death_after = rng.exponential(1.0, n) / np.maximum(death, 1e-12) * DAYS_PER_YEAR
    move_after = rng.exponential(1.0, n) / np.maximum(move, 1e-12) * DAYS_PER_YEAR
    return arrival + np.minimum(death_after, move_after), death_after <= move_after


def make_people(
    rng: np.random.Generator,
    n: int,
    first: int,
    p: Parameters,
    horizon: float,
    localities: int,
    origin: float = 0.0,
) -> People:
    """``n`` adults in the published age-band proportions, and everyone who replaces them.

    A person's age is drawn for their band on the run's first day (``origin``,
    after the burn-in) or on the day they arrive if later: a band's needs and
    hazards are fixed, so dates of birth agree with the band when the run is
    recorded, however long the burn-in.
    """
    pop = p.population
    shares = np.array(
        [1 - pop.share_65_plus, pop.share_65_plus - pop.share_85_plus, pop.share_85_plus]
    )
    band = rng.choice(3, size=n, p=shares).astype(np.int8)
    return people_arriving(rng, band, np.zeros(n), first, p, horizon, localities, origin)


def people_arriving(
    rng: np.random.Generator,
    band: np.ndarray,
    arrival: np.ndarray,
    first: int,
    p: Parameters,
    horizon: float,
    localities: int,
    origin: float = 0.0,
) -> People:
    """People of the given bands arriving on the given days, and everyone who replaces them."""
    pop = p.population
    exit_day, death = _leaving(rng, p, band, arrival)
    bands, arrivals, exits, deaths = [band], [arrival], [exit_day], [death]
    successors, size = [], len(band)
    while True:  # newcomers take the place of those who leave during the model's time
        leaving = exits[-1] < horizon
        successor = np.full(len(leaving), -1, dtype=np.int64)
        successor[leaving] = size + np.arange(int(leaving.sum()))
        successors.append(successor)
        if not leaving.any():
            break
        band, arrival = bands[-1][leaving], exits[-1][leaving]
        exit_day, death = _leaving(rng, p, band, arrival)
        bands.append(band)
        arrivals.append(arrival)
        exits.append(exit_day)
        deaths.append(death)
        size += len(band)
    band = np.concatenate(bands)
    arrival = np.concatenate(arrivals)
    exit_day = np.concatenate(exits)
    total = len(band)
    female_share = np.array([pop.female_share[b.key] for b in Band])
    details = p.person_details
    return People(
        first=first,
        band=band,
        birth_day=np.maximum(arrival, origin) - _ages(rng, band, pop.oldest_age) * DAYS_PER_YEAR,
        female=rng.random(total) < female_share[band],
        locality=rng.integers(0, localities, total).astype(np.int8),
        arrival_day=arrival,
        exit_day=np.where(exit_day < horizon, exit_day, np.inf),
        exit_death=np.concatenate(deaths),
        successor=np.concatenate(successors),
        ethnicity=_choose(rng, details.ethnicity, total),
        support_reason=_by_band(
            rng, details.support_reason_18_64, details.support_reason_65_plus, band
        ),
        employment=_by_band(rng, details.employment_18_64, details.employment_65_plus, band),
        has_unpaid_carer=_choose(rng, details.has_unpaid_carer, total),
        client_funding_status=_choose(rng, details.client_funding_status, total),
        accommodation_at_home=_choose(rng, details.accommodation_at_home, total),
    )
