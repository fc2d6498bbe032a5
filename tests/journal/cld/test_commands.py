"""The CLD commands: import, validate, export and their exit statuses."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tests.journal.cld.factory import F, journey, row, write_cld
from whatmatters.cli import app

runner = CliRunner()


def test_import_the_sample(tmp_path: Path) -> None:
    result = runner.invoke(app, ["import", "cld", "--sample", "--out", str(tmp_path / "j")])
    assert result.exit_code == 0, result.output
    assert "Wrote 277 rows" in result.output
    assert (tmp_path / "j" / "manifest.json").exists()


def test_import_reports_problems_by_rule_and_writes_the_report(tmp_path: Path) -> None:
    path = write_cld(
        tmp_path / "x.csv", [*journey(), row("request", {F.EVENT_END_DATE: "31/02/2024"})]
    )
    report = tmp_path / "problems.csv"
    result = runner.invoke(
        app, ["import", "cld", str(path), "--out", str(tmp_path / "j"), "--report", str(report)]
    )
    assert result.exit_code == 0, result.output
    assert "Problems by rule" in result.output and "date_impossible" in result.output
    assert "1 row left out with errors" in result.output  # one row, in the singular
    assert report.read_text(encoding="utf-8-sig").count("\n") == 2


def test_import_strict_fails_with_a_one_line_reason(tmp_path: Path) -> None:
    path = write_cld(tmp_path / "x.csv", [row("request", {F.EVENT_END_DATE: "31/02/2024"})])
    result = runner.invoke(
        app, ["import", "cld", str(path), "--out", str(tmp_path / "j"), "--strict"]
    )
    assert result.exit_code == 1
    assert "no journal written: --strict" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "j").exists()


def test_import_of_a_hostile_file_fails_cleanly(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"")
    result = runner.invoke(app, ["import", "cld", str(bad), "--out", str(tmp_path / "j")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "file_empty" in result.output and "no journal written" in result.output


def test_import_needs_files_or_the_sample(tmp_path: Path) -> None:
    result = runner.invoke(app, ["import", "cld", "--out", str(tmp_path / "j")])
    assert result.exit_code == 1 and "give one or more CLD files" in result.output


def test_validate_exits_non_zero_on_errors(tmp_path: Path) -> None:
    good = write_cld(tmp_path / "good.csv", journey())
    bad = write_cld(tmp_path / "bad.csv", [row("request", {F.EVENT_START_DATE: "soon"})])
    ok = runner.invoke(app, ["validate", str(good)])
    assert ok.exit_code == 0 and "No errors" in ok.output
    failed = runner.invoke(app, ["validate", str(bad), "--report", str(tmp_path / "r.csv")])
    assert (
        failed.exit_code == 1
        and "1 error in 1 row," in failed.output
        and "bad.csv: 1 row," in failed.output
    )
    assert (tmp_path / "r.csv").exists()
    assert not list(tmp_path.glob("*/manifest.json"))


def test_validate_with_a_given_release(tmp_path: Path) -> None:
    good = write_cld(tmp_path / "good.csv", journey())
    result = runner.invoke(app, ["validate", str(good), "--release", "R1"])
    assert result.exit_code == 0 and "Release 1 (as given)" in result.output


def test_export_and_summary(tmp_path: Path) -> None:
    runner.invoke(app, ["import", "cld", "--sample", "--out", str(tmp_path / "j")])
    exported = runner.invoke(
        app, ["export", "cld", str(tmp_path / "j"), "--out", str(tmp_path / "o.csv")]
    )
    assert exported.exit_code == 0 and "Wrote 277 CLD rows" in exported.output
    summary = runner.invoke(app, ["summary", str(tmp_path / "j")])
    assert summary.exit_code == 0
    assert "people" in summary.output and "cld_r2_sample.csv" in summary.output


def test_export_of_a_missing_journal_fails_cleanly(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["export", "cld", str(tmp_path / "nope"), "--out", str(tmp_path / "o.csv")]
    )
    assert result.exit_code == 1 and "no journal at" in result.output


def test_import_refuses_to_replace_a_folder_that_is_not_a_journal(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "precious.txt").write_text("keep me")
    result = runner.invoke(app, ["import", "cld", "--sample", "--out", str(tmp_path / "mine")])
    assert result.exit_code == 1 and "is not a journal" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert [p.name for p in (tmp_path / "mine").iterdir()] == ["precious.txt"]


def test_export_of_a_journal_with_no_cld_events_says_so_and_writes_nothing(
    tmp_path: Path, test_data: Path
) -> None:
    log = test_data / "eventlogs" / "running-example.xes"
    runner.invoke(app, ["import", "events", str(log), "--out", str(tmp_path / "j")])
    result = runner.invoke(
        app, ["export", "cld", str(tmp_path / "j"), "--out", str(tmp_path / "o.csv")]
    )
    assert result.exit_code == 1 and "no CLD events" in result.output
    assert not (tmp_path / "o.csv").exists()


def test_summary_of_a_missing_journal_fails_cleanly(tmp_path: Path) -> None:
    result = runner.invoke(app, ["summary", str(tmp_path / "nope")])
    assert result.exit_code == 1 and "no journal at" in result.output


def test_validate_of_a_missing_file_says_the_file_could_not_be_read(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nosuch.csv")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "1 file could not be read; 0 rows" in " ".join(result.output.split())


def test_summary_of_a_return_says_to_import_it_first(tmp_path: Path) -> None:
    path = write_cld(tmp_path / "return.csv", journey())
    result = runner.invoke(app, ["summary", str(path)])
    said = " ".join(result.output.split())
    assert result.exit_code == 1 and "is a file, not a journal: import it first" in said
