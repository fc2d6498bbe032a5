"""The what-if page: one offline HTML file, and the runs' figures as CSV beside it.

``write_page`` writes ``OUT/index.html`` (results table, the values each
scenario changes, the capability charts side by side, and the tornado charts
when sensitivity was asked for) and ``OUT/runs.csv`` (every run's figure for
every measure), into a hidden folder first and then in place of OUT.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import polars as pl

from whatmatters.council.scenarios import Scenario
from whatmatters.journal.cld.neutralise import neutralise_expr
from whatmatters.journal.store import folder_written
from whatmatters.whatif import charts
from whatmatters.whatif.runs import RunResult
from whatmatters.whatif.summary import Interval, bands, table
from whatmatters.words import number


@dataclass(frozen=True)
class Measure:
    """How the page names and shows one of the check's measures."""

    key: str
    title: str
    unit: str
    percent: bool  # a share: shown as a percentage


def measures() -> list[Measure]:
    """The check's capability measures, in its order, with per-year words for counts."""
    from whatmatters.check.catalogue import MEASURES, Combine

    out = []
    for measure, info in MEASURES.items():
        unit = "%" if info.percent else info.unit
        if info.charted is Combine.SUM:
            unit = f"{unit} a year"
        out.append(Measure(measure.value, info.title, unit, info.percent))
    return out


def figure(value: float | None, m: Measure) -> str:
    if value is None:
        return "–"
    if m.percent:
        return f"{value * 100:.1f}%"
    if m.unit.startswith("£"):
        return f"£{number(round(value))}"
    return number(round(value, 1) if abs(value) < 100 else round(value))


def _interval(i: Interval | None, m: Measure) -> str:
    if i is None or i.low is None or i.high is None:
        return ""
    return _minus(f"({figure(i.low, m)} to {figure(i.high, m)})")


def _change(i: Interval | None, base: Interval | None, m: Measure) -> str:
    if i is None:
        return ""
    if m.percent:
        text = f"{i.mean * 100:+.1f} points"
    else:
        text = f"{'+' if i.mean >= 0 else '−'}{figure(abs(i.mean), m)}"
        if base is not None and base.mean:
            text += f" ({i.mean / base.mean * 100:+.0f}%)"
    if i.low is not None and i.high is not None:
        text += f" [{_signed(i.low, m)} to {_signed(i.high, m)}]"
    return _minus(text)


def _signed(value: float, m: Measure) -> str:
    if m.percent:
        return _minus(f"{value * 100:+.1f}")
    return ("+" if value >= 0 else "−") + figure(abs(value), m)


def _minus(text: str) -> str:
    """A typographic minus: "−3", never "-3"."""
    return text.replace("-", "−")


def _value(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k} {_value(v)}" for k, v in value.items())
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _effective(scenario: Scenario) -> dict[str, Any]:
    """What a scenario runs: every value outside the designs, and the mechanisms of the
    design it runs (so a what-matters scenario shows the mechanisms it switches)."""
    p = scenario.parameters
    values = {k: s.value for k, s in p.sources.items() if not k.startswith("design.")}
    mechanisms = p.design(scenario.design)
    for name in mechanisms.__dataclass_fields__:
        values[f"mechanism: {name}"] = getattr(mechanisms, name)
    return values


def _changes(scenarios: Sequence[Scenario]) -> list[dict[str, Any]]:
    """Every value some scenario runs differently from the first, and each one's value."""
    base = _effective(scenarios[0])
    others = [_effective(s) for s in scenarios[1:]]
    keys = sorted(k for k in base if any(o[k] != base[k] for o in others))
    return [
        {
            "key": key,
            "base": _value(base[key]),
            "cells": ["the same" if o[key] == base[key] else _value(o[key]) for o in others],
        }
        for key in keys
    ]


@dataclass
class Sensitivity:
    """What the page shows of a sensitivity study (see whatif/sensitivity.py)."""

    words: str
    charts: list[str] = field(default_factory=list)  # SVG text
    ranges: list[dict[str, str]] = field(default_factory=list)


def write_page(
    out: Path,
    scenarios: Sequence[Scenario],
    results: Sequence[RunResult],
    *,
    setting: str,
    model: str,
    sensitivity: Sensitivity | None = None,
) -> Path:
    """Write the page and the runs' CSV into ``out`` (replacing it); return the page's path."""
    shown = measures()
    names = [s.name for s in scenarios]
    rows = []
    for row, m in zip(table(results, len(scenarios), [m.key for m in shown]), shown, strict=True):
        cells = [
            {
                "figure": figure(f.mean if f else None, m),
                "interval": _interval(f, m),
                "change": _change(c, row.figures[0], m),
                "beyond": bool(c and c.excludes_zero),
            }
            for f, c in zip(row.figures, row.changes, strict=True)
        ]
        if any(f is not None for f in row.figures):  # a measure no run shows is left out
            rows.append({"title": m.title, "unit": m.unit, "cells": cells})
    changes = _changes(scenarios)
    designs = "; ".join(f"{s.name} runs the {s.design.value} design" for s in scenarios)
    all_bands = bands(results)
    chart_list = []
    for m in shown:
        mine = [b for b in all_bands if b.measure == m.key]
        if not mine:
            continue
        unit = "%" if m.percent else m.unit.replace(" a year", " a month")
        chart = charts.scenario_chart(
            mine, names, title=m.title, unit=unit, scale=100.0 if m.percent else 1.0
        )
        caption = f"{m.title} by month in each scenario ({unit})."
        chart_list.append({"svg": charts.svg(chart, caption), "caption": caption})
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("whatmatters.whatif", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
    )
    page = env.get_template("what_if.html.j2").render(
        names=names,
        runs=len({r.run for r in results}),
        setting=setting,
        model=model,
        rows=rows,
        changes=changes,
        designs=designs,
        charts=chart_list,
        sensitivity=sensitivity,
    )
    out = Path(out)
    with folder_written(out) as temp:
        (temp / "index.html").write_text(page, encoding="utf-8")
        _write_runs(temp / "runs.csv", names, results, shown)
    return out / "index.html"


def _write_runs(
    path: Path, names: Sequence[str], results: Sequence[RunResult], shown: Sequence[Measure]
) -> None:
    """Every run's figures and how long it took (a scenario name a spreadsheet could run
    as a formula is neutralised)."""
    rows = [
        {
            "scenario": names[r.scenario],
            "run": r.run,
            "seed": r.seed,
            "measure": m.key,
            "unit": m.unit,
            "value": r.figures.get(m.key),
            "generate_seconds": round(r.seconds[0], 2),
            "check_seconds": round(r.seconds[1], 2),
            "cpu_seconds": round(r.cpu_seconds, 2),
        }
        for r in results
        for m in shown
    ]
    frame = pl.DataFrame(rows, schema_overrides={"value": pl.Float64})
    frame.with_columns(neutralise_expr(pl.col("scenario")).alias("scenario")).write_csv(path)
