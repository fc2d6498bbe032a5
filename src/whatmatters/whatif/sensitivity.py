"""Sensitivity: vary each assumed value within its plausible range, one at a time.

For the scenario studied (the model as it is, unless told), every parameter
that carries a plausible range (``range`` in the parameters file) and is not
fitted to the council's records is set to the low end of its range, then to
the high end, with everything else as in the model: two runs a parameter, all
with the same seed as the scenario's first run, so the swing is the
parameter's doing and not the draw's. A table value's range moves every key to
its low (or high) end together. The tornado charts show, for a few results,
which values move them most.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from whatmatters.council.codes import Design
from whatmatters.council.parameters import Parameters, Sourced, SourceKind, source_kind
from whatmatters.council.scenarios import Scenario
from whatmatters.whatif.runs import RunResult, RunSpec

TORNADO_MEASURES = ("contacts", "assessments", "new_placements", "weekly_cost", "repeat_share")


@dataclass(frozen=True)
class Varied:
    """One end of one parameter's range, as a run."""

    key: str
    end: str  # "low" or "high"
    spec: RunSpec


def ranged(parameters: Parameters, design: Design) -> list[Sourced]:
    """Parameters with a plausible range that are not fitted: the other design's are left out."""
    other = next(d for d in Design if d is not design)
    return [
        s
        for key, s in parameters.sources.items()
        if s.range is not None
        and not key.startswith(f"design.{other.key}.")
        and source_kind(s.range_source or "") != SourceKind.FITTED.value
    ]


def with_value(parameters: Parameters, key: str, value: Any) -> Parameters:
    """A copy of ``parameters`` with the one parameter ``key`` (e.g. design.menu.achieved) set."""
    parts = key.split(".")
    if parts[0] == "design":
        section, name = parts[1], parts[2]
    else:
        section, name = parts[0], parts[1]
    table = getattr(parameters, section)
    sources = dict(parameters.sources)
    sources[key] = dataclasses.replace(parameters.sources[key], value=value)
    return dataclasses.replace(
        parameters,
        **{section: dataclasses.replace(table, **{name: value})},
        sources=sources,
    )


def end_value(s: Sourced, end: str) -> Any:
    index = 0 if end == "low" else 1
    if isinstance(s.value, dict):
        return s.value | {k: pair[index] for k, pair in s.range.items()}
    return s.range[index]


def variations(scenario: Scenario, base_spec: RunSpec, first_index: int) -> list[Varied]:
    """Two runs for every ranged parameter, numbered on from ``first_index``."""
    out = []
    for n, s in enumerate(ranged(scenario.parameters, scenario.design)):
        for e, end in enumerate(("low", "high")):
            spec = dataclasses.replace(
                base_spec,
                scenario=first_index + 2 * n + e,
                parameters=with_value(scenario.parameters, s.key, end_value(s, end)),
            )
            out.append(Varied(s.key, end, spec))
    return out


def tornado_rows(
    varied: Sequence[Varied], results: Sequence[RunResult], base: RunResult, measure: str
) -> list[dict[str, Any]]:
    """One row per parameter: the figure at each end of its range (None if not measured)."""
    by_scenario = {r.scenario: r for r in results}
    rows: dict[str, dict[str, Any]] = {}
    for v in varied:
        value = by_scenario[v.spec.scenario].figures.get(measure)
        rows.setdefault(v.key, {"parameter": v.key, "base_value": base.figures.get(measure)})
        rows[v.key][f"{v.end}_value"] = value
    return [
        r
        for r in rows.values()
        if r.get("low_value") is not None and r.get("high_value") is not None
    ]
