"""Import and validate 1,000,000 CLD rows; peer: pandas ``read_csv`` + ``to_parquet``.

The file is the bundled sample's generator at scale (fictional people, every
column of a Release 2 return), written once to ``benchmarks/data/``. Three
child processes are measured in the same run, each with its own peak memory:

* ``whatmatters import cld`` — read, type, every data-quality rule, duplicate
  events, weekly costs, journal written (target: ≤ 10 s, ≤ 2 GB on 2 cores);
* ``whatmatters validate`` — the same checks, no journal;
* ``whatmatters import cld`` of the same rows with the problems a real return
  has (``problem_file``): rows left out with errors, duplicates, warnings;
* the peer — pandas reads the same CSV as text and writes Parquet, with no
  checking at all: the floor an analyst's own script would start from.

    ./run bench cld               # 1,000,000 rows
    ./run bench cld --rows=100000
"""

from __future__ import annotations

import resource
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from benchmarks.machine import Run, describe, run_measured

DATA = Path(__file__).parent / "data"
TARGET_SECONDS, TARGET_MB = 10.0, 2048.0

_WHATMATTERS = [sys.executable, "-c", "from whatmatters.cli import app; app()"]
# This environment sets PYTHONDONTWRITEBYTECODE, so every start would compile
# every imported module again (seconds); an installed copy has its bytecode.
_ENV = {"PYTHONDONTWRITEBYTECODE": ""}
_PEER = """
import sys, pandas as pd
pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False).to_parquet(sys.argv[2])
"""


def cld_file(rows: int) -> Path:
    """The benchmark's CLD file of ``rows`` rows, made once."""
    from whatmatters.journal.cld.sample.make_sample import write

    path = DATA / f"cld_r2_{rows}.csv"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        print(f"writing {rows:,} fictional CLD rows to {path} (once) …", flush=True)
        partial = path.with_suffix(".partial")
        write(partial, people=rows, limit=rows)
        partial.rename(path)
    return path


def problem_file(rows: int) -> Path:
    """The benchmark file with a real return's problems, made once from the clean one.

    One row in 100 has an impossible date (an error: the row is left out), one
    in 50 a postcode that is not one and one in 200 a client type in the wrong
    case (warnings), and the last 1% repeat earlier rows (duplicate events).
    """
    import polars as pl

    path = DATA / f"cld_r2_{rows}_problems.csv"
    if not path.exists():
        print(f"writing {rows:,} CLD rows with problems to {path} (once) …", flush=True)
        clean = pl.read_csv(cld_file(rows), infer_schema=False)
        i = pl.int_range(pl.len())
        changes = {  # column: (every n-th row, from row, text)
            "Event Start Date": (100, 7, "31/02/2024"),
            "Postcode": (50, 3, "not a postcode"),
            "Client Type": (200, 11, "service user"),
        }
        changed = clean.with_columns(
            pl.when(i % every == first).then(pl.lit(text)).otherwise(pl.col(name)).alias(name)
            for name, (every, first, text) in changes.items()
        )
        repeats = changed.filter(i % 100 == 42).head(rows // 100)
        partial = path.with_suffix(".partial")
        pl.concat([changed.head(rows - repeats.height), repeats]).write_csv(partial)
        partial.rename(path)
    return path


def _measured(argv: Sequence[str]) -> tuple[Run, float]:
    """The run, and the CPU seconds its process used (less sensitive to a busy machine)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = run_measured(argv, env=_ENV)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return run, cpu


def _row(name: str, measured: tuple[Run, float], rows: int) -> str:
    run, cpu = measured
    return (
        f"| {name} | {run.seconds:.1f} | {cpu:.1f} | {run.peak_mb:,.0f} | "
        f"{rows / run.seconds:,.0f} |"
    )


def main(argv: list[str]) -> None:
    rows = 1_000_000
    for arg in argv:
        if arg.startswith("--rows="):
            rows = int(arg.split("=", 1)[1])
    path = cld_file(rows)
    size_mb = path.stat().st_size / 2**20
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        _measured([*_WHATMATTERS, "--help"])  # warm-up: bytecode written once
        ours = _measured([*_WHATMATTERS, "import", "cld", str(path), "--out", str(out / "j")])
        check = _measured([*_WHATMATTERS, "validate", str(path)])
        problems = problem_file(rows)
        dirty = _measured([*_WHATMATTERS, "import", "cld", str(problems), "--out", str(out / "p")])
        peer = _measured([sys.executable, "-c", _PEER, str(path), str(out / "peer.parquet")])
    print(f"machine: {describe()}")
    print(f"input: {rows:,} CLD Release 2 rows, {size_mb:,.0f} MB of CSV\n")
    print("| command | seconds | CPU seconds | peak MB | rows/s |\n|---|---|---|---|---|")
    print(_row("whatmatters import cld (validate + journal)", ours, rows))
    print(_row("whatmatters validate", check, rows))
    print(_row("whatmatters import cld, file with problems¹", dirty, rows))
    print(_row("peer: pandas read_csv + to_parquet (no checks)", peer, rows))
    print(
        "\n¹ 1% of rows with an impossible date (left out), 1% repeats (left out as "
        "duplicates), 2.5% with warnings"
    )
    for name, (run, _) in (("import", ours), ("import with problems", dirty)):
        met = run.seconds <= TARGET_SECONDS and run.peak_mb <= TARGET_MB
        print(
            f"{name}: target ≤ {TARGET_SECONDS:.0f} s and ≤ {TARGET_MB / 1024:.0f} GB "
            f"{'met' if met else 'NOT met'} ({run.seconds:.1f} s, {run.peak_mb:,.0f} MB)"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
