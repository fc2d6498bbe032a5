"""The check on local Spark gives the same tables as on DuckDB, council by council and in total."""

from __future__ import annotations

import pyarrow.compute as pc
import pytest

from tests.spark.compare import assert_same_table
from tests.spark.conftest import CHANGE_DATE, COUNCILS, WINDOW_END, WINDOW_START
from whatmatters.check.backends import Backend, journal_table
from whatmatters.check.councils import ALL_COUNCILS, CouncilChecks, check_by_council
from whatmatters.check.params import CheckParams
from whatmatters.check.run import TABLES
from whatmatters.check.spark import check_spark_by_council

pytestmark = pytest.mark.spark

PARAMS = CheckParams(start=WINDOW_START, end=WINDOW_END, change_date=CHANGE_DATE)


@pytest.fixture(scope="module")
def on_duckdb(national_journal) -> CouncilChecks:
    return check_by_council(journal_table(national_journal, Backend.DUCKDB), PARAMS)


@pytest.fixture(scope="module")
def on_spark(national_journal, spark) -> CouncilChecks:
    # As from a notebook: the journal is a DataFrame the analyst has read.
    frame = spark.read.parquet(str(national_journal / "events"))
    return check_spark_by_council(frame, spark, PARAMS)


def test_every_table_for_every_council_and_the_total(on_spark) -> None:
    assert list(on_spark.councils) == list(COUNCILS)
    tables = on_spark.tables()
    assert set(tables) == set(TABLES)
    for name in ("people", "activities", "series", "results"):
        councils = set(tables[name]["council"].to_pylist())
        assert councils == {*COUNCILS, ALL_COUNCILS}, name


@pytest.mark.parametrize("name", list(TABLES))
def test_identical_tables_on_spark_and_duckdb(on_spark, on_duckdb, name) -> None:
    assert_same_table(on_duckdb.tables()[name], on_spark.tables()[name], name)


def test_the_same_check_for_each_council(on_spark, on_duckdb) -> None:
    for council in COUNCILS:
        ours, theirs = on_duckdb.councils[council], on_spark.councils[council]
        assert ours.window == theirs.window
        assert ours.timeline_person == theirs.timeline_person
        assert set(ours.capability) == set(theirs.capability)


def test_people_of_different_councils_are_told_apart_in_the_total(on_spark) -> None:
    # Both councils number people from P00000001: the total must not merge them.
    people = {c: check["people"].num_rows for c, check in on_spark.councils.items()}
    shared = set(on_spark.councils["901"]["people"]["person_id"].to_pylist()) & set(
        on_spark.councils["902"]["people"]["person_id"].to_pylist()
    )
    assert shared, "the generated councils should share some local person ids"
    total = on_spark.total["people"]
    assert total.num_rows == sum(people.values())
    assert pc.all(pc.starts_with(total["person_id"], "90")).as_py()


def test_counts_add_up_to_the_total(on_spark) -> None:
    def contacts(check) -> int:
        rows = check["demand_by_type"].filter(pc.equal(check["demand_by_type"]["kind"], "contact"))
        return pc.sum(rows["count"]).as_py()

    assert contacts(on_spark.total) == sum(contacts(c) for c in on_spark.councils.values())
