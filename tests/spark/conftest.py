"""One local Spark session for every Spark test, and a small national journal.

Starting Spark's JVM takes tens of seconds, so the session is made once per
test run and shared; tests use their own view and table names.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from whatmatters.council import Settings, generate_journal
from whatmatters.journal.store import read_journal, write_journal

COUNCILS = {  # CLD codes (fictional) and their synthetic councils: one changes, one does not
    "901": Settings(population=4000, years=2, seed=3, council="901", switch=dt.date(2023, 4, 1)),
    "902": Settings(population=3000, years=2, seed=4, council="902"),
}
CHANGE_DATE = dt.date(2023, 4, 1)
WINDOW_START, WINDOW_END = dt.date(2022, 4, 1), dt.date(2024, 3, 31)  # the councils' two years


@pytest.fixture(scope="session")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A local Spark session on two cores, stopped at the end of the test run."""
    if shutil.which("java") is None:
        pytest.fail("Java is missing: Spark needs it (scripts/install-test-needs installs it)")
    from whatmatters.check.spark import spark_session

    warehouse = tmp_path_factory.mktemp("spark-warehouse")
    session = spark_session(
        "local[2]",
        **{
            "spark.ui.enabled": "false",
            "spark.sql.shuffle.partitions": "2",  # tiny data: more partitions only add overhead
            "spark.sql.execution.arrow.pyspark.enabled": "true",
            "spark.sql.warehouse.dir": str(warehouse),
        },
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def national_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two small synthetic councils in one journal (their person ids overlap)."""
    base = tmp_path_factory.mktemp("national")
    parts = []
    for code, settings in COUNCILS.items():
        generate_journal(settings, base / code)
        parts.append(read_journal(base / code))
    path = base / "journal"
    write_journal(path, parts)
    return path
