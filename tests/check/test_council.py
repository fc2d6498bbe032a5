"""The check on a generated council: its planted patterns reported with the right numbers.

The council plants a team referring to itself at a known rate, people
coming back at a known re-referral rate and home-care packages of a known
mean size (``docs/synthetic-council.md``). The check must report each
exactly as the journal holds it (counted here independently, with Polars)
and so close to the planted value. It must also give identical tables on
DuckDB, SQLite and PostgreSQL, and the flow must equal pm4py's.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd
import polars as pl
import pytest

from tests.check.conftest import BACKENDS, loader
from tests.check.test_whole_check import assert_same
from whatmatters.check.params import CheckParams
from whatmatters.check.run import TABLES, CheckResult, run_check
from whatmatters.check.series import Measure
from whatmatters.council import (
    Design,
    Settings,
    generate_journal,
    load_parameters,
    planted_patterns,
)
from whatmatters.journal import read_journal

RETURNING = ("re-referral: what matters not achieved", "wrong information")
PARAMS = CheckParams(change_date=dt.date(2023, 10, 1))


@pytest.fixture(scope="module")
def council(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("council") / "journal"
    generate_journal(Settings(population=30_000, years=3, design=Design.MENU, seed=3), path)
    return path


@pytest.fixture(scope="module")
def rows(council: Path) -> pl.DataFrame:
    return pl.from_arrow(read_journal(council))


@pytest.fixture(scope="module")
def results(council: Path) -> dict[str, CheckResult]:
    table = read_journal(council)
    out = {}
    for backend in BACKENDS:
        with loader(backend) as put:
            out[backend] = run_check(put(table), PARAMS)
    return out


@pytest.fixture(scope="module")
def planted():
    return planted_patterns(load_parameters(), Design.MENU)


def test_the_self_referral_rate(results, rows: pl.DataFrame, planted) -> None:
    referrals = results["duckdb"]["referrals"].to_pylist()
    share = sum(r["referrals"] for r in referrals if r["same"]) / sum(
        r["referrals"] for r in referrals
    )
    journal = rows.filter(pl.col("kind") == "referral")
    assert share == (journal["team"] == journal["to_team"]).mean()
    assert share == pytest.approx(planted.self_referral_share, abs=0.015)


def test_the_re_referral_rate(results, rows: pl.DataFrame, planted) -> None:
    result = results["duckdb"]
    reasons = {r["reason"]: r["count"] for r in result["failure_reasons"].to_pylist()}
    returning = sum(reasons.get(reason, 0) for reason in RETURNING)
    unpaired_requests = sum(
        r["count"] for r in result["demand_by_type"].to_pylist() if r["kind"] == "request"
    )
    contacts = rows.filter(pl.col("kind") == "contact")
    requests = rows.filter(pl.col("kind") == "request")
    assert returning == contacts["demand_reason"].is_in(RETURNING).sum()
    # a request with a contact from the same person that day is one approach, counted as the contact
    contact_days = contacts.select("person_id", day=pl.col("start").dt.date()).unique()
    alone = requests.with_columns(day=pl.col("start").dt.date()).join(
        contact_days, on=["person_id", "day"], how="anti"
    )
    assert unpaired_requests == alone.height
    assert returning / requests.height == pytest.approx(planted.re_referral_share, abs=0.03)


def test_the_mean_care_hours(results, rows: pl.DataFrame, planted) -> None:
    result = results["duckdb"]
    series = {
        r["period_start"]: r["value"]
        for r in result["series"].to_pylist()
        if r["measure"] == Measure.CARE_HOURS.value
    }
    home_care = rows.filter(
        (pl.col("kind") == "service")
        & pl.col("service_type").str.to_lowercase().str.starts_with("long term support: community")
        & (pl.col("hours_per_week") > 0)
    )
    for span in result.periods:
        census = span.stop - dt.timedelta(days=1)
        running = home_care.filter(
            (pl.col("start").dt.date() <= census)
            & (pl.col("end").is_null() | (pl.col("end").dt.date() >= census))
        )
        per_person = running.group_by("person_id").agg(pl.col("hours_per_week").sum())
        assert math.isclose(series[span.start], per_person["hours_per_week"].mean(), rel_tol=1e-9)
    values = [v for v in series.values() if v is not None]
    assert sum(values) / len(values) == pytest.approx(planted.mean_home_care_hours, rel=0.07)


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_identical_tables_on_every_backend(results, backend: str) -> None:
    for name in TABLES:
        assert_same(results["duckdb"][name], results[backend][name], f"{name} on {backend}")


def test_flow_equals_pm4py_on_the_council(council: Path, results) -> None:
    pm4py = pytest.importorskip("pm4py")
    table = read_journal(council).select(
        ["person_id", "activity", "kind", "start", "end", "worker", "team"]
    )
    result = results["duckdb"]
    df = table.to_pandas()
    # the flow follows events starting in the window (services started years before are outside)
    df = df[(df["start"] >= result.window.start_ts) & (df["start"] < result.window.end_ts)]
    df["activity"] = df["activity"].fillna(df["kind"])
    frame = pm4py.format_dataframe(
        df.assign(finish=df["end"].fillna(df["start"])).rename(
            columns={"start": "start_timestamp", "person_id": "case:concept:name"}
        ),
        case_id="case:concept:name",
        activity_key="activity",
        timestamp_key="finish",
    )
    frame = frame.sort_values(
        ["case:concept:name", "start_timestamp", "time:timestamp"], kind="stable"
    )
    counts, _, _ = pm4py.discover_dfg(frame)
    times, _, _ = pm4py.discover_performance_dfg(frame, perf_aggregation_key="all")
    ours = result["directly_follows"].to_pylist()
    assert {(r["source"], r["target"]): r["count"] for r in ours} == dict(counts)
    for r in ours:
        theirs = times[(r["source"], r["target"])]
        assert math.isclose(r["mean_seconds"], theirs["mean"], rel_tol=1e-9, abs_tol=1e-6)
        assert math.isclose(r["median_seconds"], theirs["median"], rel_tol=1e-9, abs_tol=1e-6)
    variants = {" → ".join(v): n for v, n in pm4py.get_variants(frame).items()}
    assert {r["variant"]: r["cases"] for r in result["variants"].to_pylist()} == variants
    by_worker = frame[frame["worker"].notna()]
    network = pm4py.discover_handover_of_work_network(by_worker, beta=0, resource_key="worker")
    handovers = {
        (r["source"], r["target"]): r["share"] for r in result["worker_handoffs"].to_pylist()
    }
    assert handovers.keys() == network.connections.keys()
    for pair, share in handovers.items():
        assert math.isclose(share, network.connections[pair], rel_tol=1e-9)
    # a journey runs from its first step's start to its last step's end: pm4py gives the
    # same when each step is given to it as its start and its completion
    steps = frame[["case:concept:name", "concept:name", "start_timestamp", "time:timestamp"]]
    steps.attrs = {}  # pm4py keeps column roles here; the split frame has no start times
    lifecycle = pm4py.format_dataframe(
        pd.concat(
            [
                steps.drop(columns=["time:timestamp"]).rename(columns={"start_timestamp": "t"}),
                steps.drop(columns=["start_timestamp"]).rename(columns={"time:timestamp": "t"}),
            ],
            ignore_index=True,
        ),
        case_id="case:concept:name",
        activity_key="concept:name",
        timestamp_key="t",
    )
    durations = sorted(pm4py.get_all_case_durations(lifecycle))
    ours = sorted(result["people"]["duration_seconds"].to_pylist())
    assert ours == pytest.approx(durations, abs=1e-6)
