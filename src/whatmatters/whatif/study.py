"""What if: a council's model and scenarios, run many times and shown side by side.

>>> from whatmatters.whatif.study import what_if                    # doctest: +SKIP
>>> what_if("model.toml", ["fewer-handoffs.toml"], years=3, runs=5, out="what-if")  # doctest: +SKIP

runs the model as it is ("As now") and each scenario ``runs`` times (seeds
``seed``, ``seed + 1``, …, the same for every scenario), checks every run,
and writes ``OUT/index.html`` and ``OUT/runs.csv`` (see docs/what-if.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from whatmatters.council.parameters import ParameterError
from whatmatters.council.scenarios import Scenario, base_scenario, load_model, load_scenario
from whatmatters.whatif import sensitivity as sens
from whatmatters.whatif.charts import svg, tornado_chart
from whatmatters.whatif.page import Sensitivity, measures, write_page
from whatmatters.whatif.runs import RunResult, RunSpec, run_all
from whatmatters.words import plural


def what_if(
    model: str | Path | None,
    scenario_files: Sequence[str | Path],
    *,
    out: str | Path,
    years: float = 3.0,
    runs: int = 5,
    population: int | None = None,
    seed: int = 1,
    start: date = date(2022, 4, 1),
    workers: int = 2,
    sensitivity: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Run, check and compare; returns the page's path. Bad files raise ``ParameterError``."""
    if runs < 1:
        raise ParameterError(f"runs must be at least 1, not {runs}")
    loaded = load_model(model)
    size = population or loaded.population
    if size is None:
        raise ParameterError(
            f"{loaded.path}: no [model] population: give --population (everyone living there)"
        )
    scenarios = [base_scenario(loaded)] + [load_scenario(f, loaded) for f in scenario_files]

    def spec(s: int, scenario: Scenario, i: int) -> RunSpec:
        return RunSpec(s, i, seed + i, scenario.parameters, scenario.design, size, years, start)

    specs = [spec(s, sc, i) for s, sc in enumerate(scenarios) for i in range(runs)]
    varied = sens.variations(scenarios[0], specs[0], len(scenarios)) if sensitivity else []
    results = run_all(specs + [v.spec for v in varied], workers=workers, progress=progress)
    main = [r for r in results if r.scenario < len(scenarios)]
    setting = (
        f"{plural(size, 'person', 'people')} living in the council, {years:g} years from "
        f"{start.day} {start:%B %Y}, {plural(runs, 'run')} of each scenario (seeds {seed} to "
        f"{seed + runs - 1})."
    )
    study = _sensitivity(scenarios[0], varied, results, main[0]) if sensitivity else None
    return write_page(
        Path(out),
        scenarios,
        main,
        setting=setting,
        model="the project's own parameters" if model is None else f"in {loaded.path.name}",
        sensitivity=study,
    )


def _sensitivity(
    scenario: Scenario, varied: Sequence[sens.Varied], results: Sequence[RunResult], base: RunResult
) -> Sensitivity:
    sources = scenario.parameters.sources
    shown = {m.key: m for m in measures()}
    charts = []
    for key in sens.TORNADO_MEASURES:
        m = shown.get(key)
        rows = sens.tornado_rows(varied, results, base, key) if m else []
        if not rows or m is None:
            continue
        scale = 100.0 if m.percent else 1.0
        for r in rows:
            r["range"] = _range_text(sources[r["parameter"]].range)
            r["low_value"] *= scale
            r["high_value"] *= scale
        chart = tornado_chart(rows, title=m.title, unit="%" if m.percent else m.unit)
        charts.append(svg(chart, f"How far each assumed value moves {m.title.lower()}"))
    ranges = [
        {
            "key": v.key,
            "range": _range_text(sources[v.key].range),
            "source": sources[v.key].range_source or "",
        }
        for v in varied
        if v.end == "low"
    ]
    words = (
        f"Each of the {len(ranges)} assumed values with a plausible range was set to the low end "
        f"of its range, then the high end, for “{scenario.name}”, with everything else as in the "
        f"model and the same seed as its first run (one run each end: a small swing may be the "
        "draw's). Values fitted to the council's records are not varied here; their 95% "
        "intervals are in the model file."
    )
    return Sensitivity(words, charts, ranges)


def _range_text(value: object) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k} {lo:g}–{hi:g}" for k, (lo, hi) in value.items())
    low, high = value  # type: ignore[misc]
    return f"{low:g} to {high:g}"
