"""The check on DuckDB and on local Spark over the same national journals, and how each grows.

``./run bench spark`` (options: ``--sizes=1000000,5000000,20000000``,
``--spark-memory=8g``, ``--council-population=662000``):

* national journals of about 1, 5 and 20 million rows, made of synthetic
  councils (``whatmatters.council``) of about a million rows each
  (population 662,000 over four years; every other one changes to the
  what-matters design half-way), generated once under ``benchmarks/data``;
* the whole check (every table ``run_check`` returns) on embedded DuckDB
  and on Spark in local mode with two cores (``local[2]``), each in a child
  process of its own (``benchmarks.machine.run_measured``).

Peak memory is the whole process tree's (Python and its JVM together),
sampled twice a second inside the child (``run_measured``'s figure is one
process's: for Spark, the Python driver without its JVM). Spark's time is
given with and without starting the JVM.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.machine import describe, run_measured

DATA = Path(__file__).parent / "data"
SIZES = (1_000_000, 5_000_000, 20_000_000)
ROWS_PER_COUNCIL = 1_000_000
POPULATION = 662_000  # about a million journal rows over four years
SPARK_MEMORY = "8g"
ENGINES = ("duckdb", "spark")


def main(argv: list[str]) -> None:
    options = dict(a.removeprefix("--").split("=", 1) for a in argv if "=" in a)
    sizes = tuple(int(s) for s in options.get("sizes", ",".join(map(str, SIZES))).split(","))
    memory = options.get("spark-memory", SPARK_MEMORY)
    population = int(options.get("council-population", POPULATION))
    print(f"machine: {describe()}")
    print(f"load average before: {os.getloadavg()[0]:.1f} (the machine is shared)")
    journals = {n: national_journal(n, population) for n in sizes}

    runs = {}
    for n in sizes:
        for engine in ENGINES:
            runs[n, engine] = _child(engine, journals[n].path, memory)
            print(f"  {journals[n].rows:,} rows on {engine}: {runs[n, engine]}", flush=True)

    print(
        f"\nSpark: local[2], driver memory {memory}, 8 shuffle partitions, Arrow on; "
        "DuckDB: default settings (2 threads)."
    )
    print(
        "\n| journal rows | councils | engine | check s | with start-up s "
        "| peak MB (Python + JVM) | s per million rows |"
    )
    print("|---|---|---|---|---|---|---|")
    for n in sizes:
        journal = journals[n]
        for engine in ENGINES:
            r = runs[n, engine]
            print(
                f"| {journal.rows:,} | {journal.councils} | {engine} | {r.inside:.0f} "
                f"| {r.seconds:.0f} | {r.tree_peak_mb:.0f} "
                f"| {r.inside / (journal.rows / 1e6):.1f} |"
            )
    if len(sizes) > 1:
        print("\n| growth | rows × | DuckDB time × | Spark time × | DuckDB mem × | Spark mem × |")
        print("|---|---|---|---|---|---|")
        for small, big in itertools.pairwise(sizes):
            ratio = journals[big].rows / journals[small].rows
            cells = [runs[big, e].inside / runs[small, e].inside for e in ENGINES] + [
                runs[big, e].tree_peak_mb / runs[small, e].tree_peak_mb for e in ENGINES
            ]
            print(
                f"| {small / 1e6:.0f}M → {big / 1e6:.0f}M | {ratio:.1f} | "
                + " | ".join(f"{c:.1f}" for c in cells)
                + " |"
            )
    print(f"\nload average after: {os.getloadavg()[0]:.1f}")


@dataclass(frozen=True)
class Journal:
    path: Path
    rows: int
    councils: int


def national_journal(rows: int, population: int) -> Journal:
    """A journal of ``rows // ROWS_PER_COUNCIL`` synthetic councils (at least one), made once."""
    from whatmatters.journal.store import read_journal, read_manifest, write_journal

    count = max(1, round(rows / ROWS_PER_COUNCIL))
    councils = [council(number, population) for number in range(1, count + 1)]
    path = DATA / f"spark-national-{count}x{population}"
    if not (path / "manifest.json").is_file():
        write_journal(path, (read_journal(c) for c in councils), sources=["bench_spark"])
    return Journal(path, read_manifest(path)["rows"], count)


def council(number: int, population: int) -> Path:
    """Synthetic council ``9NN`` (fictional CLD code), generated once."""
    from whatmatters.council import Design, Settings, generate_journal

    path = DATA / "spark-councils" / f"{900 + number}-{population}"
    if not (path / "manifest.json").is_file():
        settings = Settings(
            population=population,
            years=4,
            seed=number,
            council=str(900 + number),
            design=Design.MENU,
            switch=dt.date(2024, 4, 1) if number % 2 == 0 else None,
        )
        print(f"generating council {900 + number}…", flush=True)
        generate_journal(settings, path)
    return path


@dataclass(frozen=True)
class Measured:
    seconds: float
    inside: float
    peak_mb: float
    tree_peak_mb: float

    def __str__(self) -> str:
        return (
            f"{self.inside:.0f} s ({self.seconds:.0f} s with start-up), "
            f"peak {self.tree_peak_mb:.0f} MB (Python and its JVM, sampled in the child)"
        )


def _child(engine: str, journal: Path, memory: str) -> Measured:
    argv = [sys.executable, "-m", "benchmarks.bench_spark", engine, str(journal), memory]
    run = run_measured(argv)
    inside, tree_peak = (float(x) for x in run.output.strip().splitlines()[-1].split())
    return Measured(run.seconds, inside, run.peak_mb, tree_peak)


def _tree_rss_mb(root: int) -> float:
    """Resident memory of ``root`` and all its descendants, in MB (from /proc)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                parents[int(entry)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        tree.update(children)
        frontier.extend(children)
    pages = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/statm") as f:
                pages += int(f.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


class _PeakSampler:
    """Samples this process tree's memory in a thread; ``peak`` is the largest seen."""

    def __init__(self, every: float = 0.5) -> None:
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every,), daemon=True)
        self._thread.start()

    def _run(self, every: float) -> None:
        while not self._stop.wait(every):
            self.peak = max(self.peak, _tree_rss_mb(os.getpid()))

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _tree_rss_mb(os.getpid()))
        return self.peak


def _run_duckdb(journal: str, memory: str) -> float:
    from whatmatters.check.backends import journal_table
    from whatmatters.check.run import run_check

    start = time.perf_counter()
    result = run_check(journal_table(journal, "duckdb"))
    assert result["people"].num_rows > 0
    return time.perf_counter() - start


def _run_spark(journal: str, memory: str) -> float:
    from whatmatters.check.spark import check_spark_table, spark_session

    session = spark_session(
        "local[2]",
        **{
            "spark.ui.enabled": "false",
            "spark.driver.memory": memory,
            # Two cores: a few partitions per core (Spark's 200 cost ten times as much here).
            "spark.sql.shuffle.partitions": "8",
            "spark.driver.maxResultSize": "0",  # the people table comes back whole
            "spark.sql.execution.arrow.pyspark.enabled": "true",
        },
    )
    session.sparkContext.setLogLevel("ERROR")
    start = time.perf_counter()
    result = check_spark_table(journal, session)
    assert result["people"].num_rows > 0
    seconds = time.perf_counter() - start
    session.stop()
    return seconds


if __name__ == "__main__":
    engine, path, spark_memory = sys.argv[1:4]
    sampler = _PeakSampler()
    seconds = {"duckdb": _run_duckdb, "spark": _run_spark}[engine](path, spark_memory)
    print(f"{seconds:.3f} {sampler.stop():.1f}")
