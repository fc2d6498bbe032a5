"""Run scenarios: generate a council and check it, many times, in parallel processes.

Each run is one council generated from a scenario's parameters with one seed
and checked with the check's public API (``run_check``). Run *i* of every
scenario uses the same seed, so the scenarios meet the same people with the
same needs (common random numbers): a difference between scenarios is the
scenario's doing, not the draw's. Runs go to separate processes (started
fresh, not forked, so no process inherits another's database threads); a run
returns only its figures and series, and its journal is deleted.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from whatmatters.council.codes import Design
from whatmatters.council.parameters import Parameters


@dataclass(frozen=True)
class RunSpec:
    """One run: which scenario, its parameters and design, and the council's settings."""

    scenario: int  # the scenario's position in the list
    run: int
    seed: int
    parameters: Parameters
    design: Design
    population: int
    years: float
    start: date
    threads: int = 0  # DuckDB threads for the check (0: DuckDB's default, every core)


@dataclass(frozen=True)
class RunResult:
    """What one run gives: a figure per measure and each measure's series by period."""

    scenario: int
    run: int
    seed: int
    figures: dict[str, float | None]
    series: list[tuple[str, date, float | None]]  # (measure, period start, value)
    seconds: tuple[float, float] = (0.0, 0.0)  # generating, checking (wall clock)
    cpu_seconds: float = 0.0  # processor time the run took, all its threads


def run_all(
    specs: Sequence[RunSpec],
    *,
    workers: int = 2,
    progress: Callable[[int, int], None] | None = None,
) -> list[RunResult]:
    """Every run, in ``workers`` processes (1: in this process); results in the specs' order."""
    done: list[RunResult] = []
    share = max(1, (os.cpu_count() or 1) // max(1, workers))
    specs = [s if s.threads else dataclasses.replace(s, threads=share) for s in specs]
    if workers <= 1:
        for spec in specs:
            done.append(run_one(spec))
            if progress:
                progress(len(done), len(specs))
    else:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [pool.submit(run_one, spec) for spec in specs]
            for future in as_completed(futures):
                done.append(future.result())
                if progress:
                    progress(len(done), len(specs))
    return sorted(done, key=lambda r: (r.scenario, r.run))


def run_one(spec: RunSpec) -> RunResult:
    """Generate one council into a temporary folder, check it, keep the figures."""
    from whatmatters.check.run import run_check
    from whatmatters.council.generate import Settings, generate_journal

    settings = Settings(
        population=spec.population,
        years=spec.years,
        design=spec.design,
        seed=spec.seed,
        start=spec.start,
        parameters=spec.parameters,
    )
    folder = Path(tempfile.mkdtemp(prefix="whatmatters-what-if-"))
    try:
        started, cpu = time.perf_counter(), time.process_time()
        generate_journal(settings, folder / "journal")
        generated = time.perf_counter()
        result = run_check(_journal(folder / "journal", spec.threads))
        series = result.tables["series"]
        checked = time.perf_counter()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    rows = series.select(["measure", "period_start", "numerator", "denominator", "value"])
    records = rows.to_pylist()
    return RunResult(
        scenario=spec.scenario,
        run=spec.run,
        seed=spec.seed,
        figures=figures(records),
        series=[(r["measure"], r["period_start"], r["value"]) for r in records],
        seconds=(generated - started, checked - generated),
        cpu_seconds=time.process_time() - cpu,
    )


def _journal(path: Path, threads: int) -> Any:
    """The journal on its own DuckDB connection: with several runs at once, each gets its
    share of the cores rather than all of them (threads fighting over 2 cores is slower)."""
    import ibis

    from whatmatters.journal.tables import open_journal

    con = ibis.duckdb.connect(threads=threads) if threads else ibis.duckdb.connect()
    con.raw_sql("SET preserve_insertion_order = false")
    return open_journal(path, con)


def figures(records: list[dict[str, Any]]) -> dict[str, float | None]:
    """One figure a measure for the whole run, combined as the check combines a period.

    Counts are per year (their monthly sum over the months, × 12); shares and
    means are the sum of numerators over the sum of denominators (a share of
    sums, never a mean of shares); counts on a date are the average of the
    periods' values.
    """
    from whatmatters.check.catalogue import MEASURES, Combine, Measure

    out: dict[str, float | None] = {}
    for measure, info in MEASURES.items():
        rows = [r for r in records if r["measure"] == Measure(measure).value]
        values = [r["value"] for r in rows if r["value"] is not None]
        if not values:
            out[measure.value] = None
        elif info.charted is Combine.SUM:
            out[measure.value] = sum(values) / len(rows) * 12
        elif info.charted is Combine.RATIO:
            num = sum(r["numerator"] or 0.0 for r in rows)
            den = sum(r["denominator"] or 0.0 for r in rows)
            out[measure.value] = num / den if den else None
        else:
            out[measure.value] = sum(values) / len(values)
    return out
