"""Flow figures equal pm4py's on every public event log (pm4py is the test oracle only).

Each log is imported with ``whatmatters import events`` (its defaults);
directly-follows counts, mean and median waiting times, variants, case
durations and handover of work are computed by the check's own expressions
on that journal and by pm4py on the log as pm4py reads it.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import pandas as pd
import pytest

from whatmatters.check import flow, handoffs, journeys
from whatmatters.check.events import ordered, usable
from whatmatters.check.params import EpisodeRules
from whatmatters.check.window import in_window, window_of
from whatmatters.journal.eventlog import EventColumns, import_events
from whatmatters.journal.eventlog.columns import Classifier
from whatmatters.journal.tables import open_journal

pm4py = pytest.importorskip("pm4py")

CASE, ACTIVITY, TIME, START, RESOURCE, LIFECYCLE = (
    "case:concept:name",
    "concept:name",
    "time:timestamp",
    "start_timestamp",
    "org:resource",
    "lifecycle:transition",
)
GROUP = "org:group"
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


def with_classifier(df: pd.DataFrame) -> pd.DataFrame:
    """Activity + lifecycle transition, as XES classifiers (and the importer) name steps.

    Start and complete transitions are not part of the name (they are paired or
    instants); any other transition is: ``Accepted (In Progress)``.
    """
    if LIFECYCLE not in df.columns:
        return df
    transition = df[LIFECYCLE].astype("string")
    named = transition.notna() & ~transition.str.lower().isin(["start", "complete"])
    df = df.copy()
    df.loc[named, ACTIVITY] = df.loc[named, ACTIVITY] + " (" + transition[named] + ")"
    return df


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


def check_variants(steps) -> list[dict]:
    """The variants as the check makes them: each person's, then counted."""
    return flow.variants_of(flow.person_variants(steps).to_pyarrow()).to_pylist()


@pytest.fixture(scope="module", params=LOGS)
def log(request, test_data: Path, tmp_path_factory) -> tuple[str, pd.DataFrame, Path]:
    """The log as pm4py reads it, and the journal whatmatters imports from it."""
    path = test_data / "eventlogs" / request.param
    journal = tmp_path_factory.mktemp("log") / "journal"
    import_events(path, journal)
    return request.param, with_classifier(read_log(path)), journal


@pytest.fixture
def steps(log):
    events = usable(open_journal(log[2]))
    window = window_of(events, None, None)
    return ordered(in_window(events, window), EpisodeRules(), window).cache(), window


def test_directly_follows_counts_and_times_equal_pm4py(log, steps) -> None:
    name, df, _ = log
    frame = pm4py_frame(df)
    counts, _, _ = pm4py.discover_dfg(frame)
    times, _, _ = pm4py.discover_performance_dfg(frame, perf_aggregation_key="all")
    ours = flow.directly_follows(steps[0]).to_pyarrow().to_pylist()

    assert {(r["source"], r["target"]): r["count"] for r in ours} == dict(counts), name
    for r in ours:
        theirs = times[(r["source"], r["target"])]
        assert r["mean_seconds"] == pytest.approx(theirs["mean"], rel=0, abs=1e-6)  # 1 µs
        assert r["median_seconds"] == pytest.approx(theirs["median"], rel=0, abs=1e-6)


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
    ours = check_variants(steps[0])
    assert {r["variant"]: r["cases"] for r in ours} == theirs
    assert all(r["steps"] == len(r["variant"].split(flow.VARIANT_SEPARATOR)) for r in ours)


def test_case_durations_equal_pm4py(log, steps) -> None:
    """A journey runs from its first step's start to its last step's end.

    pm4py measures from the first *completion*; on a log with start and
    completion times it equals ours when each step is given to it as its
    start and its completion (the XES lifecycle form of the same log).
    """
    name, df, _ = log
    if START in df.columns:
        starts = df.drop(columns=[TIME]).rename(columns={START: TIME})
        ends = df.drop(columns=[START])
        df = pd.concat([starts, ends], ignore_index=True)
    theirs = sorted(pm4py.get_all_case_durations(pm4py_frame(df)))
    pairs = handoffs.pairs(steps[0])
    people = journeys.people(steps[0], pairs).to_pyarrow()
    ours = sorted(people["duration_seconds"].to_pylist())
    assert ours == pytest.approx(theirs, abs=1e-6), name


@pytest.mark.parametrize(("resource", "column"), [(RESOURCE, "worker"), (GROUP, "team")])
def test_handover_of_work_equals_pm4py(log, steps, resource: str, column: str) -> None:
    name, df, _ = log
    if resource not in df.columns:
        pytest.skip(f"{name} records no {resource}")
    network = pm4py.discover_handover_of_work_network(
        pm4py_frame(df), beta=0, resource_key=resource
    )
    theirs = dict(network.connections)
    ours = handoffs.matrix(handoffs.pairs(steps[0]), column).to_pyarrow().to_pylist()
    assert {(r["source"], r["target"]) for r in ours} == set(theirs)
    for r in ours:
        assert math.isclose(r["share"], theirs[(r["source"], r["target"])], rel_tol=1e-9)
    assert sum(r["count"] for r in ours) == len(df) - df[CASE].nunique()


def journal_steps(journal: Path):
    events = usable(open_journal(journal))
    window = window_of(events, None, None)
    return ordered(in_window(events, window), EpisodeRules(), window)


def test_bpic2013_by_activity_name_alone_equals_pm4py(test_data: Path, tmp_path: Path) -> None:
    """``--classifier name``: pm4py's default reading of BPIC 2013 (closed problems)."""
    path = test_data / "eventlogs" / "06_bpic2013_closed.xes.gz"
    journal = tmp_path / "journal"
    import_events(path, journal, columns=EventColumns(classifier=Classifier.NAME))
    steps = journal_steps(journal).cache()
    frame = pm4py_frame(read_log(path))
    theirs = {flow.VARIANT_SEPARATOR.join(v): n for v, n in pm4py.get_variants(frame).items()}
    ours = {r["variant"]: r["cases"] for r in check_variants(steps)}
    assert ours == theirs
    assert len(ours) == 183  # closed problems; name + lifecycle status gives more
    counts, _, _ = pm4py.discover_dfg(frame)
    follows = flow.directly_follows(steps).to_pyarrow().to_pylist()
    assert {(r["source"], r["target"]): r["count"] for r in follows} == dict(counts)


@pytest.mark.parametrize("stem", ["running-example", "interval_event_log"])
def test_mean_waits_equal_pm4py_to_the_microsecond(test_data: Path, tmp_path: Path, stem) -> None:
    """Times with fractions of a second: the waits keep them, as pm4py's do."""
    df = pd.read_csv(test_data / "eventlogs" / f"{stem}.csv")
    for column in (TIME, START):
        if column in df.columns:
            moments = pd.to_datetime(df[column], utc=True, format="ISO8601")
            fractions = pd.to_timedelta([(i * 123_457) % 1_000_000 for i in range(len(df))], "us")
            df[column] = (moments + fractions).map(lambda t: t.isoformat())
    if START in df.columns:  # a start never after its end
        df[TIME] = df[[TIME, START]].max(axis=1)
    path = tmp_path / f"{stem}.csv"
    df.to_csv(path, index=False)
    journal = tmp_path / "journal"
    import_events(path, journal)
    frame = pm4py_frame(read_log(path))
    times, _, _ = pm4py.discover_performance_dfg(frame, perf_aggregation_key="all")
    ours = flow.directly_follows(journal_steps(journal)).to_pyarrow().to_pylist()
    assert any(r["mean_seconds"] % 1 for r in ours)  # fractions reach the figures
    for r in ours:
        theirs = times[(r["source"], r["target"])]
        assert r["mean_seconds"] == pytest.approx(theirs["mean"], rel=0, abs=1e-6)
        assert r["median_seconds"] == pytest.approx(theirs["median"], rel=0, abs=1e-6)
