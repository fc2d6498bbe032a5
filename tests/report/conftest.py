"""A check report written once by the command, shared by the report's tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.check.generated import generate
from whatmatters.cli import app
from whatmatters.journal import write_journal


@pytest.fixture(scope="session")
def journal_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    table, _ = generate(people=150, seed=11)
    path = tmp_path_factory.mktemp("journal") / "council"
    write_journal(path, [table], sources=["generated"])
    return path


@pytest.fixture(scope="session")
def report(journal_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report folder for the generated journal, written by ``whatmatters check``."""
    out = tmp_path_factory.mktemp("reports") / "report"
    result = CliRunner().invoke(
        app, ["check", str(journal_folder), "--out", str(out), "--change-date", "2024-01-01"]
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def welsh_report(journal_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same journal's report in Welsh (``check --language cy``)."""
    out = tmp_path_factory.mktemp("reports") / "adroddiad"
    arguments = ["check", str(journal_folder), "--out", str(out), "--change-date", "2024-01-01"]
    result = CliRunner().invoke(app, [*arguments, "--language", "cy"])
    assert result.exit_code == 0, result.output
    return out
