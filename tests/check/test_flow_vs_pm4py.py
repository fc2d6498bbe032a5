"""Flow figures equal pm4py's on every public event log (pm4py is the test oracle only).

Directly-follows counts, mean and median waiting times, variants, case
durations and handover of work, each computed by the check's own
expressions and by pm4py on the same events.
"""

from __future__ import annotations

import math
import warnings
from collections import Counter
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from whatmatters.check import flow, handoffs, journeys
from whatmatters.check.events import ordered, usable
from whatmatters.check.params import EpisodeRules
from whatmatters.check.window import in_window, window_of
from whatmatters.journal.schema import SCHEMA

pm4py = pytest.importorskip("pm4py")

CASE, ACTIVITY, TIME, START, RESOURCE = (
    "case:concept:name",
    "concept:name",
    "time:timestamp",
    "start_timestamp",
    "org:resource",
)
LOGS = [
    "running-example.csv",
    "running-example.xes",
    "interval_event_log.csv",
    "interval_event_log.xes",
    "06_bpic2013_closed.xes.gz",
]


def read_log(path: Path) -> pd.DataFrame:
    """The log as pm4py reads it, in file order, times in UTC."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if path.name.endswith((".xes", ".xes.gz")):
            df = pm4py.read_xes(str(path), return_legacy_log_object=False)
        else:
            df = pd.read_csv(path)
    df = df.reset_index(drop=True)
    df[CASE] = df[CASE].astype(str)
    for column in (TIME, START):
        if column in df.columns:
            df[column] = pd.to_datetime(df[column], utc=True, format="ISO8601")
    return df


def journal_rows(df: pd.DataFrame) -> pa.Table:
    """The log as journal rows (until the event-log importer lands): one per event."""
    has_start = START in df.columns
    naive = {c: df[c].dt.tz_convert("UTC").dt.tz_localize(None) for c in (TIME, START) if c in df}
    table = {
        "event_id": [f"e{i}" for i in range(len(df))],
        "source_row": list(range(2, len(df) + 2)),
        "person_id": df[CASE].tolist(),
        "kind": ["other"] * len(df),
        "activity": df[ACTIVITY].astype(str).tolist(),
        "start": (naive[START] if has_start else naive[TIME]).tolist(),
        "end": naive[TIME].tolist() if has_start else [None] * len(df),
        "worker": df[RESOURCE].astype(str).tolist() if RESOURCE in df else [None] * len(df),
    }
    columns = {name: pa.array(values, SCHEMA.field(name).type) for name, values in table.items()}
    full = {f.name: columns.get(f.name, pa.nulls(len(df), f.type)) for f in SCHEMA}
    return pa.table(full, schema=SCHEMA)


def pm4py_frame(df: pd.DataFrame) -> pd.DataFrame:
    """pm4py's frame, each case's events in pm4py's directly-follows order.

    pm4py's DFG sorts a case by start, then completion; its variants and
    start/end activities take the frame's row order. For logs with start
    times the frame is given in the DFG's order, so all of pm4py's figures
    read the same sequence (the check has one order for everything).
    """
    frame = pm4py.format_dataframe(
        df.copy(), case_id=CASE, activity_key=ACTIVITY, timestamp_key=TIME
    )
    if START in frame.columns:
        frame = frame.sort_values([CASE, START, TIME], kind="stable")
    return frame


@pytest.fixture(scope="module", params=LOGS)
def log(request: pytest.FixtureRequest, shared: Path) -> tuple[str, pd.DataFrame]:
    return request.param, read_log(shared / "data" / "eventlogs" / request.param)


@pytest.fixture
def steps(log: tuple[str, pd.DataFrame], duck):
    events = usable(duck(journal_rows(log[1])))
    window = window_of(events, None, None)
    return ordered(in_window(events, window), EpisodeRules(), window).cache(), window


def test_directly_follows_counts_and_times_equal_pm4py(log, steps) -> None:
    name, df = log
    frame = pm4py_frame(df)
    counts, _, _ = pm4py.discover_dfg(frame)
    times, _, _ = pm4py.discover_performance_dfg(frame, perf_aggregation_key="all")
    ours = flow.directly_follows(steps[0]).to_pyarrow().to_pylist()

    assert {(r["source"], r["target"]): r["count"] for r in ours} == dict(counts), name
    for r in ours:
        theirs = times[(r["source"], r["target"])]
        assert math.isclose(r["mean_seconds"], theirs["mean"], rel_tol=1e-9, abs_tol=1e-6)
        assert math.isclose(r["median_seconds"], theirs["median"], rel_tol=1e-9, abs_tol=1e-6)


def test_start_and_end_activities_equal_pm4py(log, steps) -> None:
    frame = pm4py_frame(log[1])
    ours = flow.activities(steps[0]).to_pyarrow().to_pylist()
    assert {r["activity"]: r["starts"] for r in ours if r["starts"]} == dict(
        pm4py.get_start_activities(frame)
    )
    assert {r["activity"]: r["ends"] for r in ours if r["ends"]} == dict(
        pm4py.get_end_activities(frame)
    )


def test_variants_equal_pm4py(log, steps) -> None:
    frame = pm4py_frame(log[1])
    theirs = {flow.VARIANT_SEPARATOR.join(v): n for v, n in pm4py.get_variants(frame).items()}
    ours = flow.variants(steps[0]).to_pyarrow().to_pylist()
    assert {r["variant"]: r["cases"] for r in ours} == theirs
    assert all(r["steps"] == len(r["variant"].split(flow.VARIANT_SEPARATOR)) for r in ours)


def test_case_durations_equal_pm4py(log, steps) -> None:
    """A journey runs from its first step's start to its last step's end.

    pm4py measures from the first *completion*; on a log with start and
    completion times it equals ours when each step is given to it as its
    start and its completion (the XES lifecycle form of the same log).
    """
    name, df = log
    if START in df.columns:
        starts = df.drop(columns=[TIME]).rename(columns={START: TIME})
        ends = df.drop(columns=[START])
        df = pd.concat([starts, ends], ignore_index=True)
    theirs = sorted(pm4py.get_all_case_durations(pm4py_frame(df)))
    pairs = handoffs.pairs(steps[0])
    people = journeys.people(steps[0], pairs, journeys.episodes(steps[0])).to_pyarrow()
    ours = sorted(people["duration_seconds"].to_pylist())
    assert ours == pytest.approx(theirs, abs=1e-6), name


def test_handover_of_work_equals_pm4py(log, steps) -> None:
    name, df = log
    if RESOURCE not in df.columns:
        pytest.skip(f"{name} records no resources")
    network = pm4py.discover_handover_of_work_network(pm4py_frame(df), beta=0)
    theirs = {pair: value for pair, value in network.connections.items()}
    ours = handoffs.matrix(handoffs.pairs(steps[0]), "worker").to_pyarrow().to_pylist()
    assert {(r["source"], r["target"]) for r in ours} == set(theirs)
    for r in ours:
        assert math.isclose(r["share"], theirs[(r["source"], r["target"])], rel_tol=1e-9)
    counts = Counter({(r["source"], r["target"]): r["count"] for r in ours})
    assert sum(counts.values()) == len(df) - df[CASE].nunique()
