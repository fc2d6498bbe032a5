"""A Welsh synthetic council: its template imports back to its journal; its ARCS files import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal
from typer.testing import CliRunner

from whatmatters.cli import app
from whatmatters.council import Design, Settings, generate
from whatmatters.journal import read_journal, read_manifest
from whatmatters.journal.wales.arcs import validate_arcs
from whatmatters.journal.wales.arcs_map import load_map
from whatmatters.journal.wales.validate import validate_wales


def _journal(table) -> pl.DataFrame:  # type: ignore[no-untyped-def]
    return pl.from_arrow(table).drop("source", "source_row").sort("event_id")


@settings(
    max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10_000), design=st.sampled_from(list(Design)))
def test_a_welsh_council_imports_back_to_the_identical_journal(
    tmp_path_factory, seed: int, design: Design
) -> None:
    out = tmp_path_factory.mktemp("wales")
    summary = generate(
        Settings(population=6_000, years=2.0, seed=seed, design=design), out, nation="wales"
    )
    template, *arcs = summary.wales_files
    checked = validate_wales([template])
    assert checked.errors == 0, checked.problems.head(5)
    assert_frame_equal(_journal(checked.table()), _journal(read_journal(summary.journal)))
    assert {p["rule"] for p in checked.problem_rows} <= {"expected_for_event"}
    for path in arcs:
        year = dt.date(int(path.stem[-7:-3]) + 1, 3, 31)
        census = validate_arcs([path], load_map(None), year)
        assert census.ok and census.warnings == 0, census.problems.head(5)
        assert census.rows


def test_a_welsh_council_holds_every_event_type_and_no_cld(tmp_path: Path) -> None:
    summary = generate(Settings(population=20_000, years=2.0, seed=3), tmp_path, nation="wales")
    journal = pl.from_arrow(read_journal(summary.journal))
    assert set(journal["kind"]) == {
        "contact",
        "assessment",
        "plan",
        "review",
        "closure",
        "service",
        "safeguarding",
    }
    assert set(journal["council"]) == {"W06000099"}
    assert set(journal["conversation_language"].drop_nulls()) == {"cy", "en"}
    assert set(journal["eligibility_outcome_wales"].drop_nulls()) == {
        "met_through_plan",
        "met_without_plan",
        "no_eligible_needs",
    }
    assert journal["nhs_number"].null_count() == journal.height  # the template has no NHS number
    assert not (tmp_path / "cld").exists()
    assert [p.name for p in summary.wales_files] == [
        "welsh-events.csv",
        "ARCS_W06000099_2022-23.csv",
        "ARCS_W06000099_2023-24.csv",
    ]
    manifest = read_manifest(summary.journal)
    assert manifest["synthetic"]["nation"] == "wales"
    assert manifest["rows"] == journal.height == summary.rows
    assert (summary.journal / "parameters.json").is_file()


def test_the_command_writes_a_welsh_council(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["generate", "--nation", "wales", "--out", str(tmp_path), "--population", "3000"],
    )
    assert result.exit_code == 0, result.output
    assert "Welsh template:" in result.output
    assert (tmp_path / "wales" / "welsh-events.csv").is_file()


def test_the_check_on_a_welsh_council_charts_the_welsh_measures(tmp_path: Path) -> None:
    from whatmatters.check.catalogue import Measure
    from whatmatters.check.run import run_check

    summary = generate(Settings(population=8_000, years=2.0, seed=5), tmp_path, nation="wales")
    result = run_check(summary.journal)
    welsh = {m for m in Measure if m.value.startswith("wales_")}
    assert welsh <= set(result.capability)
    series = pl.from_arrow(result["series"]).filter(pl.col("measure").str.starts_with("wales_"))
    assert series.group_by("measure").agg(pl.col("denominator").sum())["denominator"].min() > 0
