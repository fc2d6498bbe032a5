"""Generated councils shared by the council tests (small, seeded, made once a session)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.council.measures import Run
from whatmatters.council import Design, Settings, generate_journal, load_parameters

# Big enough that published rates show through sampling noise, small enough to be quick.
RATES_POPULATION = 60_000
RATES_YEARS = 3.0


@pytest.fixture(scope="session")
def council(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Run]:
    """``council(design, population=…, years=…, seed=…, mechanisms={…}, values={…})`` → Run.

    ``mechanisms`` changes the given design's mechanisms; ``values`` maps a
    section name to changed values (e.g. ``{"failure_demand": {"scale": 2.0}}``).
    Runs with the same arguments are made once.
    """
    made: dict[str, Run] = {}
    base = tmp_path_factory.mktemp("councils")

    def make(
        design: Design = Design.MENU,
        *,
        population: int = 30_000,
        years: float = 2.0,
        seed: int = 11,
        switch: Any = None,
        mechanisms: dict[str, Any] | None = None,
        values: dict[str, dict[str, Any]] | None = None,
    ) -> Run:
        key = repr((design, population, years, seed, switch, mechanisms, values))
        if key not in made:
            p = load_parameters()
            if mechanisms:
                p = p.with_mechanism(design, **mechanisms)
            for section, changes in (values or {}).items():
                p = p.with_values(section, **changes)
            settings = Settings(
                population=population,
                years=years,
                design=design,
                seed=seed,
                switch=switch,
                parameters=p,
            )
            path = Path(base) / f"run{len(made)}"
            summary = generate_journal(settings, path)
            made[key] = Run(path, summary.adults, years, settings.start.isoformat())
        return made[key]

    return make


@pytest.fixture(scope="session")
def menu_council(council: Callable[..., Run]) -> Run:
    """The menu-design council the published rates are checked on."""
    return council(Design.MENU, population=RATES_POPULATION, years=RATES_YEARS, seed=5)
