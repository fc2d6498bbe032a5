"""Every public log in tests/data imports, matching its README and pm4py."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from whatmatters.journal.eventlog import LogFormat

from .conftest import SHARED_LOGS


def readme_counts(eventlogs: Path) -> dict[str, tuple[int, int]]:
    """file → (events, cases), from the README's table."""
    counts = {}
    for line in (eventlogs / "README.md").read_text().splitlines():
        match = re.match(r"\|(.*)\|.*\|\s*([\d,]+)\s*/\s*([\d,]+)\s*\|$", line)
        if match:
            events, cases = (int(n.replace(",", "")) for n in match.group(2, 3))
            for name in re.findall(r"`([^`]+)`", match.group(1)):
                counts[name] = (events, cases)
    return counts


def utc(values: pd.Series) -> pd.Series:
    """Timestamps as the journal stores them: UTC, no zone, microseconds."""
    parsed = pd.to_datetime(values, utc=True, format="ISO8601")
    return parsed.dt.tz_localize(None).astype("datetime64[us]")


def test_readme_lists_every_log(eventlogs: Path) -> None:
    assert set(readme_counts(eventlogs)) == set(SHARED_LOGS)


@pytest.mark.parametrize("name", SHARED_LOGS)
def test_counts_match_readme_and_pm4py(name, eventlogs, imported, pm4py_read) -> None:
    result, journal = imported(name)
    events, cases = readme_counts(eventlogs)[name]
    oracle = pm4py_read(eventlogs / name)
    assert (result.events, result.cases) == (events, cases)
    assert (len(oracle), oracle["case:concept:name"].nunique()) == (events, cases)
    assert len(journal) == result.rows == events  # none of these logs has start/complete pairs
    assert journal["person_id"].nunique() == cases
    assert journal["event_id"].is_unique


@pytest.mark.parametrize("name", SHARED_LOGS)
def test_rows_match_pm4py_event_for_event(name, eventlogs, imported, pm4py_read) -> None:
    """Same case, activity, time and resource for every event (as multisets)."""
    _, journal = imported(name)
    oracle = pm4py_read(eventlogs / name)
    has_start = "start_timestamp" in oracle.columns
    expected = pd.DataFrame(
        {
            "person_id": oracle["case:concept:name"].astype(str),
            "activity": oracle["concept:name"],
            "start": utc(oracle["start_timestamp" if has_start else "time:timestamp"]),
            "end": utc(oracle["time:timestamp"]) if has_start else pd.NaT,
            "worker": oracle.get("org:resource"),
            "team": oracle.get("org:group"),
        }
    )
    if "lifecycle:transition" in oracle:  # BPIC 2013: statuses, named in the activity
        expected["activity"] += " (" + oracle["lifecycle:transition"] + ")"
    columns = list(expected.columns)
    expected = expected.astype({"end": "datetime64[us]", "worker": object, "team": object})
    got = journal[columns].astype({"worker": object, "team": object})
    order = ["person_id", "start", "activity", "worker"]
    expected = expected.sort_values(order, ignore_index=True).fillna({"worker": "", "team": ""})
    got = got.sort_values(order, ignore_index=True).fillna({"worker": "", "team": ""})
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_csv_and_xes_of_one_log_give_the_same_rows(imported) -> None:
    for stem in ("running-example", "interval_event_log"):
        _, from_csv = imported(f"{stem}.csv")
        _, from_xes = imported(f"{stem}.xes")
        columns = ["person_id", "start", "activity", "end", "worker"]
        by = columns[:3]
        csv_rows = from_csv[columns].sort_values(by, ignore_index=True)
        xes_rows = from_xes[columns].sort_values(by, ignore_index=True)
        pd.testing.assert_frame_equal(csv_rows, xes_rows, obj=stem)


def test_offsets_are_converted_to_utc(imported) -> None:
    """running-example times are +01:00: 14:32 local is 13:32 UTC."""
    _, journal = imported("running-example.xes")
    first = journal.sort_values("source_row").iloc[0]
    assert (first["activity"], first["worker"]) == ("register request", "Pete")
    assert first["start"] == pd.Timestamp("2010-12-30 13:32:00")
    assert pd.isna(first["end"])


def test_interval_log_keeps_start_and_end(imported) -> None:
    _, journal = imported("interval_event_log.csv")
    first = journal[journal["source_row"] == 2].iloc[0]
    assert first["person_id"] == "C1" and first["activity"] == "place order"
    assert first["start"] == pd.Timestamp("2015-01-05 09:00:07")
    assert first["end"] == pd.Timestamp("2015-01-05 09:02:50")
    assert (journal["end"] >= journal["start"]).all()


def test_bpic2013_keeps_resources_teams_and_statuses(imported) -> None:
    result, journal = imported("06_bpic2013_closed.xes.gz")
    assert result.format is LogFormat.XES
    assert journal["worker"].notna().all() and journal["team"].notna().all()
    first = journal[journal["source_row"] == 1].iloc[0]
    assert first["person_id"] == "1-109135791"
    assert first["activity"] == "Queued (Awaiting Assignment)"
    assert (first["worker"], first["team"]) == ("Minnie", "Org line A2")
    assert first["start"] == pd.Timestamp("2006-01-11 14:49:42")
    assert result.unmapped["Accepted (In Progress)"] == 3066
    assert set(result.aside) >= {"impact", "product", "org:role"}


@pytest.mark.parametrize("name", SHARED_LOGS)
def test_source_row_leads_back_to_the_record(name, eventlogs, imported) -> None:
    """CSV: a spreadsheet's row (header 1); XES: the event's ordinal in the file."""
    _, journal = imported(name)
    assert (journal["source"] == name).all()
    rows = sorted(journal["source_row"])
    first = 2 if name.endswith(".csv") else 1
    assert rows == list(range(first, first + len(journal)))
