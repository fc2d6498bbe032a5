"""A council where nothing changes shows no change: its stocks start at their own level.

The burn-in (``timing.warm_up_years``; ``what_matters_warm_up_years`` for a
what-matters council, which settles from the published menu stock) runs the
model for years before the first recorded day, so a single-design council's
stocks of people in support have settled where that design keeps them. A
stationary stock of people who arrive and leave independently has
Poisson-like variation (variance equal to its mean), so the ordinary
difference between its first and last year's average is about
sqrt(2 × level): we allow three times that.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest

from tests.council.measures import LONG_TERM_TYPES, Run, connect
from whatmatters.council import Design, load_parameters
from whatmatters.council.generate import Model
from whatmatters.council.people import DAYS_PER_YEAR, People, make_people
from whatmatters.council.phrases import load_phrases
from whatmatters.council.rows import Rows
from whatmatters.council.staff import make_staff
from whatmatters.journal.schema import Kind

POPULATION = 300_000
YEARS = 4.0
CARE_HOMES = LONG_TERM_TYPES[:2]


def _monthly_census(run: Run, types: tuple[str, ...]) -> list[int]:
    """People in the given long-term services on each month's last day."""
    con = connect(run)
    rows = con.execute(
        f"""with months as (
              select unnest(generate_series(date '{run.start}' + interval 1 month,
                                            date '{run.start}' + interval {int(YEARS * 12)} month,
                                            interval 1 month))::date - 1 as day)
            select day, (select count(distinct person_id) from j
                         where kind = 'service' and service_type in {types}
                           and cast(start as date) <= day
                           and (j."end" is null or cast(j."end" as date) >= day))
            from months order by day"""
    ).fetchall()
    return [n for _, n in rows]


def _drift(series: list[int]) -> tuple[float, float]:
    """The last year's average less the first year's, and three times its ordinary spread."""
    first, last = series[:12], series[-12:]
    level = (sum(first) + sum(last)) / 24
    return sum(last) / 12 - sum(first) / 12, 3 * math.sqrt(2 * level)


@pytest.mark.parametrize("design", [Design.MENU, Design.WHAT_MATTERS])
@pytest.mark.parametrize("types", [CARE_HOMES, LONG_TERM_TYPES], ids=["care_homes", "all_lts"])
def test_a_single_design_councils_stocks_do_not_drift(
    council: Callable[..., Run], design: Design, types: tuple[str, ...]
) -> None:
    run = council(design, population=POPULATION, years=YEARS, seed=5)
    drift, allowed = _drift(_monthly_census(run, types))
    assert abs(drift) <= allowed, f"{design.value}: drifted {drift:+.0f} (allowed ±{allowed:.0f})"


def test_without_the_burn_in_a_what_matters_council_drifts(council: Callable[..., Run]) -> None:
    """The check above can fail: one year's warm-up leaves the published (menu) stock to decay."""
    run = council(
        Design.WHAT_MATTERS,
        population=POPULATION,
        years=YEARS,
        seed=5,
        values={"timing": {"what_matters_warm_up_years": 1.0}},
    )
    for types in (CARE_HOMES, LONG_TERM_TYPES):
        drift, allowed = _drift(_monthly_census(run, types))
        assert drift < -allowed, types


def test_the_adult_population_stays_at_its_stated_size() -> None:
    """Whoever leaves, even earlier than planned (dying at the end of a care-home stay), is
    replaced that day: without it the population shrank 0.2% a year, and demand with it."""
    p = load_parameters()
    origin = p.timing.warm_up_years * DAYS_PER_YEAR
    horizon = origin + YEARS * DAYS_PER_YEAR
    model = Model(
        p, make_staff(60_000, p.teams.workers_per_300k), load_phrases(), origin, horizon, 0
    )
    adults = 20_000
    rounds = [ctx.people for ctx, _ in model.rounds(seed=3, number=0, size=adults, first=0)]
    assert len(rounds) > 1  # some did leave early, and were replaced
    for day in np.linspace(0, horizon - 1, 15):
        assert sum(_present_on(people, day) for people in rounds) == adults


def test_a_vacated_successor_leaves_no_trace() -> None:
    p = load_parameters()
    horizon = 40 * DAYS_PER_YEAR
    people = make_people(np.random.default_rng(1), 50, 0, p, horizon, 4)
    leaver = int(np.flatnonzero(people.successor >= 0)[0])
    after = people.successor[leaver]
    people.vacate_successors(np.array([leaver]))
    assert people.exit_day[after] < 0  # gone before the model's first day: no row is kept
    assert not people.exit_death[after]
    rows = Rows()  # a hospital stay the model dated before their arrival is not kept either
    admitted = people.arrival_day[after] - 2.0
    rows.add(Kind.HOSPITAL, np.array([after]), np.array([admitted]), np.array([admitted + 1]))
    kept, *_ = rows.finish(0.0, horizon, np.minimum(people.exit_day, horizon))
    assert len(kept) == 0
    assert _present_on(people, people.arrival_day[after]) == _present_on(people, 0.0) - 1


def _present_on(people: People, day: float) -> int:
    """How many people live here on ``day``."""
    return int(((people.arrival_day <= day) & (people.exit_day > day)).sum())
