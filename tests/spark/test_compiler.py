"""The corrected Spark SQL translations give what DuckDB gives (check/spark_compiler.py)."""

from __future__ import annotations

import ibis
import pyarrow as pa
import pytest

from whatmatters.check.spark import connect, upload_to_spark

pytestmark = pytest.mark.spark

WORDS = ["failure", " value\t", "\v\ffine\f\v", "\n\r both \r\n", "vote", "", None]


def both(spark, table: pa.Table, build) -> tuple[list[dict], list[dict]]:
    """``build(t)`` run on DuckDB and on Spark over the same rows, sorted."""
    duck = ibis.duckdb.connect().create_table("t", table)
    spark_table = upload_to_spark(connect(spark), "compiler_test", table)
    rows = [build(t).to_pyarrow().to_pylist() for t in (duck, spark_table)]
    return tuple(sorted(r, key=repr) for r in rows)


def test_strip_removes_whitespace_only(spark) -> None:
    table = pa.table({"words": pa.array(WORDS, pa.string())})
    duck, ours = both(
        spark,
        table,
        lambda t: t.select("words", s=t.words.strip(), l=t.words.lstrip(), r=t.words.rstrip()),
    )
    assert ours == duck
    stripped = {row["words"]: row["s"] for row in ours}
    assert stripped["failure"] == "failure"  # Ibis's own translation gave "ailure"
    assert stripped["\v\ffine\f\v"] == "fine"


def test_group_concat_over_an_ordered_window(spark) -> None:
    table = pa.table(
        {
            "person": ["a", "a", "a", "b", "b"],
            "pos": [2, 0, 1, 1, 0],
            "step": ["review", "contact", "assessment", "closed", "contact"],
        }
    )
    person = ibis.window(group_by="person", order_by="pos", rows=(None, None))
    duck, ours = both(
        spark,
        table,
        lambda t: t.select("person", "pos", journey=t.step.group_concat(" → ").over(person)),
    )
    assert ours == duck
    journeys = {row["person"]: row["journey"] for row in ours}
    assert journeys == {"a": "contact → assessment → review", "b": "contact → closed"}
