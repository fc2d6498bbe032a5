"""Writes with no gap: the path holds the whole old output or the whole new one,
even when the writer is killed at any moment, and the next run cleans up."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pytest

from whatmatters.journal import store
from whatmatters.journal.store import (
    clean_leftovers,
    folder_written,
    read_journal,
    read_manifest,
    replace_folder,
    write_journal,
    writing_folder,
)


def _version(path: Path) -> int:
    """The version a complete journal at ``path`` holds; fails if it is incomplete."""
    manifest = read_manifest(path)
    rows = read_journal(path).num_rows
    assert rows == manifest["rows"] == manifest["version"] * 1000
    return manifest["version"]


def _leftovers(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(f".{path.name}."))


def _table(rows: int) -> pa.Table:
    return pa.table({"person_id": [f"P{i}" for i in range(rows)], "kind": ["visit"] * rows})


def test_replace_swaps_in_one_step_and_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "j"
    write_journal(out, [_table(1000)], version=1)
    write_journal(out, [_table(2000)], version=2)
    assert _version(out) == 2
    assert _leftovers(out) == []


def test_the_exchange_is_one_system_call_here() -> None:
    """On Linux the swap is renameat2(RENAME_EXCHANGE): no moment without output."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the exchange is checked on Linux")
    assert store._EXCHANGE is not None


def test_leftovers_of_dead_runs_are_removed_and_a_live_one_kept(tmp_path: Path) -> None:
    out = tmp_path / "report"
    out.mkdir()
    dead = tmp_path / ".report.writing-999999999-abcd1234"  # no such process
    dead.mkdir()
    older = tmp_path / ".report.writing-1a2b3c4d"  # the name before process ids
    older.mkdir()
    stale_old = tmp_path / ".report.old-999999999-abcd1234"
    stale_old.mkdir()
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]) as live:
        alive = tmp_path / f".report.writing-{live.pid}-abcd1234"
        alive.mkdir()
        removed = clean_leftovers(out)
        live.kill()
    assert sorted(p.name for p in removed) == sorted([dead.name, older.name, stale_old.name])
    assert _leftovers(out) == [alive.name]


@pytest.mark.parametrize("name", ["r[1]", "r*", "r?", "r]", "r[!x]"])
def test_only_this_folders_leftovers_are_removed_whatever_its_name(
    tmp_path: Path, name: str
) -> None:
    # Glob characters in the name are matched as themselves (``glob.escape``):
    # "r[1]" must not clear the leftovers of "r1", nor "r*" those of "rx".
    mine = tmp_path / f".{name}.writing-999999999-abcd1234"
    theirs = [tmp_path / f".{other}.writing-999999999-abcd1234" for other in ("r1", "rx", "r")]
    for folder in (mine, *theirs):
        folder.mkdir()
    assert clean_leftovers(tmp_path / name) == [mine]
    assert all(folder.is_dir() for folder in theirs)


def test_an_old_version_set_aside_is_put_back_when_the_path_is_empty(tmp_path: Path) -> None:
    """Where no exchange exists, a kill between the two renames leaves the old
    version aside; the next run puts it back before anything else."""
    out = tmp_path / "j"
    write_journal(out, [_table(1000)], version=1)
    aside = tmp_path / ".j.old-999999999-abcd1234"
    out.rename(aside)
    temp = writing_folder(out)
    assert _version(out) == 1
    assert _leftovers(out) == [temp.name]


def test_a_folder_not_written_is_not_put_in_place(tmp_path: Path) -> None:
    out = tmp_path / "j"
    write_journal(out, [_table(1000)], version=1)
    with pytest.raises(RuntimeError), store.JournalWriter(out) as writer:
        writer.write(_table(5))
        raise RuntimeError("the import failed")
    assert _version(out) == 1
    assert _leftovers(out) == []


_WRITER = """
import sys
import pyarrow as pa
from whatmatters.journal.store import write_journal
out, first = sys.argv[1], int(sys.argv[2])
version = first
while True:  # alternate versions until killed
    rows = version * 1000
    table = pa.table({"person_id": [f"P{i}" for i in range(rows)], "kind": ["visit"] * rows})
    write_journal(out, [table], version=version)
    print(version, flush=True)
    version = 1 if version == 2 else 2
"""


def test_writers_killed_at_random_moments_never_leave_a_gap(tmp_path: Path) -> None:
    out = tmp_path / "j"
    write_journal(out, [_table(1000)], version=1)
    rng = random.Random(16)
    for _ in range(5):
        with subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(out), "2"], stdout=subprocess.PIPE
        ) as writer:
            assert writer.stdout is not None
            writer.stdout.readline()  # one write done: the process is well under way
            time.sleep(rng.uniform(0, 0.3))
            writer.send_signal(signal.SIGKILL)
        assert _version(out) in (1, 2)
    writing_folder(out)  # the next run
    assert [name for name in _leftovers(out) if f"-{os.getpid()}-" not in name] == []


_KILL_AT = """
import os, signal, sys, shutil
import pyarrow as pa
from whatmatters.journal import store
out, where = sys.argv[1], sys.argv[2]
table = pa.table({"person_id": [f"P{i}" for i in range(2000)], "kind": ["visit"] * 2000})

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

if where == "between-renames":  # no exchange: rename aside, killed before the second
    store._EXCHANGE = None
    real_rename = os.rename
    calls = []
    def rename(a, b):
        calls.append(a)
        if len(calls) == 2:
            die()
        real_rename(a, b)
    os.rename = rename
elif where == "after-exchange":  # swapped, killed before the old one is removed
    shutil.rmtree = die
elif where == "before-exchange":
    store._exchange = die
store.write_journal(out, [table], version=2)
"""


@pytest.mark.parametrize("where", ["before-exchange", "after-exchange", "between-renames"])
def test_a_kill_at_each_step_of_the_replace(tmp_path: Path, where: str) -> None:
    out = tmp_path / "j"
    write_journal(out, [_table(1000)], version=1)
    killed = subprocess.run([sys.executable, "-c", _KILL_AT, str(out), where], check=False)
    assert killed.returncode == -signal.SIGKILL
    if where == "between-renames":
        assert not out.exists()  # the gap the fallback has: the old one is aside …
        writing_folder(out)  # … and the next run puts it back
        assert _version(out) == 1
    else:
        assert _version(out) == (2 if where == "after-exchange" else 1)
        assert _leftovers(out) != []
    write_journal(out, [_table(3000)], version=3)
    assert _version(out) == 3
    assert _leftovers(out) == []


def test_replace_into_an_empty_place(tmp_path: Path) -> None:
    out = tmp_path / "deeper" / "report"
    temp = writing_folder(out)
    (temp / "index.html").write_text("new")
    replace_folder(temp, out)
    assert (out / "index.html").read_text() == "new"
    assert _leftovers(out) == []


def test_a_folder_written_whole_replaces_the_old_and_a_failure_keeps_it(tmp_path: Path) -> None:
    out = tmp_path / "report"
    with folder_written(out) as temp:
        (temp / "index.html").write_text("first")
    with pytest.raises(RuntimeError, match="drawing failed"), folder_written(out) as temp:
        (temp / "index.html").write_text("half")
        raise RuntimeError("drawing failed")
    assert (out / "index.html").read_text() == "first"
    assert _leftovers(out) == []


def test_every_file_and_folder_is_flushed_before_the_swap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing was fsynced: a power cut after a 'finished' import could lose it."""
    out = tmp_path / "j"
    write_journal(out, [_table(1000)], version=1)
    flushed: list[str] = []
    real_fsync = os.fsync

    def fsync(descriptor: int) -> None:
        flushed.append(os.readlink(f"/proc/self/fd/{descriptor}"))
        real_fsync(descriptor)

    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to name the flushed files")
    monkeypatch.setattr(os, "fsync", fsync)
    write_journal(out, [_table(2000)], version=2)
    names = {Path(p).name for p in flushed}
    assert {"manifest.json", "part-00000.parquet", "events", tmp_path.name} <= names
