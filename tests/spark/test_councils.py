"""A national journal checked council by council and in total (on DuckDB: backend-neutral)."""

from __future__ import annotations

import ibis
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tests.spark.compare import assert_same_table
from tests.spark.conftest import CHANGE_DATE, COUNCILS, WINDOW_END, WINDOW_START
from whatmatters.check.backends import Backend, journal_table, upload
from whatmatters.check.councils import (
    ALL_COUNCILS,
    NO_COUNCIL,
    check_by_council,
    council_rows,
    councils_in,
)
from whatmatters.check.params import CheckParams
from whatmatters.check.run import TABLES, run_check
from whatmatters.check.tables import SPLIT_TABLES
from whatmatters.cli import app
from whatmatters.journal.store import read_journal

PARAMS = CheckParams(start=WINDOW_START, end=WINDOW_END, change_date=CHANGE_DATE)


@pytest.fixture(scope="module")
def checks(national_journal):
    return check_by_council(journal_table(national_journal, Backend.DUCKDB), PARAMS)


def test_each_council_is_checked_as_if_alone(checks, national_journal, tmp_path) -> None:
    for code in COUNCILS:
        alone = journal_table(national_journal.parent / code, Backend.DUCKDB)
        expected = run_check(alone, PARAMS)
        for name in TABLES:
            assert_same_table(expected[name], checks.councils[code][name], f"{code} {name}")


def test_tables_carry_the_council_first_and_the_total_last(checks) -> None:
    tables = checks.tables()
    for name, table in tables.items():
        assert table.column_names[0] == "council", name
    people = tables["people"]["council"].to_pylist()
    assert people[-1] == ALL_COUNCILS
    assert people.count(ALL_COUNCILS) == checks.total["people"].num_rows


def test_rows_without_a_council_are_checked_as_their_own(national_journal) -> None:
    journal = read_journal(national_journal)
    councils = journal["council"]
    blanked = journal.set_column(
        journal.schema.get_field_index("council"),
        "council",
        pc.if_else(pc.equal(councils, "902"), pa.scalar(None, pa.string()), councils),
    )
    table = upload(ibis.duckdb.connect(), "journal", blanked)
    assert councils_in(table) == ["901", NO_COUNCIL]
    assert (
        council_rows(table, NO_COUNCIL).count().to_pyarrow().as_py()
        == pc.sum(pc.equal(councils, "902")).as_py()
    )


def test_the_command_writes_every_table_by_council(national_journal, tmp_path) -> None:
    out = tmp_path / "report"
    args = ["check", str(national_journal), "--out", str(out), "--by-council"]
    args += ["--from", WINDOW_START.isoformat(), "--to", WINDOW_END.isoformat()]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert (out / "index.html").is_file()
    for name in TABLES:
        # no change date asked for: no before-and-after tables
        assert (out / "by_council" / f"{name}.csv").is_file() != (name in SPLIT_TABLES), name
    people = pq.read_table(out / "by_council" / "people.parquet")
    assert set(people["council"].to_pylist()) == {*COUNCILS, ALL_COUNCILS}
    # The page is the whole journal's: its people table is the total's.
    total = pq.read_table(out / "tables" / "people.parquet")
    assert total.num_rows == people["council"].to_pylist().count(ALL_COUNCILS)


def test_a_window_not_asked_for_is_not_reported_as_asked(national_journal) -> None:
    checks = check_by_council(
        journal_table(national_journal, Backend.DUCKDB), CheckParams(change_date=CHANGE_DATE)
    )
    for result in (checks.total, *checks.councils.values()):
        assert result.params.start is None and result.params.end is None
        assert result.window.basis != "given"
    assert len({(r.window.start, r.window.end) for r in checks.councils.values()}) == 1
