"""Helpers for the check's tests: tiny journals and the backends to run them on."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Iterator
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa
import pytest

from whatmatters.check.backends import upload
from whatmatters.journal.schema import SCHEMA

POSTGRES_URL = "WHATMATTERS_TEST_POSTGRES"
REQUIRE_POSTGRES = "WHATMATTERS_REQUIRE_POSTGRES"


def journal(rows: list[dict[str, Any]]) -> pa.Table:
    """A journal table from a few rows; columns not given are empty.

    Event ids and source rows are numbered in the order given unless set.
    """
    filled = []
    for number, row in enumerate(rows, start=2):
        full = {name: row.get(name) for name in SCHEMA.names}
        full["event_id"] = row.get("event_id", f"e{number:05d}")
        full["source_row"] = row.get("source_row", number)
        filled.append(full)
    return pa.Table.from_pylist(filled, schema=SCHEMA)


def day(y: int, m: int, d: int, hour: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hour)


def postgres_url() -> str:
    """The test PostgreSQL server's URL, or skip (fail when it is required)."""
    url = os.environ.get(POSTGRES_URL)
    if url:
        return url
    message = f"no PostgreSQL server: {POSTGRES_URL} is not set (run under scripts/with-postgres)"
    if os.environ.get(REQUIRE_POSTGRES) == "1":
        pytest.fail(message)
    pytest.skip(message)


def connect(backend: str) -> ibis.BaseBackend:
    if backend == "duckdb":
        return ibis.duckdb.connect()
    if backend == "sqlite":
        return ibis.sqlite.connect()
    return ibis.connect(postgres_url())


Load = Callable[[pa.Table], ir.Table]
BACKENDS = ["duckdb", "sqlite", "postgres"]


@contextlib.contextmanager
def loader(backend: str) -> Iterator[Load]:
    """Put journals on ``backend``; drop them afterwards."""
    con = connect(backend)
    names: list[str] = []

    def put(table: pa.Table) -> ir.Table:
        name = f"journal_{len(names)}"
        names.append(name)
        return upload(con, name, table)

    try:
        yield put
    finally:
        for name in names:
            con.drop_table(name, force=True)
        con.disconnect()


@pytest.fixture(params=BACKENDS)
def load(request: pytest.FixtureRequest) -> Iterator[Load]:
    """Put a journal on each backend in turn and return its Ibis table."""
    with loader(request.param) as put:
        yield put


@pytest.fixture(scope="module", params=BACKENDS)
def module_load(request: pytest.FixtureRequest) -> Iterator[Load]:
    """As ``load``, shared by a module's tests (for measures costly to compile)."""
    with loader(request.param) as put:
        yield put


@pytest.fixture
def duck() -> Load:
    """Put a journal on embedded DuckDB."""
    con = ibis.duckdb.connect()
    counter = iter(range(1_000_000))
    return lambda table: upload(con, f"journal_{next(counter)}", table)
