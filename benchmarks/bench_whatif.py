"""What if: fit a 100,000-person council, then two scenarios × five runs (issue 17).

Target: ``what-if`` with two scenarios (the model as it is and one scenario)
and five runs each on a 100k-population model in ≤ 2 minutes on 2 cores.
Each step is a child process (``whatmatters …``, interpreter start and imports
included) measured by ``benchmarks.machine.run_measured``; the runs' own
times (generating, checking) come from the page's ``runs.csv``.

There is no named peer: no tool we know of runs a council's own model under
scenarios. Options: ``--quick`` (a 20k council, two runs: checks the benchmark
itself works).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import polars as pl

from benchmarks.machine import describe, run_measured

DATA = Path(__file__).parent / "data" / "whatif"
CLI = "from whatmatters.cli import app; app()"
SCENARIO = """\
[scenario]
name = "Fewer handoffs, family help"

[design.menu]
extra_handoffs = 0.5
network_hours_cover = 0.1
"""
TARGET_SECONDS = 120


def _whatmatters(*args: str):
    return run_measured([sys.executable, "-c", CLI, *args])


def main(argv: list[str]) -> None:
    quick = "--quick" in argv
    population, runs, years = (20_000, 2, 1) if quick else (100_000, 5, 3)
    shutil.rmtree(DATA, ignore_errors=True)
    DATA.mkdir(parents=True)
    council = DATA / "council"
    generated = _whatmatters(
        "generate",
        "--population",
        str(population),
        "--years",
        str(years),
        "--seed",
        "7",
        "--no-cld",
        "--out",
        str(council),
    )
    fitted = _whatmatters(
        "model", "fit", str(council / "journal"), "--out", str(DATA / "model.toml")
    )
    (DATA / "scenario.toml").write_text(SCENARIO, encoding="utf-8")
    what_if = _whatmatters(
        "what-if",
        str(DATA / "model.toml"),
        str(DATA / "scenario.toml"),
        "--years",
        str(years),
        "--runs",
        str(runs),
        "--out",
        str(DATA / "what-if"),
    )
    times = pl.read_csv(DATA / "what-if" / "runs.csv").unique(["scenario", "run"])
    generate_s, check_s = times["generate_seconds"].sum(), times["check_seconds"].sum()
    cpu_s = times["cpu_seconds"].sum()
    print(f"machine: {describe()}")
    print()
    print("| step | seconds | peak MB | target s |")
    print("|---|---|---|---|")
    print(
        f"| generate the source council ({population:,} people, {years} years) "
        f"| {generated.seconds:.1f} | {generated.peak_mb:,.0f} | |"
    )
    print(
        f"| model fit (with its correcting simulation) | {fitted.seconds:.1f} "
        f"| {fitted.peak_mb:,.0f} | |"
    )
    target = "" if quick else str(TARGET_SECONDS)
    print(
        f"| what-if: 2 scenarios × {runs} runs, {years} years | {what_if.seconds:.1f} "
        f"| {what_if.peak_mb:,.0f} | {target} |"
    )
    print()
    print(
        f"Inside the what-if runs (summed over {2 * runs} runs in 2 processes): generating "
        f"{generate_s:.0f} s, checking {check_s:.0f} s (wall clock); the runs' processor time "
        f"{cpu_s:.0f} s, so on 2 idle cores they need about {cpu_s / 2:.0f} s; the rest of the "
        "wall time is starting the processes and imports, and drawing the page."
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Load average at the end: {load} (2 cores shared with other work).")


if __name__ == "__main__":
    main(sys.argv[1:])
