"""Start and complete events become one row, paired as process-mining tools pair them."""

from __future__ import annotations

import tempfile
import warnings
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from whatmatters.journal.eventlog import EventColumns, import_events
from whatmatters.journal.store import read_journal

from .conftest import write_xes

T0 = datetime(2024, 3, 1, 9, 0)


def at(minutes: int) -> str:
    return (T0 + timedelta(minutes=minutes)).isoformat() + "+00:00"


def ev(activity: str, transition: str | None, minutes: int, **more: str) -> dict[str, str]:
    event = {"concept:name": activity, "time:timestamp": at(minutes), **more}
    if transition is not None:
        event["lifecycle:transition"] = transition
    return event


def rows(journal_path: Path) -> list[tuple]:
    table = read_journal(journal_path).to_pandas()
    table = table.sort_values(["person_id", "start", "source_row"])
    return [
        (
            r.person_id,
            r.activity,
            int((r.start - pd.Timestamp(T0)).total_seconds() // 60),
            None if pd.isna(r.end) else int((r.end - pd.Timestamp(T0)).total_seconds() // 60),
        )
        for r in table.itertuples()
    ]


def test_pairs_first_in_first_out_and_keeps_what_pm4py_drops(tmp_path: Path) -> None:
    log = write_xes(
        tmp_path / "care.xes",
        [
            (
                "P1",
                [
                    ev("assess", "start", 0),
                    ev("call", "complete", 30),  # no start: an instant
                    ev("assess", "complete", 60),
                    ev("plan", "start", 120),  # never completed: open
                    ev("assess", "start", 180),
                    ev("assess", "start", 210),  # overlaps the one before
                    ev("assess", "complete", 240),  # closes the oldest (180)
                    ev("assess", "complete", 300),
                    ev("review", "schedule", 360),  # other transitions: named
                    ev("note", None, 400),  # no transition: an instant
                ],
            )
        ],
    )
    result = import_events(log, tmp_path / "j")
    assert rows(tmp_path / "j") == [
        ("P1", "assess", 0, 60),
        ("P1", "call", 30, None),
        ("P1", "plan", 120, None),
        ("P1", "assess", 180, 240),
        ("P1", "assess", 210, 300),
        ("P1", "review (schedule)", 360, None),
        ("P1", "note", 400, None),
    ]
    assert (result.events, result.rows) == (10, 7)
    assert (result.pairs, result.open_starts, result.lone_completes) == (3, 1, 1)


def test_pair_keeps_both_source_rows_and_the_completing_worker(tmp_path: Path) -> None:
    log = write_xes(
        tmp_path / "w.xes",
        [
            (
                "P1",
                [
                    ev("assess", "start", 0, **{"org:resource": "Ann", "org:group": "Intake"}),
                    ev("visit", "complete", 5),
                    ev("assess", "complete", 60, **{"org:resource": "Bo"}),
                ],
            )
        ],
    )
    import_events(log, tmp_path / "j")
    table = read_journal(tmp_path / "j").to_pandas().set_index("activity")
    assess = table.loc["assess"]
    assert assess["source_row"] == 1  # the start's
    assert assess["event_id"] == "w.xes#1+3"  # start and complete
    assert assess["worker"] == "Bo"  # the complete's, as pm4py
    assert assess["team"] == "Intake"  # the start's, when the complete has none


def test_concept_instance_tells_overlapping_instances_apart(tmp_path: Path) -> None:
    log = write_xes(
        tmp_path / "i.xes",
        [
            (
                "P1",
                [
                    ev("visit", "start", 0, **{"concept:instance": "a"}),
                    ev("visit", "start", 10, **{"concept:instance": "b"}),
                    ev("visit", "complete", 20, **{"concept:instance": "b"}),
                    ev("visit", "complete", 90, **{"concept:instance": "a"}),
                ],
            )
        ],
    )
    import_events(log, tmp_path / "j")
    assert rows(tmp_path / "j") == [("P1", "visit", 0, 90), ("P1", "visit", 10, 20)]


def test_pairs_in_time_order_and_ignores_case_of_transitions(tmp_path: Path) -> None:
    log = write_xes(
        tmp_path / "o.xes",
        [("P1", [ev("assess", "COMPLETE", 60), ev("assess", "Start", 0)])],
    )
    import_events(log, tmp_path / "j")
    assert rows(tmp_path / "j") == [("P1", "assess", 0, 60)]


def test_csv_with_a_lifecycle_column_pairs_within_each_case(tmp_path: Path) -> None:
    csv = tmp_path / "life.csv"
    csv.write_text(
        "case,step,when,phase\n"
        f"P1,assess,{at(0)},start\n"
        f"P2,assess,{at(5)},start\n"
        f"P1,assess,{at(60)},complete\n"
        f"P2,assess,{at(70)},complete\n"
        f"P2,close,{at(80)},complete\n"
    )
    columns = EventColumns(person="case", activity="step", start="when", lifecycle="phase")
    result = import_events(csv, tmp_path / "j", columns=columns)
    assert rows(tmp_path / "j") == [
        ("P1", "assess", 0, 60),
        ("P2", "assess", 5, 70),
        ("P2", "close", 80, None),
    ]
    assert (result.events, result.rows, result.pairs) == (5, 3, 2)
    table = read_journal(tmp_path / "j").to_pandas()
    assert sorted(table["source_row"]) == [2, 3, 6]  # each pair's start row


def test_an_event_with_an_end_is_a_row_as_it_stands(tmp_path: Path) -> None:
    log = write_xes(
        tmp_path / "iv.xes",
        [("P1", [{"concept:name": "visit", "start_timestamp": at(0), "time:timestamp": at(45)}])],
    )
    import_events(log, tmp_path / "j")
    assert rows(tmp_path / "j") == [("P1", "visit", 0, 45)]


# A property: on any lifecycle log, rows ending in a complete are exactly pm4py's intervals.

step = st.tuples(
    st.sampled_from(["assess", "visit", "plan"]), st.sampled_from(["start", "complete"])
)
traces = st.lists(st.lists(step, min_size=1, max_size=12), min_size=1, max_size=4)


@settings(max_examples=25, deadline=None)
@given(traces)
def test_intervals_match_pm4py_to_interval(generated: list[list[tuple[str, str]]]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pm4py.objects.log.obj import Event, EventLog, Trace
        from pm4py.objects.log.util.interval_lifecycle import to_interval

    xes_traces, oracle_log = [], EventLog()
    starts: set[int] = set()
    ordinal = 0
    for number, steps in enumerate(generated):
        case = f"P{number}"
        trace = Trace()
        trace.attributes["concept:name"] = case
        events = []
        for minute, (activity, transition) in enumerate(steps):
            ordinal += 1
            if transition == "start":
                starts.add(ordinal)
            events.append(ev(activity, transition, minute))
            trace.append(
                Event(
                    {
                        "concept:name": activity,
                        "lifecycle:transition": transition,
                        "time:timestamp": (T0 + timedelta(minutes=minute)).replace(tzinfo=UTC),
                    }
                )
            )
        xes_traces.append((case, events))
        oracle_log.append(trace)

    expected = sorted(
        (
            trace.attributes["concept:name"],
            e["concept:name"],
            int((e["start_timestamp"].replace(tzinfo=None) - T0).total_seconds() // 60),
            int((e["time:timestamp"].replace(tzinfo=None) - T0).total_seconds() // 60),
        )
        for trace in to_interval(oracle_log)
        for e in trace
    )
    with tempfile.TemporaryDirectory() as folder:
        log = write_xes(Path(folder) / "p.xes", xes_traces)
        result = import_events(log, Path(folder) / "j")
        table = read_journal(Path(folder) / "j").to_pandas()
    minutes = lambda t: int((t - pd.Timestamp(T0)).total_seconds() // 60)  # noqa: E731
    got = sorted(
        (r.person_id, r.activity, minutes(r.start), minutes(r.start if pd.isna(r.end) else r.end))
        for r in table.itertuples()
        if not (pd.isna(r.end) and r.source_row in starts)  # open starts: pm4py drops them
    )
    assert got == expected
    assert result.open_starts == len(starts) - result.pairs
