"""Every CLD file a generated council writes passes the CLD importer's validation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from whatmatters.council import Design, Settings, generate
from whatmatters.council.cld_files import reporting_years

validate = pytest.importorskip("whatmatters.journal.cld.validate")


def test_reporting_years_follow_the_financial_year() -> None:
    assert reporting_years(date(2022, 4, 1), date(2024, 4, 1)) == [
        (date(2022, 4, 1), date(2023, 3, 31)),
        (date(2023, 4, 1), date(2024, 3, 31)),
    ]
    assert reporting_years(date(2022, 10, 1), date(2023, 7, 1)) == [
        (date(2022, 10, 1), date(2023, 3, 31)),
        (date(2023, 4, 1), date(2023, 6, 30)),
    ]


@pytest.mark.parametrize(
    ("design", "switch"),
    [(Design.MENU, None), (Design.WHAT_MATTERS, None), (Design.MENU, date(2023, 1, 1))],
)
def test_every_cld_file_passes_validation(tmp_path: Path, design: Design, switch: date) -> None:
    summary = generate(
        Settings(population=15_000, years=2.0, seed=8, design=design, switch=switch), tmp_path
    )
    assert [f.name for f in summary.cld_files] == [
        "CLD_R2_900_20220401_20230331.csv",
        "CLD_R2_900_20230401_20240331.csv",
    ]
    for path in summary.cld_files:
        result = validate.validate_cld([path])
        assert result.rows_read > 500, path.name
        assert result.error_count == 0, result.problems.head(10)
        assert not result.refused_files


def test_a_submission_holds_only_what_was_known_at_its_end(tmp_path: Path) -> None:
    import polars as pl

    summary = generate(Settings(population=10_000, years=2.0, seed=4), tmp_path)
    first = pl.read_csv(summary.cld_files[0], infer_schema=False)
    end = pl.col("Event End Date").str.to_date("%d/%m/%Y")
    assert first.filter(end > date(2023, 3, 31)).height == 0
    open_services = first.filter(
        (pl.col("Event Type") == "Service") & pl.col("Event End Date").is_null()
    )
    assert open_services.height > 0
    assert set(open_services["Event Outcome"]) == {"Continuation of support or services"}
    assert first.filter(pl.col("Event Type") != "Service")["Event End Date"].null_count() == 0


def test_a_generated_journal_exported_as_cld_passes_validation(tmp_path: Path) -> None:
    from whatmatters.journal.cld.export import export_cld

    summary = generate(Settings(population=15_000, years=2.0, seed=8), tmp_path)
    result = export_cld(summary.journal, tmp_path / "return.csv")
    # Requests, assessments and reviews still open at the end wait for their end date.
    assert result.rows_written > 1_000 and result.open_left_out > 0
    checked = validate.validate_cld([tmp_path / "return.csv"])
    assert checked.rows_read == result.rows_written
    assert checked.error_count == 0, checked.problems.head(10)
    assert checked.warning_count == 0, checked.problems.head(10)
