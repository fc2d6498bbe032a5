"""The synthetic council: how fast it generates, and in how much memory.

Targets (issue 3): a 300,000-person council over 5 years in ≤ 30 s; 5,000,000
journal rows in ≤ 60 s with ≤ 3 GB peak memory on 2 cores. Each run is a
child process (``whatmatters generate``, interpreter start and imports
included) measured by ``benchmarks.machine.run_measured``.

There is no named peer. For comparison, the same run also times a naive
writer of the same rows: the 300k council's journal as Python rows (one dict
per event, as a loop-per-event generator would make them) turned into a
pandas DataFrame and written to Parquet — the writing alone, no modelling.

Options: ``--quick`` (smaller runs, to check the benchmark itself works).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from benchmarks.machine import describe, run_measured

DATA = Path(__file__).parent / "data" / "council"
GENERATE = "from whatmatters.cli import app; app()"
NAIVE = """
import sys, time
import pandas as pd
from whatmatters.journal import read_journal
rows = read_journal(sys.argv[1]).to_pylist()        # Python rows, one dict per event
start = time.perf_counter()
pd.DataFrame.from_records(rows).to_parquet(sys.argv[2], compression="zstd")
print(f"wrote {len(rows)} rows in {time.perf_counter() - start:.2f} s")
"""


def _generate(out: Path, population: int, years: int, *, cld: bool) -> tuple[float, float, int]:
    if out.exists():
        shutil.rmtree(out)
    argv = [sys.executable, "-c", GENERATE, "generate", "--population", str(population)]
    argv += ["--years", str(years), "--seed", "1", "--out", str(out)]
    argv += [] if cld else ["--no-cld"]
    run = run_measured(argv)
    rows = json.loads((out / "journal" / "manifest.json").read_text())["rows"]
    return run.seconds, run.peak_mb, rows


def _cld_available() -> bool:
    try:
        import whatmatters.journal.cld.export  # noqa: F401
    except ImportError:
        return False
    return True


def main(argv: list[str]) -> None:
    quick = "--quick" in argv
    DATA.mkdir(parents=True, exist_ok=True)
    council = 30_000 if quick else 300_000
    big = 270_000 if quick else 2_700_000  # about 5,000,000 rows over 5 years
    results = []

    seconds, peak, rows = _generate(DATA / "council", council, 5, cld=False)
    results.append((f"{council:,} people × 5 years, journal", rows, seconds, peak, 30.0))
    if _cld_available():
        seconds, peak, rows = _generate(DATA / "council-cld", council, 5, cld=True)
        results.append((f"{council:,} people × 5 years, journal + CLD", rows, seconds, peak, 30.0))
    seconds, peak, rows = _generate(DATA / "big", big, 5, cld=False)
    results.append((f"{big:,} people × 5 years, journal", rows, seconds, peak, 60.0))

    naive = run_measured(
        [
            sys.executable,
            "-c",
            NAIVE,
            str(DATA / "council" / "journal"),
            str(DATA / "naive.parquet"),
        ]
    )
    naive_rows = results[0][1]

    print(f"machine: {describe()}")
    print()
    print("| run | journal rows | seconds | rows a second | peak MB | target s |")
    print("|---|---|---|---|---|---|")
    for name, rows, seconds, peak, target in results:
        print(
            f"| {name} | {rows:,} | {seconds:.1f} | {rows / seconds:,.0f} | {peak:,.0f} "
            f"| ≤ {target:.0f} |"
        )
    print(
        f"| naive pandas writer of the {council:,}-person council's rows "
        f"(from Python rows; whole child process) | {naive_rows:,} | {naive.seconds:.1f} "
        f"| {naive_rows / naive.seconds:,.0f} | {naive.peak_mb:,.0f} | – |"
    )
    print()
    print(f"naive writer, writing alone: {naive.output.strip()}")
    if not _cld_available():
        print("CLD exporter not installed: the journal + CLD run was skipped.")
