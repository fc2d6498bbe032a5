"""``model fit``: recovers a generated council's known parameters; a council generated from
the fit shows the source's check figures within their ordinary variation."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from whatmatters.check.run import run_check
from whatmatters.cli import app
from whatmatters.council import Design, Settings, generate_journal, load_parameters
from whatmatters.council.fit import fit_journal, write_model
from whatmatters.council.parameters import SourceKind
from whatmatters.council.scenarios import load_model
from whatmatters.journal.store import read_journal

TRUE = load_parameters()
# key → (tolerance, relative?): how close the fit must come to the value the council was made with.
TOLERANCES = {
    "demand.requests_per_100k_adults": (0.05, True),
    "demand.share_requests_65_plus": (0.03, False),
    # One correction leaves it 10–15% high: records show needs through returns and support.
    "demand.need_ratio_85_plus": (0.2, True),
    "demand.hospital_route_share": (0.02, False),
    "demand.no_services_assessed": (0.05, False),
    "demand.return_if_not_achieved": (0.06, False),
    "design.menu.first_response_days": (0.05, True),
    "design.menu.assessment_days": (0.07, True),
    "design.menu.reassessments": (0.05, False),
    "design.menu.self_referral_share": (0.02, False),
    "services.home_care_hours_mean": (0.08, True),
    "services.home_care_hours_shape": (0.3, True),
    "services.home_care_hour": (0.01, True),
    "services.care_home_week": (0.01, True),
    "services.care_home_stay_days": (0.2, True),
    "services.community_support_days": (0.2, True),
    # Reablement is cut at six weeks: one correction leaves the mean 5–10% low.
    "services.st_max_days.mean": (0.12, True),
    "services.st_max_to_long_term": (0.06, False),
    "services.care_home_end.death": (0.08, False),
    "services.community_end.death": (0.08, False),
    **{f"demand.sequel_mix.{k}": (0.015, False) for k in TRUE.demand.sequel_mix},
}
POPULATION, YEARS = 60_000, 3.0


def _true(key: str) -> float:
    parts = key.split(".")
    whole = ".".join(parts[:3] if parts[0] == "design" else parts[:2])
    value = TRUE.sources[whole].value
    return value[parts[-1]] if isinstance(value, dict) else value


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fit") / "journal"
    # The fit does not model the target mechanism (council/targets.py). With it on (0.1),
    # rushed assessments move decisions and services earlier: care_home_stay_days reads
    # 1,003 (interval 896–1,113) where 833 was planted. Off here: the fit is checked on
    # what it models (docs/what-if.md).
    untargeted = TRUE.with_mechanism(Design.MENU, target_rush_share=0.0)
    generate_journal(
        Settings(population=POPULATION, years=YEARS, seed=3, parameters=untargeted), path
    )
    return path


@pytest.fixture(scope="module")
def fitted(source: Path):
    return fit_journal(source, resamples=100, seed=1)


def test_fit_recovers_the_known_parameters(fitted) -> None:
    found = {e.key: e for e in fitted.estimates}
    assert set(TOLERANCES) <= set(found), set(TOLERANCES) - set(found)
    for key, (tolerance, relative) in TOLERANCES.items():
        e, true = found[key], _true(key)
        allowed = tolerance * true if relative else tolerance
        assert abs(e.value - true) <= allowed, f"{key}: fitted {e.value:.4g}, true {true:.4g}"
        assert e.low <= e.value <= e.high and e.method, key
    assert fitted.population == POPULATION  # from the journal's manifest


def test_the_model_file_reads_back_with_sources_and_intervals(fitted, tmp_path: Path) -> None:
    path = write_model(fitted, tmp_path / "model.toml")
    model = load_model(path)
    assert model.population == POPULATION
    hours = model.parameters.sources["services.home_care_hours_mean"]
    assert hours.kind is SourceKind.FITTED and "new home-care packages" in hours.source
    low, high = hours.range
    assert low <= model.parameters.services.home_care_hours_mean <= high
    assert hours.range_source.startswith("fitted: 95% interval")
    # What no record shows keeps the project's value and source.
    assert (
        model.parameters.sources["population.death_rate"] == TRUE.sources["population.death_rate"]
    )
    assert model.parameters.demand.sequel_mix == pytest.approx(fitted.parameters.demand.sequel_mix)


def _monthly(journal: Path) -> pl.DataFrame:
    return pl.from_arrow(run_check(journal)["series"]).drop_nulls("value")


def _mean(frame: pl.DataFrame, measure: str, column: str = "value") -> float:
    return frame.filter(pl.col("measure") == measure)[column].mean()


def _within_ordinary_variation(source: pl.DataFrame, copy: pl.DataFrame, measure: str) -> bool:
    """Whether the copy's mean month is within the source's ordinary variation.

    A flow (events in a month) varies month to month: the copy's mean month must
    lie inside the source's natural process limits (XmR: mean ± 2.66 × mean
    moving range). A stock (people in a care home, hours of the people in home
    care, the cost of services running) is mostly the same people month to
    month, so its ordinary variation between two councils is the stock's own
    sampling variation: three standard errors of the difference of two councils'
    stocks (Poisson for a count of people; for a mean of hours, the mean's
    standard error with the gamma's spread; for the cost, relative to the people
    it is spent on).
    """
    a, b = _mean(source, measure), _mean(copy, measure)
    if measure == "people_in_placement":
        return abs(b - a) <= 3 * (2 * a) ** 0.5
    if measure == "care_hours_per_week":
        people = _mean(source, measure, "denominator")
        spread = a / TRUE.services.home_care_hours_shape**0.5
        return abs(b - a) <= 3 * (2 / people) ** 0.5 * spread
    if measure == "weekly_cost":
        people = _mean(source, "people_in_placement") + _mean(
            source, "care_hours_per_week", "denominator"
        )
        return abs(b - a) / a <= 3 * (2 / people) ** 0.5
    values = source.filter(pl.col("measure") == measure).sort("period_start")["value"]
    return abs(b - a) <= 2.66 * values.diff().abs().mean()


def test_a_council_from_the_fit_shows_the_source_figures(fitted, source, tmp_path) -> None:
    settings = Settings(population=POPULATION, years=YEARS, seed=8, parameters=fitted.parameters)
    generate_journal(settings, tmp_path / "journal")
    original, copy = _monthly(source), _monthly(tmp_path / "journal")
    for measure in sorted(set(original["measure"])):
        assert _within_ordinary_variation(original, copy, measure), measure
    # Counts a year, closer than the limits: within 6%.
    for measure in ("requests", "contacts", "assessments"):
        a = original.filter(pl.col("measure") == measure)["value"].mean()
        b = copy.filter(pl.col("measure") == measure)["value"].mean()
        assert abs(b - a) / a < 0.06, (measure, a, b)


def test_the_bundled_cld_sample_fits_and_regenerates(tmp_path: Path) -> None:
    runner = CliRunner()
    sample = tmp_path / "sample"
    assert runner.invoke(app, ["import", "cld", "--sample", "--out", str(sample)]).exit_code == 0
    refused = runner.invoke(app, ["model", "fit", str(sample), "--out", str(tmp_path / "m.toml")])
    assert refused.exit_code == 2 and "give --population" in refused.output
    assert not (tmp_path / "m.toml").exists()
    args = ["model", "fit", str(sample), "--population", "5000", "--out", str(tmp_path / "m.toml")]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "demand.sequel_mix.universal" in result.output
    model = load_model(tmp_path / "m.toml")
    assert model.population == 5000
    assert model.parameters.sources["demand.sequel_mix"].kind is SourceKind.FITTED
    settings = Settings(population=5000, years=1.0, seed=2, start=_sample_start(sample))
    generate_journal(
        Settings(**{**settings.__dict__, "parameters": model.parameters}), tmp_path / "copy"
    )
    original, copy = _monthly(sample), _monthly(tmp_path / "copy")
    for measure in ("requests", "assessments"):
        assert _within_ordinary_variation(original, copy, measure), measure


def _sample_start(journal: Path):
    events = pl.from_arrow(read_journal(journal))
    return events["reporting_period_start"].min()
