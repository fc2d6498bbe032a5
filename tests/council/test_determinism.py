"""The same settings give the same files, byte for byte; people are made in chunks."""

from __future__ import annotations

from pathlib import Path

from whatmatters.council import Design, Settings, generate_journal
from whatmatters.journal import read_journal


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    settings = Settings(population=20_000, years=1.5, seed=42, people_per_chunk=6_000)
    first = generate_journal(settings, tmp_path / "a")
    second = generate_journal(settings, tmp_path / "b")
    assert first.chunks == second.chunks == 3
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert a.keys() == b.keys()
    assert {"manifest.json", "parameters.json", "events/part-00000.parquet"} <= a.keys()
    for name in a:
        assert a[name] == b[name], name


def test_same_seed_same_bytes_with_a_switch(tmp_path: Path) -> None:
    from datetime import date

    settings = Settings(
        population=15_000, years=1.0, seed=3, design=Design.MENU, switch=date(2022, 10, 1)
    )
    generate_journal(settings, tmp_path / "a")
    generate_journal(settings, tmp_path / "b")
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def test_another_seed_another_council(tmp_path: Path) -> None:
    one = generate_journal(Settings(population=15_000, years=1.0, seed=1), tmp_path / "a")
    two = generate_journal(Settings(population=15_000, years=1.0, seed=2), tmp_path / "b")
    a = read_journal(one.journal).select(["person_id", "kind", "start"])
    b = read_journal(two.journal).select(["person_id", "kind", "start"])
    assert not a.equals(b)


def test_chunks_number_people_apart(tmp_path: Path) -> None:
    summary = generate_journal(
        Settings(population=20_000, years=1.0, seed=9, people_per_chunk=4_000), tmp_path / "j"
    )
    assert summary.chunks == 5
    table = read_journal(summary.journal)
    assert table.num_rows == summary.rows == sum(summary.rows_by_kind.values())
    # Each person belongs to one chunk: their rows sit together, in time order.
    persons = table["person_id"].to_pylist()
    starts = table["start"].to_pylist()
    seen: set[str] = set()
    for i, person in enumerate(persons):
        if i and person != persons[i - 1]:
            assert person not in seen, person
            seen.add(persons[i - 1])
        elif i:
            assert starts[i] >= starts[i - 1]
