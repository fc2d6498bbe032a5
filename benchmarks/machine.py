"""What machine a benchmark ran on, and how to measure peak memory."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass


def describe() -> str:
    """One line naming the machine, for RESULTS.md."""
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem_gb:.0f} GB RAM, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


@dataclass
class Run:
    seconds: float
    peak_mb: float
    output: str


def run_measured(argv: Sequence[str], env: dict[str, str] | None = None) -> Run:
    """Run a command in a child process: its wall time and its own peak memory.

    ``os.wait4`` gives the resource usage of exactly that child, so the peak
    is the command's own, not the benchmark harness's or an earlier run's.
    """
    with tempfile.TemporaryFile(mode="w+") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(argv), stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
    if proc.returncode:
        sys.stderr.write(output)
        raise RuntimeError(f"{' '.join(argv)} failed with status {proc.returncode}")
    return Run(seconds=seconds, peak_mb=usage.ru_maxrss / 1024, output=output)
