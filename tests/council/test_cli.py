"""``whatmatters generate``: writes a council; a user's mistake is one clear line, no journal."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from whatmatters.cli import app
from whatmatters.council.parameters import PARAMETERS_FILE
from whatmatters.journal import read_manifest


def _generate(*args: str):
    return CliRunner().invoke(app, ["generate", *args])


def test_generate_writes_a_journal(tmp_path: Path) -> None:
    result = _generate(
        "--population", "8000", "--years", "1", "--seed", "4", "--out", str(tmp_path), "--no-cld"
    )
    assert result.exit_code == 0, result.output
    assert "journal rows" in result.output and "synthetic" in result.output
    manifest = read_manifest(tmp_path / "journal")
    assert manifest["synthetic"]["population"] == 8000
    assert manifest["rows"] > 0


def test_what_matters_with_a_switch_is_refused(tmp_path: Path) -> None:
    result = _generate(
        "--design", "what-matters", "--switch", "2023-01-01", "--out", str(tmp_path), "--no-cld"
    )
    assert result.exit_code == 2
    assert "use it with --design menu" in result.output
    assert not (tmp_path / "journal").exists()


def test_a_switch_outside_the_run_is_refused(tmp_path: Path) -> None:
    result = _generate("--years", "1", "--switch", "2030-01-01", "--out", str(tmp_path), "--no-cld")
    assert result.exit_code == 2
    assert "must fall inside the run" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "journal").exists()


def test_bad_numbers_and_dates_are_refused(tmp_path: Path) -> None:
    assert _generate("--population", "0", "--out", str(tmp_path)).exit_code == 2
    result = _generate("--start", "2022-02-30", "--out", str(tmp_path), "--no-cld")
    assert result.exit_code == 2
    assert "is not a date" in result.output
    assert not (tmp_path / "journal").exists()


def test_a_broken_parameters_file_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "mine.toml"
    bad.write_text(
        PARAMETERS_FILE.read_text(encoding="utf-8").replace("[teams]", "[teams]\nsize = 3"),
        encoding="utf-8",
    )
    result = _generate("--parameters", str(bad), "--out", str(tmp_path / "out"), "--no-cld")
    assert result.exit_code == 2
    assert "mine.toml" in result.output and "[teams]" in result.output
    assert not (tmp_path / "out").exists()


def test_an_output_that_is_not_a_journal_is_left_alone(tmp_path: Path) -> None:
    precious = tmp_path / "journal"
    precious.mkdir()
    (precious / "notes.txt").write_text("mine", encoding="utf-8")
    result = _generate("--population", "5000", "--years", "1", "--out", str(tmp_path), "--no-cld")
    assert result.exit_code == 1
    assert "is not a journal" in result.output
    assert (precious / "notes.txt").read_text(encoding="utf-8") == "mine"
