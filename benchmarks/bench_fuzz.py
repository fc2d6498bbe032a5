"""The long fuzz run: ``./run bench fuzz`` (issue 16).

Each target of ``fuzz/`` is fuzzed for ``--runs`` inputs (default 100,000),
the targets side by side (``--jobs``, default 3), each fuzzer on one thread.
A crash or a hang (an input over 10 s) stops that target; its input is saved
in ``fuzz/crashes/``. Prints a Markdown section for ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.machine import describe

ROOT = Path(__file__).resolve().parents[1]
TARGETS = ("cld", "events_csv", "events_xes", "events_parquet", "kinds_toml")


def main(argv: list[str]) -> None:
    runs = _option(argv, "--runs", 100_000)
    jobs = _option(argv, "--jobs", 3)
    print(f"Machine: {describe()}\n", flush=True)
    started = time.strftime("%Y-%m-%d %H:%M")
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(lambda t: _fuzz(t, runs), TARGETS))
    print(f"Started {started}; {runs:,} inputs asked of each target.\n")
    print("| target | inputs run | seconds | inputs/s | crashes | hangs (>10 s) | peak MB |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r['target']} | {r['runs']:,} | {r['seconds']:.0f} | "
            f"{r['runs'] / max(r['seconds'], 1):.0f} | {r['crashes']} | {r['hangs']} | "
            f"{r['rss']} |"
        )
    if any(r["crashes"] or r["hangs"] for r in results):
        sys.exit("a target crashed or hung: see fuzz/crashes/")


def _fuzz(target: str, runs: int) -> dict[str, object]:
    log = ROOT / "fuzz" / f".{target}.log"
    started = time.monotonic()
    with log.open("w") as out:
        status = subprocess.call(
            [
                "nice",
                "-n",
                "10",
                sys.executable,
                "-m",
                "fuzz",
                target,
                "--runs",
                str(runs),
                "--seed",
                "16",
            ],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    seconds = time.monotonic() - started
    text = log.read_text(errors="replace")
    done = re.findall(r"stat::number_of_executed_units: (\d+)", text)
    rss = re.findall(r"stat::peak_rss_mb: (\d+)", text)
    hangs = text.count("ERROR: libFuzzer: timeout")
    return {
        "target": target,
        "runs": int(done[-1]) if done else 0,
        "seconds": seconds,
        "crashes": int(status != 0 and not hangs),
        "hangs": hangs,
        "rss": rss[-1] if rss else "?",
    }


def _option(argv: list[str], name: str, default: int) -> int:
    for a in argv:
        if a.startswith(name + "="):
            return int(a.split("=", 1)[1])
    return default
