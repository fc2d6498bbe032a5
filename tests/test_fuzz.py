"""The fuzzing harness (fuzz/, docs/fuzzing.md): seeds and past crashes replayed,
and a short coverage-guided run of every target, which must find nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fuzz import targets

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "fuzz" / "corpus"
CRASHES = ROOT / "fuzz" / "crashes"


def _inputs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


@pytest.mark.parametrize("name", sorted(targets.TARGETS))
def test_every_seed_is_read_or_refused_cleanly(name: str) -> None:
    seeds = _inputs(CORPUS / name)
    assert seeds, f"fuzz/corpus/{name} has no seeds"
    for seed in seeds:
        targets.TARGETS[name](seed.read_bytes())


@pytest.mark.parametrize("crash", _inputs(CRASHES), ids=lambda p: p.name)
def test_every_crash_the_fuzzer_found_is_fixed(crash: Path) -> None:
    """Each file in fuzz/crashes/ once crashed its target (named by its prefix)."""
    name = crash.name.split("-", 1)[0]
    targets.TARGETS[name](crash.read_bytes())


def test_a_short_coverage_guided_run_finds_nothing() -> None:
    pytest.importorskip("atheris")
    run = subprocess.run(
        [sys.executable, "-m", "fuzz", "every", "--runs", "150", "--seed", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "Done 150 runs" in run.stderr
