"""Fuzz one importer: ``./run fuzz TARGET [--runs N] [--seed S] [libFuzzer flags]``.

Targets: cld, events_csv, events_xes, events_parquet, kinds_toml, wales, arcs,
arcs_map (see
``fuzz/targets.py``); ``./run fuzz all --runs 100000`` fuzzes each in turn;
``--validate`` runs the CLD rules after the CLD reader (slower, deeper);
``every`` sends each input through every target (the test suite's short run). The
seed corpus is ``fuzz/corpus/TARGET/``; inputs the fuzzer finds that reach new
code are kept in a scratch folder, and a crash or a hang (over 10 s) is saved
as ``fuzz/crashes/TARGET-…`` and stops the run with a non-zero exit status.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("POLARS_MAX_THREADS", "1")  # one core per fuzzer: the box is shared

HERE = Path(__file__).parent
ROOT = HERE.parent
TIMEOUT_SECONDS = 10  # an input slower than this is a hang
RSS_LIMIT_MB = 3072  # an input needing more memory than this is a crash
MAX_LEN = 1 << 16  # inputs up to 64 KiB


def main(argv: list[str]) -> int:
    import atheris

    with atheris.instrument_imports(include=["whatmatters.journal", "tomllib", "fnmatch"]):
        from fuzz import targets
    if not argv or argv[0] not in (*targets.TARGETS, "all", "every"):
        print(__doc__, file=sys.stderr)
        return 2
    names = list(targets.TARGETS) if argv[0] == "all" else [argv[0]]
    if len(names) > 1:  # one process per target: libFuzzer runs once per process
        import subprocess

        for name in names:
            status = subprocess.call([sys.executable, "-m", "fuzz", name, *argv[1:]], cwd=ROOT)
            if status:
                return status
        return 0
    name = names[0]
    targets.VALIDATE = "--validate" in argv
    flags = _flags([a for a in argv[1:] if a != "--validate"])
    scratch = Path(tempfile.mkdtemp(prefix=f"fuzz-{name}-"))
    crashes = HERE / "crashes"
    crashes.mkdir(exist_ok=True)
    args = [
        sys.argv[0],
        f"-timeout={TIMEOUT_SECONDS}",
        f"-rss_limit_mb={RSS_LIMIT_MB}",
        f"-max_len={MAX_LEN}",
        f"-artifact_prefix={crashes}/{name}-",
        "-print_final_stats=1",
        *flags,
        str(scratch),
        *(str(folder) for folder in _corpus(name)),
    ]
    target = targets.every if name == "every" else targets.TARGETS[name]
    _warm_up(target, _corpus(name))
    atheris.Setup(args, _saving_crashes(target, name, crashes))
    try:
        atheris.Fuzz()
    finally:
        targets.cleanup()
    return 0


def _saving_crashes(target, name: str, folder: Path):
    """``target``, saving an input that raises to ``folder`` before the fuzzer stops
    (atheris prints the exception but, without a sanitizer, writes no file)."""
    import hashlib

    def run(data: bytes) -> None:
        try:
            target(data)
        except Exception:
            digest = hashlib.sha1(data).hexdigest()
            (folder / f"{name}-crash-{digest}").write_bytes(data)
            raise

    return run


def _warm_up(target, folders: list[Path]) -> None:
    """Each seed once before timing starts: the first input would otherwise pay for
    the libraries loaded on first use (8 s on a busy machine), a false hang."""
    for folder in folders:
        for seed in sorted(folder.iterdir()):
            target(seed.read_bytes())


def _corpus(name: str) -> list[Path]:
    """The seed folders (all of them for ``every``)."""
    if name == "every":
        return sorted(p for p in (HERE / "corpus").iterdir() if p.is_dir())
    return [HERE / "corpus" / name]


def _flags(argv: list[str]) -> list[str]:
    """``--runs N`` and ``--seed S`` as libFuzzer flags; other ``-flag=value`` passed on."""
    flags, i = [], 0
    while i < len(argv):
        if argv[i] in ("--runs", "--seed") and i + 1 < len(argv):
            flags.append(f"-{argv[i][2:]}={argv[i + 1]}")
            i += 2
            continue
        flags.append(argv[i])
        i += 1
    return flags


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
