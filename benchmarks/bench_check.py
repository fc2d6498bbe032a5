"""The check against pm4py on the same journal, and how its time grows.

``./run bench check`` (add ``--sizes 1000000,2000000,5000000`` to choose):

* on the 1,000,000-event journal, pm4py's subset — directly-follows graph
  with frequencies and mean times, variants, case durations, handover of
  work — against the whole check (every table ``run_check`` returns);
* the whole check at 1M, 2M and 5M events: time and peak memory, to see
  that cost grows in proportion to the events (``--memory-limit=1.5GB``
  bounds DuckDB's memory, as ``whatmatters check --memory-limit`` does);
* the floor at each size: DuckDB reading the columns a person's order
  needs and putting each person's events in order once (row number, next
  step, next start, previous kind), in plain SQL with no Ibis: the least
  any check of journeys does, so the targets can be read against it.

A last table gives each whole check by stage (start-up, compute, tables,
page), with its processor seconds (all threads) and peak memory, and
pm4py's subset beside it from the same run.

Each run is its own child process (``benchmarks.machine.run_measured``),
so its peak memory is its own; times include starting Python and reading
the journal. The journals are synthetic councils (``check_journal.py``),
generated once under ``benchmarks/data``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from benchmarks.check_journal import generate
from benchmarks.machine import describe, run_measured

DATA = Path(__file__).parent / "data"
SIZES = (1_000_000, 2_000_000, 5_000_000)
PM4PY_SIZE = 1_000_000


def main(argv: list[str]) -> None:
    sizes, memory = SIZES, ""
    for arg in argv:
        if arg.startswith("--sizes="):
            sizes = tuple(int(s) for s in arg.split("=", 1)[1].split(","))
        if arg.startswith("--memory-limit="):
            memory = arg.split("=", 1)[1]
    print(f"machine: {describe()}")
    journals = {n: generate(DATA / f"council-{n}", n) for n in sorted({*sizes, PM4PY_SIZE})}

    ours = {n: _child("check", journals[n][0], memory) for n in sizes}
    floors = {n: _child("floor", journals[n][0], memory) for n in sizes}
    theirs = _child("pm4py", journals[PM4PY_SIZE][0])
    if PM4PY_SIZE not in ours:
        ours[PM4PY_SIZE] = _child("check", journals[PM4PY_SIZE][0], memory)

    limit = f", DuckDB memory limit {memory}" if memory else ""
    print(
        f"\n| events | whole check: s (inside){limit} | peak MB | s per million events "
        "| floor: one ordered pass, s (inside) |"
    )
    print("|---|---|---|---|---|")
    for n in sizes:
        run, inside = ours[n]
        floor, floor_inside = floors[n]
        rows = journals[n][1]
        print(
            f"| {rows:,} | {run.seconds:.1f} ({inside:.1f}) | {run.peak_mb:.0f} "
            f"| {run.seconds / (rows / 1e6):.2f} | {floor.seconds:.1f} ({floor_inside:.1f}) |"
        )
    check_run, check_inside = ours[PM4PY_SIZE]
    pm_run, pm_inside = theirs
    print(f"\n| on {PM4PY_SIZE:,} events | s (inside) | peak MB |")
    print("|---|---|---|")
    print(f"| pm4py subset | {pm_run.seconds:.1f} ({pm_inside:.1f}) | {pm_run.peak_mb:.0f} |")
    print(
        f"| whole check | {check_run.seconds:.1f} ({check_inside:.1f}) | {check_run.peak_mb:.0f} |"
    )
    print(f"\nwhole check is {pm_run.seconds / check_run.seconds:.1f}× faster than pm4py's subset")
    _stage_table(ours, journals, theirs)


def _stage_table(ours: dict, journals: dict, theirs: tuple) -> None:
    """Where the whole command's time goes: start-up, compute, tables, page; pm4py's beside it."""
    print(
        "\n| events | start-up s (Python, imports) | compute s (every table) "
        "| tables s (CSV, Parquet) | page s (charts, page, scripts) | end to end s "
        "| processor s | peak MB |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for n, (run, inside) in sorted(ours.items()):
        stages = _stages(run.output)
        start_up = run.seconds - inside + stages["imports"]
        print(
            f"| {journals[n][1]:,} | {start_up:.1f} | {stages['compute']:.1f} "
            f"| {stages['tables']:.1f} | {stages['page']:.1f} | {run.seconds:.1f} "
            f"| {_processor(run.output):.1f} | {run.peak_mb:.0f} |"
        )
    run, inside = theirs
    print(
        f"| pm4py subset, {journals[PM4PY_SIZE][1]:,} | {run.seconds - inside:.1f} (Python) "
        f"| {inside:.1f} (imports, reading, computing) | — | — | {run.seconds:.1f} "
        f"| {_processor(run.output):.1f} | {run.peak_mb:.0f} |"
    )


def _processor(output: str) -> float:
    """The processor seconds a child printed (all its threads, start-up included)."""
    lines = [line for line in output.splitlines() if line.startswith("processor ")]
    return float(lines[-1].removeprefix("processor "))


def _stages(output: str) -> dict[str, float]:
    """The stage times a ``check`` child printed."""
    lines = [line for line in output.splitlines() if line.startswith("stages ")]
    return json.loads(lines[-1].removeprefix("stages "))


def _child(what: str, journal: Path, memory: str = ""):
    argv = [sys.executable, "-m", "benchmarks.bench_check", what, str(journal), memory]
    run = run_measured(argv)
    return run, float(run.output.strip().splitlines()[-1])


def _check(journal: str, memory: str) -> float:
    """Run the whole check and write its report, as ``whatmatters check`` does.

    Prints each stage's seconds on a ``stages`` line; returns the seconds it
    all took after start-up. The command line's own module is imported first,
    as ``whatmatters check`` imports it (every command's registration), so the
    start-up stage is the command's.
    """
    start = time.perf_counter()
    import tempfile

    import whatmatters.cli  # noqa: F401  (what the command imports before it checks)
    from whatmatters.check.backends import journal_table
    from whatmatters.check.run import run_check
    from whatmatters.report.writer import write_report

    marks = {"imports": time.perf_counter()}
    result = run_check(journal_table(journal, "duckdb", memory_limit=memory or None))
    assert result.tables["people"].num_rows > 0
    marks["compute"] = time.perf_counter()

    def step(what: str) -> None:
        if what == "drawing the charts and maps":
            marks["tables"] = time.perf_counter()

    with tempfile.TemporaryDirectory() as folder:
        write_report(result, Path(folder) / "report", source="benchmark", progress=step)
    marks["page"] = time.perf_counter()
    stages, last = {}, start
    for name, at in marks.items():
        stages[name] = round(at - last, 3)
        last = at
    print("stages " + json.dumps(stages))
    return time.perf_counter() - start


def _floor(journal: str, memory: str) -> float:
    """Read what a person's order needs and order each person's events once, in plain SQL."""
    start = time.perf_counter()
    import duckdb

    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = false")
    if memory:
        con.execute(f"SET memory_limit = '{memory}'")
    files = str(Path(journal) / "events" / "*.parquet")
    con.execute(
        "CREATE TEMP TABLE ordered AS SELECT person_id, activity, start, team, worker, "
        "row_number() OVER w AS pos, lead(activity) OVER w AS next_activity, "
        "lead(start) OVER w AS next_start, lag(kind) OVER w AS previous_kind "
        'FROM (SELECT *, coalesce("end", start) AS end_or_start FROM read_parquet(?)) '
        "WINDOW w AS (PARTITION BY person_id ORDER BY start, end_or_start, source_row, event_id)",
        [files],
    )
    return time.perf_counter() - start


def _pm4py(journal: str, _memory: str) -> float:
    """pm4py's directly-follows graph with times, variants, case durations, handover."""
    start = time.perf_counter()
    import pandas as pd
    import pm4py

    columns = ["person_id", "kind", "activity", "start", "end", "worker", "source_row"]
    df = pd.read_parquet(Path(journal) / "events", columns=columns)
    df["activity"] = df["activity"].fillna(df["kind"])
    df["end"] = df["end"].fillna(df["start"])
    df["worker"] = df["worker"].fillna("(none)")  # pm4py cannot sort missing resources
    df = df.rename(
        columns={
            "person_id": "case:concept:name",
            "activity": "concept:name",
            "end": "time:timestamp",
            "start": "start_timestamp",
            "worker": "org:resource",
        }
    )
    df = pm4py.format_dataframe(df)
    pm4py.discover_dfg(df)
    pm4py.discover_performance_dfg(df)
    pm4py.get_variants(df)
    # pm4py's case durations fail when the frame has start times: give it completions
    completions = df[["case:concept:name", "concept:name", "time:timestamp"]].copy()
    completions.attrs = {}
    pm4py.get_all_case_durations(completions)
    pm4py.discover_handover_of_work_network(df)
    return time.perf_counter() - start


if __name__ == "__main__":
    task, path, memory = sys.argv[1], sys.argv[2], sys.argv[3]
    seconds = {"check": _check, "floor": _floor, "pm4py": _pm4py}[task](path, memory)
    print(f"processor {time.process_time():.3f}")
    print(f"{seconds:.3f}")
