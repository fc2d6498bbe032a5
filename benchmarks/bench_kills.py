"""Writes with no gap under fire: ``./run bench kills`` (issue 16).

Runs ``import cld``, ``import events``, ``check`` and ``generate`` over and
over, killing each (SIGKILL, the whole process group) at a random moment of
its run (uniform over 1.1 times its uninterrupted time, so some runs finish),
``--kills`` times in all (default 100), the four commands side by side. After every kill each output
folder must hold a whole old version or a whole new one: a journal whose parts
hold the rows its manifest counts; a report whose manifest and page are
there; CLD files that read back. Killed runs leave hidden ``.NAME.writing-*``
folders beside an output; the next run of any writer of that output removes
them, which is checked at the end after one clean run of each command.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.machine import describe
from whatmatters.journal.store import read_journal, read_manifest

ROOT = Path(__file__).resolve().parents[1]
EVENT_LOG = ROOT / "tests" / "data" / "eventlogs" / "running-example.csv"
CLD_SAMPLE = ROOT / "src" / "whatmatters" / "journal" / "cld" / "sample" / "cld_r2_sample.csv"


def main(argv: list[str]) -> None:
    kills = next((int(a.split("=")[1]) for a in argv if a.startswith("--kills=")), 100)
    work = Path(tempfile.mkdtemp(prefix="whatmatters-kills-"))
    commands = _commands(work)
    print(f"Machine: {describe()}\n")
    print(f"Inputs: the CLD sample (277 rows; `check` runs on its journal), {EVENT_LOG.name}, ")
    print("a council of 2,000 people over a year (`generate`).\n", flush=True)
    durations = {name: _run(command) for name, (command, _) in commands.items()}  # first outputs
    times = ", ".join(f"{n} {d:.1f}" for n, d in durations.items())
    print(f"Uninterrupted run times (s): {times}", flush=True)
    # Each command is killed in its own stream, side by side (their outputs are apart).
    share = {
        name: kills // len(commands) + (i < kills % len(commands))
        for i, name in enumerate(sorted(commands))
    }
    with ThreadPoolExecutor(max_workers=len(commands)) as pool:
        streams = pool.map(
            lambda name: _kill_stream(name, *commands[name], durations[name], share[name]),
            sorted(commands),
        )
        outcomes: Counter[tuple[str, str]] = Counter()
        leftovers_seen = 0
        for counts, seen in streams:
            outcomes += counts
            leftovers_seen += seen
    for command, _ in commands.values():  # the next run of each cleans up
        _run(command)
    remaining = sum(len(_leftovers(o)) for _, outputs in commands.values() for o in outputs)
    print(f"\n{kills} kills; after each, every output folder of the command checked:\n")
    print("| command | kills | output whole (old or new) | output missing or broken |")
    print("|---|---|---|---|")
    for name in sorted(commands):
        whole, broken = outcomes[(name, "whole")], outcomes[(name, "broken")]
        print(f"| {name} | {share[name]} | {whole} | {broken} |")
    print(
        f"\nLeftover folders seen after kills: {leftovers_seen}; after the next runs: {remaining}."
    )
    shutil.rmtree(work, ignore_errors=True)
    if any(kind == "broken" for _, kind in outcomes) or remaining:
        sys.exit("an output was missing or broken, or leftovers remained")


def _kill_stream(
    name: str, command: list[str], outputs: list[Path], duration: float, kills: int
) -> tuple[Counter[tuple[str, str]], int]:
    """Run ``command`` ``kills`` times, each killed at a random moment of its run."""
    rng = random.Random(f"16-{name}")
    outcomes: Counter[tuple[str, str]] = Counter()
    seen = 0
    for kill in range(kills):
        process = subprocess.Popen(
            command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0, duration * 1.1))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        for output in outputs:
            state = _whole(output)
            outcomes[(name, state)] += 1
            seen += len(_leftovers(output))
        print(f"{name}: kill {kill + 1}/{kills}: {state}", flush=True)
    return outcomes, seen


def _commands(work: Path) -> dict[str, tuple[list[str], list[Path]]]:
    whatmatters = [str(Path(sys.executable).parent / "whatmatters")]
    journal = work / "cld-journal"
    return {
        "import cld": (
            [*whatmatters, "import", "cld", str(CLD_SAMPLE), "--out", str(journal)],
            [journal],
        ),
        "import events": (
            [*whatmatters, "import", "events", str(EVENT_LOG), "--out", str(work / "events")],
            [work / "events"],
        ),
        "check": (
            [*whatmatters, "check", str(journal), "--out", str(work / "report")],
            [work / "report"],
        ),
        "generate": (
            [
                *whatmatters,
                "generate",
                "--out",
                str(work / "council"),
                "--population",
                "5000",
                "--years",
                "1",
                "--seed",
                "16",
            ],
            [work / "council" / "journal", work / "council" / "cld"],
        ),
    }


def _run(command: list[str]) -> float:
    started = time.monotonic()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.monotonic() - started


def _whole(path: Path) -> str:
    """'whole' if ``path`` holds a complete output of its kind, else 'broken'."""
    try:
        if (path / "manifest.json").is_file():  # a journal
            return (
                "whole" if read_journal(path).num_rows == read_manifest(path)["rows"] else "broken"
            )
        if (path / "report.json").is_file():
            json.loads((path / "report.json").read_text())
            return "whole" if (path / "index.html").stat().st_size > 0 else "broken"
        files = sorted(path.glob("*.csv"))  # the council's CLD files
        return "whole" if files and all(f.stat().st_size > 0 for f in files) else "broken"
    except Exception:  # anything unreadable is a broken output
        return "broken"


def _leftovers(path: Path) -> list[Path]:
    return [p for p in path.parent.glob(f".{path.name}.*-*")] if path.parent.is_dir() else []
