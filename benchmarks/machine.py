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
from pathlib import Path


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


# A small Python that starts the command and reports its peak: the command
# takes on the resident size of the process that starts it (``ru_maxrss``
# counts the forked copy), so that process must be small, not the harness.
_LAUNCHER = """
import os, sys
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as f:
    f.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_measured(argv: Sequence[str], env: dict[str, str] | None = None) -> Run:
    """Run a command in a child process: its wall time and its own peak memory.

    The command is started by a small launcher, so its peak is its own, not
    the benchmark harness's (which may have read large files) or an earlier
    run's.
    """
    with tempfile.TemporaryFile(mode="w+") as log, tempfile.NamedTemporaryFile() as peak:
        launcher = [sys.executable, "-S", "-c", _LAUNCHER, peak.name, *argv]
        start = time.perf_counter()
        proc = subprocess.run(
            launcher, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
        )
        seconds = time.perf_counter() - start
        log.seek(0)
        output = log.read()
        peak_kb = int(Path(peak.name).read_text() or 0)
    if proc.returncode:
        sys.stderr.write(output)
        raise RuntimeError(f"{' '.join(argv)} failed with status {proc.returncode}")
    return Run(seconds=seconds, peak_mb=peak_kb / 1024, output=output)
