"""The whole check on a generated journal: planted patterns found, identical on every backend."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict

import pyarrow as pa
import pytest

from tests.check.conftest import BACKENDS, loader
from tests.check.generated import Planted, generate
from whatmatters.check.params import CheckParams
from whatmatters.check.run import TABLES, CheckResult, run_check
from whatmatters.check.series import Measure

PARAMS = CheckParams(change_date=dt.date(2024, 1, 1))


@pytest.fixture(scope="module")
def generated() -> tuple[pa.Table, Planted]:
    return generate()


@pytest.fixture(scope="module")
def results(generated) -> dict[str, CheckResult]:
    table, _ = generated
    out = {}
    for backend in BACKENDS:
        with loader(backend) as put:
            out[backend] = run_check(put(table), PARAMS)
    return out


def test_every_documented_table_is_produced(results) -> None:
    assert set(results["duckdb"].tables) == set(TABLES)


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_identical_tables_on_duckdb_and_the_casework_backends(results, backend) -> None:
    ours, theirs = results["duckdb"].tables, results[backend].tables
    for name in TABLES:
        assert_same(ours[name], theirs[name], f"{name} on {backend}")


def assert_same(a: pa.Table, b: pa.Table, what: str) -> None:
    assert a.column_names == b.column_names, what
    assert a.num_rows == b.num_rows, what
    for column in a.column_names:
        left, right = a[column].to_pylist(), b[column].to_pylist()
        for i, (x, y) in enumerate(zip(left, right, strict=True)):
            if isinstance(x, float) and isinstance(y, float):
                assert math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9), (what, column, i, x, y)
            else:
                assert x == y, (what, column, i, x, y)


def test_a_team_referring_to_itself_at_the_planted_rate(results, generated) -> None:
    _, planted = generated
    rates = {r["team"]: r for r in results["duckdb"]["self_referrals"].to_pylist()}
    assert rates["Duty"]["referrals"] == planted.duty_referrals
    assert rates["Duty"]["self_referrals"] == planted.duty_self_referrals
    assert rates["Duty"]["share"] == pytest.approx(0.25, abs=0.01)


def test_mean_care_hours_at_each_census_equal_the_planted_packages(results, generated) -> None:
    _, planted = generated
    result = results["duckdb"]
    rows = [r for r in result["series"].to_pylist() if r["measure"] == Measure.CARE_HOURS.value]
    assert len(rows) == len(result.periods)
    for row, span in zip(rows, result.periods, strict=True):
        census = dt.datetime.combine(span.stop - dt.timedelta(days=1), dt.time())
        running = [h for start, h in planted.home_care.values() if start.date() <= census.date()]
        expected = sum(running) / len(running) if running else None
        assert row["value"] == pytest.approx(expected), span


def test_failure_demand_and_repeat_requests_as_planted(results, generated) -> None:
    table, planted = generated
    result = results["duckdb"]
    counts = {r["demand"]: r["count"] for r in result["value_failure"].to_pylist()}
    assert counts["failure"] == planted.failure_contacts
    assert counts["value"] == planted.value_contacts
    requests = defaultdict(list)
    for r in table.to_pylist():
        if r["kind"] == "request":
            requests[r["person_id"]].append(r["start"].date())
    gaps = [
        (later - earlier).days
        for dates in requests.values()
        for earlier, later in zip(sorted(dates), sorted(dates)[1:], strict=False)
    ]
    total = sum(len(d) for d in requests.values())
    for row in result["repeat_requests"].to_pylist():
        assert row["requests"] == total
        assert row["repeats"] == sum(g <= row["days"] for g in gaps)


def test_capability_charts_for_the_measures_with_data(results) -> None:
    charts = results["duckdb"].capability
    assert Measure.CONTACTS in charts
    assert Measure.CARE_HOURS in charts
    contacts = results["duckdb"]["capability"].filter(
        pa.compute.equal(results["duckdb"]["capability"]["measure"], "contacts")
    )
    assert contacts.num_rows == len(results["duckdb"].periods)
    assert set(contacts["segment"].to_pylist()) == {0, 1}  # limits recalculated at the change


def test_the_api_takes_a_journals_path_and_dates_as_text(tmp_path) -> None:
    from whatmatters.journal import write_journal

    table, _ = generate(people=40, seed=3)
    write_journal(tmp_path / "j", [table], sources=["generated"])
    result = run_check(str(tmp_path / "j"), CheckParams(change_date="2024-01-01"))
    assert result.params.change_date == dt.date(2024, 1, 1)
    assert result["people"].num_rows > 0


def test_the_api_says_plainly_what_it_cannot_take() -> None:
    with pytest.raises(TypeError, match="run_check needs an Ibis table or a journal's path"):
        run_check(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="change_date '1/4/24' is not a date like 2024-04-01"):
        CheckParams(change_date="1/4/24")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="start must be a date"):
        CheckParams(start=20240401)  # type: ignore[arg-type]
