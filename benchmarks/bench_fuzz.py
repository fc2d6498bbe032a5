"""The long fuzz run: ``./run bench fuzz`` (issue 16).

Each target of ``fuzz/`` is fuzzed for ``--runs`` inputs (default 100,000),
the targets side by side (``--jobs``, default all of them), each fuzzer on one thread;
``--report`` only summarises the logs (``fuzz/.TARGET.log``) of the last run.
A crash or a hang (an input over 10 s) stops that target; its input is saved
in ``fuzz/crashes/``. Prints a Markdown section for ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.machine import describe

ROOT = Path(__file__).resolve().parents[1]


def _targets() -> tuple[str, ...]:
    """Every target of fuzz/targets.py (its module is imported without atheris)."""
    from fuzz.targets import TARGETS

    return tuple(TARGETS)


def main(argv: list[str]) -> None:
    """Fuzz every target, or with ``--report`` only summarise the last run's logs."""
    runs = _option(argv, "--runs", 100_000)
    jobs = _option(argv, "--jobs", len(_targets()))
    print(f"Machine: {describe()}\n", flush=True)
    if "--report" not in argv:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            list(pool.map(lambda t: _fuzz(t, runs), _targets()))
    results = [_result(target) for target in _targets()]
    print(f"{runs:,} inputs asked of each target.\n")
    print(
        "| target | inputs run | seconds | inputs/s | coverage (edges) | crashes "
        "| hangs (>10 s) | slowest input (s) | peak MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r['target']} | {r['runs']:,} | {r['seconds']:.0f} | "
            f"{r['runs'] / max(r['seconds'], 1):.0f} | {r['cov']} | {r['crashes']} | "
            f"{r['hangs']} | < {r['slowest'] + 1} | {r['rss']} |"
        )
    unfinished = [r["target"] for r in results if not r["finished"]]
    if unfinished:
        print(f"\nNot finished (still running or stopped): {', '.join(unfinished)}.")
    if any(r["crashes"] or r["hangs"] for r in results):
        sys.exit("a target crashed or hung: see fuzz/crashes/")


def _log(target: str) -> Path:
    return ROOT / "fuzz" / f".{target}.log"


def _fuzz(target: str, runs: int) -> None:
    # Inputs up to 4 KiB for XES (three times the inputs an hour), 8 KiB for CLD
    # (the workbook seed is 7 KiB: shorter, no valid workbook would be read).
    longest = {"cld": ["-max_len=8192"], "events_xes": ["-max_len=4096"]}.get(target, [])
    command = [sys.executable, "-m", "fuzz", target, "--runs", str(runs), "--seed", "16"]
    with _log(target).open("w") as out:
        subprocess.call([*command, *longest], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)


def _result(target: str) -> dict[str, object]:
    """What a target's log says: inputs run, time, crashes, hangs, peak memory."""
    text = _log(target).read_text(errors="replace") if _log(target).is_file() else ""
    done = re.search(r"Done (\d+) runs in (\d+) second", text)
    progress = re.findall(r"^#(\d+)\s", text, re.MULTILINE)
    rss = re.findall(r"rss: (\d+)Mb", text)
    cov = re.findall(r"cov: (\d+)", text)
    slowest = re.search(r"stat::slowest_unit_time_sec:\s+(\d+)", text)
    hangs = text.count("ERROR: libFuzzer: timeout")
    crashes = text.count("Uncaught Python exception") + text.count(
        "ERROR: libFuzzer: out-of-memory"
    )
    return {
        "target": target,
        "runs": int(done.group(1)) if done else int(progress[-1]) if progress else 0,
        "seconds": int(done.group(2)) if done else 0,
        "crashes": crashes,
        "hangs": hangs,
        "rss": max(map(int, rss)) if rss else "?",
        "finished": done is not None,
        "cov": cov[-1] if cov else "?",
        "slowest": int(slowest.group(1)) if slowest else 0,
    }


def _option(argv: list[str], name: str, default: int) -> int:
    for a in argv:
        if a.startswith(name + "="):
            return int(a.split("=", 1)[1])
    return default
