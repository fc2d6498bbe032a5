"""The Python API for notebooks: read a journal in Spark, run the check, write the tables back."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.check.generated import generate
from whatmatters.check import spark_backend
from whatmatters.check.errors import CheckError
from whatmatters.check.spark import (
    TABLE_PREFIX,
    check_spark_table,
    spark_journal_table,
    write_spark_tables,
)
from whatmatters.journal.schema import SCHEMA
from whatmatters.journal.store import replace_folder, write_journal

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def small_journal(tmp_path_factory) -> Path:
    table, _ = generate(people=25, seed=3)
    path = tmp_path_factory.mktemp("small") / "journal"
    write_journal(path, [table])
    return path


def test_a_journal_read_from_its_folder(spark, small_journal) -> None:
    table = spark_journal_table(str(small_journal), spark)
    assert (
        table.count().to_pyarrow().as_py()
        == pq.read_metadata(next((small_journal / "events").glob("*.parquet"))).num_rows
    )


def test_a_journal_with_no_usable_rows_is_a_clear_error(spark, small_journal) -> None:
    frame = spark.read.parquet(str(small_journal / "events")).limit(0)
    with pytest.raises(CheckError, match="no events with a person and a start"):
        check_spark_table(frame, spark)


def test_a_table_in_the_catalog_with_missing_columns(spark, small_journal) -> None:
    # An environment's journal table may lack columns the check reads: they are added, empty.
    frame = spark.read.parquet(str(small_journal / "events")).drop("channel", "words")
    frame.createOrReplaceTempView("narrow_journal")
    table = spark_journal_table("narrow_journal", spark)
    assert set(SCHEMA.names) <= set(table.columns)
    assert table.channel.type().is_string()
    assert table.count().to_pyarrow().as_py() == frame.count()
    assert table.channel.isnull().all().to_pyarrow().as_py()


def test_a_source_that_is_neither_table_nor_path_is_refused(spark, tmp_path) -> None:
    with pytest.raises(CheckError, match="neither a table"):
        spark_journal_table(str(tmp_path / "no-such-journal"), spark)


def test_result_tables_written_as_parquet_and_replaced_whole(spark, tmp_path, monkeypatch) -> None:
    replaced = []  # a local folder is replaced as the journal's store replaces one
    monkeypatch.setattr(
        spark_backend,
        "replace_folder",
        lambda new, target: replaced.append(target) or replace_folder(new, target),
    )
    tables = {
        "people": pa.table({"person_id": ["P1", "P2"], "contacts": [3, 1]}),
        "value_failure": pa.table({"demand": ["value"], "share": [0.25]}),
    }
    out = tmp_path / "results"
    written = write_spark_tables(tables, spark, path=str(out))
    assert written == [f"{out}/people", f"{out}/value_failure"]
    assert pq.read_table(out / "people").to_pylist() == tables["people"].to_pylist()

    write_spark_tables({"people": tables["people"].slice(0, 1)}, spark, path=str(out))
    assert sorted(p.name for p in out.iterdir()) == ["people"]  # the old set is gone whole
    assert pq.read_table(out / "people").num_rows == 1
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # nothing left aside
    assert replaced == [out, out]


def test_a_folder_holding_other_things_is_not_replaced(spark, tmp_path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(CheckError, match="refusing to replace"):
        write_spark_tables({"people": pa.table({"n": [1]})}, spark, path=str(tmp_path))
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_result_tables_written_to_a_database(spark) -> None:
    spark.sql("CREATE DATABASE IF NOT EXISTS analysis")
    table = pa.table({"team": ["Duty", "OT"], "share": [0.25, None]})
    written = write_spark_tables({"self_referrals": table}, spark, database="analysis")
    assert written == [f"analysis.{TABLE_PREFIX}self_referrals"]
    back = spark.table(written[0]).orderBy("team").toArrow()
    assert back.to_pylist() == table.to_pylist()
