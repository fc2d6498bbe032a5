"""``whatmatters check --backend spark``: the same command, run by Spark."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tests.check.generated import generate
from whatmatters.check.backends import Backend, journal_table
from whatmatters.check.run import run_check
from whatmatters.cli import app
from whatmatters.journal.store import write_journal

pytestmark = pytest.mark.spark


def test_the_check_command_runs_on_spark(spark, tmp_path) -> None:
    table, _ = generate(people=8, seed=5)
    journal = tmp_path / "journal"
    write_journal(journal, [table])
    out = tmp_path / "report"
    # The command finds the session already running (as under spark-submit) and uses it.
    result = CliRunner().invoke(
        app, ["check", str(journal), "--out", str(out), "--backend", "spark"]
    )
    assert result.exit_code == 0, result.output
    assert (out / "index.html").is_file()
    people = pq.read_table(out / "tables" / "people.parquet")
    expected = run_check(journal_table(journal, Backend.DUCKDB))["people"]
    assert people.equals(expected)


def test_a_missing_journal_is_one_line_and_a_failure(spark, tmp_path) -> None:
    result = CliRunner().invoke(
        app,
        ["check", str(tmp_path / "nowhere"), "--out", str(tmp_path / "r"), "--backend", "spark"],
    )
    assert result.exit_code == 1
    assert "neither a table in Spark's catalog nor a path" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "r").exists()
