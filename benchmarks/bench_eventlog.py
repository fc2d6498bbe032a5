"""Event-log import: BPIC 2013 (XES) and a ×100 copy, whatmatters vs pm4py's read_xes.

whatmatters reads the log, pairs lifecycle events, maps kinds and writes a
journal (Parquet) plus the set-aside attributes; pm4py's ``read_xes`` reads
the log into a pandas DataFrame. Both run as child processes in the same run,
so each peak is that command's own resident memory.

Each tool first reads the small running example, untimed, with Python
allowed to write its bytecode caches (this machine sets PYTHONDONTWRITEBYTECODE,
which would make every run compile both tools' modules afresh); timings are
then those of any machine after the first run.

The larger log repeats every trace of BPIC 2013 with its case renamed
(``1-109135791`` → ``1-109135791~7``), written once to ``benchmarks/data/``.

    ./run bench eventlog                 # ×1 and ×100
    ./run bench eventlog --scale=20      # ×1 and ×20
"""

from __future__ import annotations

import gzip
import re
import sys
import tempfile
from pathlib import Path

from benchmarks.machine import Run, describe, run_measured

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"
SOURCE_NAME = "06_bpic2013_closed.xes.gz"
EVENTS, CASES = 6_660, 1_487  # as tests/data/README.md gives them
TRACE_NAME = re.compile(rb'(<trace>\s*<string key="concept:name" value=")([^"]*)(")')
PM4PY = (
    "import sys, warnings; warnings.simplefilter('ignore'); import pm4py; "
    "df = pm4py.read_xes(sys.argv[1]); "
    "print('EVENTS', len(df), 'CASES', df['case:concept:name'].nunique())"
)


def public_log() -> Path:
    """The public BPIC 2013 log, kept in the repository beside the tests."""
    return ROOT / "tests" / "data" / "eventlogs" / SOURCE_NAME


def replicated(source: Path, times: int) -> Path:
    """BPIC 2013 with its traces repeated ``times`` times, cases renamed (made once)."""
    target = DATA / f"bpic2013_x{times}.xes.gz"
    if target.exists():
        return target
    xml = gzip.decompress(source.read_bytes())
    first, last = xml.index(b"<trace>"), xml.rindex(b"</trace>") + len(b"</trace>")
    head, body, tail = xml[:first], xml[first:last], xml[last:]
    DATA.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    with gzip.open(partial, "wb", compresslevel=6) as out:
        out.write(head)
        for copy in range(times):
            out.write(TRACE_NAME.sub(lambda m, c=copy: m[1] + m[2] + f"~{c}".encode() + m[3], body))
        out.write(tail)
    partial.rename(target)
    return target


WRITE_BYTECODE = {"PYTHONDONTWRITEBYTECODE": ""}  # empty: Python writes its caches


def measure_whatmatters(log: Path) -> tuple[Run, int]:
    command = Path(sys.executable).with_name("whatmatters")
    with tempfile.TemporaryDirectory(dir=DATA) as folder:
        argv = [str(command), "import", "events", str(log), "--out", f"{folder}/j"]
        run = run_measured(argv, env=WRITE_BYTECODE)
    events = int(re.search(r"([\d,]+) events", run.output)[1].replace(",", ""))
    return run, events


def measure_pm4py(log: Path) -> tuple[Run, int]:
    run = run_measured([sys.executable, "-c", PM4PY, str(log)], env=WRITE_BYTECODE)
    return run, int(re.search(r"EVENTS (\d+)", run.output)[1])


def main(argv: list[str]) -> None:
    scale = next((int(a.split("=", 1)[1]) for a in argv if a.startswith("--scale=")), 100)
    source = public_log()
    DATA.mkdir(parents=True, exist_ok=True)
    logs = [(f"BPIC 2013 ({EVENTS:,} events)", source, EVENTS)]
    if scale > 1:
        big = replicated(source, scale)
        logs.append((f"BPIC 2013 ×{scale} ({EVENTS * scale:,} events)", big, EVENTS * scale))
    warm_up = source.with_name("running-example.xes")
    measure_whatmatters(warm_up)
    measure_pm4py(warm_up)
    print(f"machine: {describe()}\n")
    print("| log | tool | seconds | peak MB | events/s |")
    print("|---|---|---|---|---|")
    for label, log, expected in logs:
        for tool, measure in (("whatmatters import events", measure_whatmatters),
                              ("pm4py.read_xes", measure_pm4py)):  # fmt: skip
            run, events = measure(log)
            if events != expected:
                sys.exit(f"{tool} read {events} events of {log.name}, expected {expected}")
            rate = events / run.seconds
            print(f"| {label} | {tool} | {run.seconds:.2f} | {run.peak_mb:.0f} | {rate:,.0f} |")
