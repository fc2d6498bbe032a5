"""Scenarios: a model (the project's parameters or a fitted one) and what one changes.

A scenario file is a partial parameters file (``council/partial.py``): only the
values that change, over the model's. Two optional tables describe the file
rather than the model:

    [scenario]                      # in a scenario file
    name = "Fewer handoffs"         # shown in the what-if report (default: the file's name)
    design = "menu"                 # the design the scenario runs: menu or what-matters

    [model]                         # written by `whatmatters model fit`
    population = 187000             # everyone living in the council
    fitted_from = "journal/"        # the records the model was fitted to
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whatmatters.council.codes import Design
from whatmatters.council.parameters import (
    PARAMETERS_FILE,
    ParameterError,
    Parameters,
    load_parameters,
    read_toml,
)

SCENARIO_KEYS = ("name", "design", "description")
MODEL_KEYS = ("population", "fitted_from", "window", "method")


@dataclass(frozen=True)
class Model:
    """The base every scenario changes: its parameters and the council's size."""

    path: Path
    parameters: Parameters
    population: int | None  # None: not recorded in the file (give --population)


@dataclass(frozen=True)
class Scenario:
    """One scenario: a name, the design it runs, and its whole parameters."""

    name: str
    path: Path | None
    design: Design
    parameters: Parameters


def load_model(path: str | Path | None = None) -> Model:
    """A model file (whole or partial over the project's parameters); its ``[model]`` table."""
    path = Path(path) if path is not None else PARAMETERS_FILE
    info = _table(path, read_toml(path), "model", MODEL_KEYS)
    population = info.get("population")
    if population is not None and (
        isinstance(population, bool) or not isinstance(population, int) or population < 1
    ):
        raise ParameterError(f"{path}: model.population must be a whole number of people")
    return Model(path, load_parameters(path), population)


def load_scenario(path: str | Path, model: Model) -> Scenario:
    """A scenario file laid over ``model``; names and values checked, one-line errors."""
    path = Path(path)
    raw = read_toml(path)
    info = _table(path, raw, "scenario", SCENARIO_KEYS)
    name = info.get("name", path.stem)
    if not isinstance(name, str) or not name.strip():
        raise ParameterError(f"{path}: scenario.name must be some text")
    design = _design(path, info.get("design", Design.MENU.value))
    _burn_in_read(path, raw, design)
    return Scenario(name.strip(), path, design, load_parameters(path, base=model.path))


def _burn_in_read(path: Path, raw: dict[str, Any], design: Design) -> None:
    """Refuse a burn-in the scenario's design does not read (it would change nothing).

    A council run under the what-matters design throughout takes
    ``timing.what_matters_warm_up_years``; every other design ``timing.warm_up_years``.
    """
    timing = raw.get("timing", {})
    read, unread = "warm_up_years", "what_matters_warm_up_years"
    if design is Design.WHAT_MATTERS:
        read, unread = unread, read
    if isinstance(timing, dict) and unread in timing and read not in timing:
        raise ParameterError(
            f"{path}: timing.{unread} is not read for a {design.value} scenario (its burn-in "
            f"is timing.{read}): set that instead"
        )


def base_scenario(model: Model, design: Design = Design.MENU) -> Scenario:
    """The model as it is: what each scenario is compared with."""
    return Scenario("As now", None, design, model.parameters)


def _design(path: Path, value: Any) -> Design:
    for design in Design:
        if value in (design.value, design.key):
            return design
    choices = " or ".join(d.value for d in Design)
    raise ParameterError(f"{path}: scenario.design = {value!r}: must be {choices}")


def _table(path: Path, raw: dict[str, Any], name: str, keys: tuple[str, ...]) -> dict[str, Any]:
    table = raw.get(name, {})
    if not isinstance(table, dict):
        raise ParameterError(f"{path}: {name} must be a table ([{name}])")
    unknown = sorted(set(table) - set(keys))
    if unknown:
        raise ParameterError(
            f"{path}: [{name}]: unknown key {unknown[0]!r}: keys are {', '.join(keys)}"
        )
    return table


def differences(base: Parameters, other: Parameters) -> dict[str, tuple[Any, Any]]:
    """Every parameter whose value differs: key → (base value, other value)."""
    return {
        key: (sourced.value, other.sources[key].value)
        for key, sourced in base.sources.items()
        if other.sources[key].value != sourced.value
    }
