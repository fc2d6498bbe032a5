"""Fixtures for the event-log reader's tests: the public logs in tests/data and pm4py as oracle."""

from __future__ import annotations

import gzip
import logging
import warnings
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from whatmatters.journal.eventlog import ImportResult, import_events
from whatmatters.journal.store import read_journal

SHARED_LOGS = (
    "running-example.csv",
    "running-example.xes",
    "interval_event_log.csv",
    "interval_event_log.xes",
    "06_bpic2013_closed.xes.gz",
)


@pytest.fixture(scope="session")
def eventlogs(test_data: Path) -> Path:
    return test_data / "eventlogs"


@pytest.fixture(scope="session")
def pm4py_read() -> Callable[[Path], pd.DataFrame]:
    """pm4py's own reading of a log, as a DataFrame (the test oracle)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.disable(logging.WARNING)
        import pm4py
    cache: dict[Path, pd.DataFrame] = {}

    def read(path: Path) -> pd.DataFrame:
        if path not in cache:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                if path.suffix == ".csv":
                    cache[path] = pd.read_csv(path, dtype=str)
                else:
                    cache[path] = pm4py.read_xes(str(path), show_progress_bar=False)
        return cache[path].copy()

    return read


@pytest.fixture(scope="session")
def imported(
    eventlogs: Path, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str], tuple[ImportResult, pd.DataFrame]]:
    """Each public log imported once with the defaults: (result, journal rows)."""
    cache: dict[str, tuple[ImportResult, pd.DataFrame]] = {}

    def get(name: str) -> tuple[ImportResult, pd.DataFrame]:
        if name not in cache:
            out = tmp_path_factory.mktemp("journal") / name
            result = import_events(eventlogs / name, out)
            cache[name] = (result, read_journal(out).to_pandas())
        return cache[name]

    return get


def write_xes(path: Path, traces: list[tuple[str, list[dict[str, str]]]], gz: bool = False) -> Path:
    """A small XES file: traces of (case id, events as key → value, dates by key)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<log xes.version="1.0">']
    for case, events in traces:
        lines.append(f'<trace><string key="concept:name" value="{case}"/>')
        for event in events:
            lines.append("<event>")
            for key, value in event.items():
                tag = "date" if "timestamp" in key else "string"
                lines.append(f'<{tag} key="{key}" value="{value}"/>')
            lines.append("</event>")
        lines.append("</trace>")
    lines.append("</log>")
    data = "\n".join(lines).encode()
    if gz:
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)
    return path
