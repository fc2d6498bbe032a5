"""Check the harness itself: the peak memory it reports is the child's own."""

from __future__ import annotations

import sys

from benchmarks.machine import describe, run_measured


def main(argv: list[str]) -> None:
    small = run_measured([sys.executable, "-c", "pass"])
    big = run_measured(
        [sys.executable, "-c", "x = bytearray(300 * 2**20); x[::4096] = b'1' * len(x[::4096])"]
    )
    print(f"machine: {describe()}")
    print("| command | seconds | peak MB |\n|---|---|---|")
    print(f"| python -c pass | {small.seconds:.2f} | {small.peak_mb:.0f} |")
    print(f"| allocate 300 MB | {big.seconds:.2f} | {big.peak_mb:.0f} |")
