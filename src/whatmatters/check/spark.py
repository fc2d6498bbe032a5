"""The check on Spark: where national data already is.

The measures are the same Ibis expressions as on DuckDB (``run_check``);
this module runs them on a journal that ``check/spark_backend.py`` opens
in a Spark session, and hands on its names for writing the result tables
back. From a notebook that already has a ``spark`` session::

    from whatmatters.check.spark import check_spark_table, write_spark_tables
    result = check_spark_table("sde.cld_journal", spark)        # or a DataFrame
    write_spark_tables(result.tables, spark, database="analysis")  # or path="abfss://…"

Checked council by council and in total (``whatmatters.check.councils``)::

    checks = check_spark_by_council("sde.cld_journal", spark)
    write_spark_tables(checks.tables(), spark, path="/mnt/out/by_council")

Result tables are small (one row per person at most): they come back to the
driver as Arrow tables, as on every backend. ``docs/national-scale.md``
says how to run this on a cluster.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from whatmatters.check.councils import CouncilChecks, check_by_council
from whatmatters.check.params import CheckParams
from whatmatters.check.run import CheckResult, Progress, run_check
from whatmatters.check.spark_backend import (
    SESSION_CONFIG,
    TABLE_PREFIX,
    TIME_ZONE,
    connect,
    in_utc,
    spark_journal_table,
    spark_session,
    upload_to_spark,
    write_spark_tables,
)

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = [
    "SESSION_CONFIG",
    "TABLE_PREFIX",
    "TIME_ZONE",
    "check_spark_by_council",
    "check_spark_table",
    "connect",
    "in_utc",
    "spark_journal_table",
    "spark_session",
    "upload_to_spark",
    "write_spark_tables",
]


def check_spark_table(
    source: DataFrame | str,
    session: SparkSession,
    params: CheckParams | None = None,
    progress: Progress | None = None,
) -> CheckResult:
    """Run the whole check on a journal in Spark (see ``spark_journal_table``)."""
    with in_utc(session):
        return run_check(spark_journal_table(source, session), params, progress)


def check_spark_by_council(
    source: DataFrame | str,
    session: SparkSession,
    params: CheckParams | None = None,
    progress: Progress | None = None,
    councils: Sequence[str] | None = None,
    *,
    at_once: int = 4,
) -> CouncilChecks:
    """Run the check on each council's rows and on the whole journal (``check_by_council``).

    ``at_once`` councils are checked at the same time, sharing the cluster.
    """
    with in_utc(session):
        table = spark_journal_table(source, session)
        return check_by_council(table, params, progress, councils, at_once=at_once)
