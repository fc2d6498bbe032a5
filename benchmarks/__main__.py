"""Run benchmarks: ``./run bench`` (all) or ``./run bench cld council`` (some).

``./run bench NAME --help`` prints a benchmark's description (what it measures, and
its options where it has any) without running it.

Each ``benchmarks/bench_NAME.py`` has ``main(argv: list[str]) -> None`` that
measures whatmatters and its named peer in the same run and prints a
Markdown section for ``benchmarks/RESULTS.md`` (see ``benchmarks.machine``).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).parent


def available() -> list[str]:
    return sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))


def main(argv: list[str]) -> None:
    names = [a for a in argv if not a.startswith("-")] or available()
    options = [a for a in argv if a.startswith("-")]
    unknown = sorted(set(names) - set(available()))
    if unknown:
        hint = (
            " (an option takes its value after '=': --seeds=10)"
            if any(n.replace(".", "").isdigit() for n in unknown)
            else ""
        )
        sys.exit(f"no such benchmark: {', '.join(unknown)} (have: {', '.join(available())}){hint}")
    if "--help" in options or "-h" in options:
        for name in names:
            doc = importlib.import_module(f"benchmarks.bench_{name}").__doc__
            print(f"## {name}\n\n{(doc or 'No description.').strip()}\n")
        return
    for name in names:
        print(f"\n## benchmark: {name}\n", flush=True)
        importlib.import_module(f"benchmarks.bench_{name}").main(options)


if __name__ == "__main__":
    main(sys.argv[1:])
