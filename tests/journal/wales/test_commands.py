"""The Welsh commands: import wales, import arcs, export wales, and validate on Welsh files."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tests.journal.wales.test_arcs import other_layout, published
from tests.journal.wales.test_template import GOOD, event, write
from whatmatters.cli import app
from whatmatters.journal import read_journal

runner = CliRunner()


def test_import_wales_writes_a_journal_and_reports_problems(tmp_path: Path) -> None:
    path = write(tmp_path / "w.csv", [*GOOD, event("assessment")])
    report = tmp_path / "problems.csv"
    result = runner.invoke(
        app, ["import", "wales", str(path), "--out", str(tmp_path / "j"), "--report", str(report)]
    )
    assert result.exit_code == 0, result.output
    assert "Wrote 9 rows" in result.output and "1 row left out with errors" in result.output
    assert read_journal(tmp_path / "j").num_rows == 9
    assert "w.csv,11,Eligibility Outcome,,required_for_event,error" in report.read_text("utf-8-sig")


def test_import_wales_strict_refuses_and_writes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path / "w.csv", [*GOOD, event("assessment")])
    result = runner.invoke(
        app, ["import", "wales", str(path), "--out", str(tmp_path / "j"), "--strict"]
    )
    assert result.exit_code == 1
    assert "no journal written" in result.output
    assert not (tmp_path / "j").exists()


def test_validate_checks_welsh_files_by_the_template(tmp_path: Path) -> None:
    good = write(tmp_path / "good.csv", GOOD)
    ok = runner.invoke(app, ["validate", str(good)])
    assert ok.exit_code == 0, ok.output
    assert "No errors" in ok.output
    bad = write(tmp_path / "bad.csv", [event("review", **{"Review_Decision": "maybe"})])
    failed = runner.invoke(app, ["validate", str(bad)])
    assert failed.exit_code == 1
    assert "1 error in 1 row" in failed.output


def test_export_then_import_wales(tmp_path: Path) -> None:
    runner.invoke(
        app, ["import", "wales", str(write(tmp_path / "w.csv", GOOD)), "-o", str(tmp_path / "j")]
    )
    exported = runner.invoke(
        app, ["export", "wales", str(tmp_path / "j"), "--out", str(tmp_path / "x.csv")]
    )
    assert exported.exit_code == 0, exported.output
    assert "Wrote 9 rows" in exported.output
    again = runner.invoke(
        app, ["import", "wales", str(tmp_path / "x.csv"), "-o", str(tmp_path / "k")]
    )
    assert again.exit_code == 0, again.output
    assert read_journal(tmp_path / "k").num_rows == 9


def test_import_arcs_with_a_map_and_without(tmp_path: Path) -> None:
    path, map_path = other_layout(tmp_path)
    mapped = runner.invoke(
        app, ["import", "arcs", str(path), "--map", str(map_path), "--out", str(tmp_path / "a")]
    )
    assert mapped.exit_code == 0, mapped.output
    assert "Wrote 4 rows" in mapped.output
    plain = runner.invoke(
        app, ["import", "arcs", str(published(tmp_path)), "-o", str(tmp_path / "b")]
    )
    assert plain.exit_code == 1
    assert "give --year-ending" in plain.output
    dated = runner.invoke(
        app,
        [
            "import",
            "arcs",
            str(published(tmp_path)),
            "-o",
            str(tmp_path / "b"),
            "--year-ending",
            "2024-03-30",
        ],
    )
    assert dated.exit_code == 1 and "not a 31 March" in dated.output
    assert not (tmp_path / "b").exists()
