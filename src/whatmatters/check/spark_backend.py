"""Spark as a backend: open a session's journal as an Ibis table, write tables back.

Opening is apart from running: ``check/spark.py`` runs the check on what
this opens (and is the notebook's entry point); ``check/backends.py`` opens
``--backend spark`` through this. ``docs/national-scale.md`` says how to run
on a cluster.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from whatmatters.check.errors import CheckError
from whatmatters.check.tables import TABLES
from whatmatters.journal.schema import SCHEMA
from whatmatters.journal.store import EVENTS, MANIFEST, replace_folder

if TYPE_CHECKING:
    from ibis.backends import BaseBackend
    from pyspark.sql import DataFrame, SparkSession

TABLE_PREFIX = "whatmatters_"
"""Result tables written to a database are named ``whatmatters_<table>``."""

TIME_ZONE = "spark.sql.session.timeZone"

SESSION_CONFIG: dict[str, str] = {
    # Journal timestamps are UTC without a zone (decision 4): Spark must not shift them.
    TIME_ZONE: "UTC",
    # The check prints its own progress; Spark's console bars would garble it.
    "spark.ui.showConsoleProgress": "false",
}


def spark_session(master: str | None = None, **config: str) -> SparkSession:
    """The active Spark session, or a new one with the settings the check needs.

    Under ``spark-submit`` or in a notebook the cluster's session is used
    (``master`` None); ``master="local[2]"`` starts Spark on this machine.
    ``config`` adds Spark settings (``{"spark.driver.memory": "4g"}``: pass
    them as a dict, since their names contain dots).
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise CheckError(
            "Spark is not installed: install pyspark (uv sync --group spark) and Java 17"
        ) from None
    builder = SparkSession.builder.appName("whatmatters check")
    if master:
        builder = builder.master(master)
    for key, value in {**SESSION_CONFIG, **config}.items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as e:  # Java missing or a bad setting: Spark's message says which
        raise CheckError(f"cannot start Spark: {_first_line(e)}") from e
    return session


def connect(session: SparkSession) -> BaseBackend:
    """An Ibis connection to ``session`` with Spark SQL corrections (``spark_compiler``).

    Sets the session's time zone to UTC (``in_utc`` restores it afterwards).
    """
    from whatmatters.check.spark_compiler import SparkCompiler

    session.conf.set(TIME_ZONE, "UTC")
    con = ibis.pyspark.connect(session)
    con.compiler = SparkCompiler()
    return con


def spark_journal_table(
    source: DataFrame | str, session: SparkSession, con: BaseBackend | None = None
) -> ir.Table:
    """A journal on Spark as an Ibis table.

    ``source`` is a Spark DataFrame, the name of a table in the session's
    catalog (``database.table``), or the path of a journal folder or Parquet
    files (local or cluster storage). Journal columns the source lacks are
    added, empty, as ``journal.schema.conform`` does.
    """
    con = con or connect(session)
    frame = _frame(source, session)
    name = f"whatmatters_journal_{uuid.uuid4().hex[:10]}"
    frame.createOrReplaceTempView(name)
    table = con.table(name)
    missing = {
        field.name: ibis.null(ibis.dtype(field.type)).name(field.name)
        for field in SCHEMA
        if field.name not in table.columns
    }
    return table.mutate(**missing) if missing else table


@contextlib.contextmanager
def in_utc(session: SparkSession) -> Iterator[None]:
    """Run with the session's time zone UTC, then put back the notebook's own.

    Journal timestamps are UTC without a zone (decision 4); Spark turns them
    into instants with the session's zone, so any other zone would shift
    waits across a clock change by an hour.
    """
    before = session.conf.get(TIME_ZONE)
    session.conf.set(TIME_ZONE, "UTC")
    try:
        yield
    finally:
        session.conf.set(TIME_ZONE, before)


def upload_to_spark(con: BaseBackend, name: str, table: pa.Table) -> ir.Table:
    """An Arrow table as a temporary view ``name`` on the Spark connection ``con``."""
    con._session.createDataFrame(table).createOrReplaceTempView(name)
    return con.table(name)


def write_spark_tables(
    tables: Mapping[str, pa.Table],
    session: SparkSession,
    *,
    path: str | None = None,
    database: str | None = None,
) -> list[str]:
    """Write result tables back into Spark; return where each went.

    With ``path``: a folder of Parquet datasets, ``PATH/<table>/``, written
    beside it and moved into place at the end, so a failed run leaves no
    half-written folder (an earlier one at ``path`` is replaced only then).
    With ``database``: managed tables ``database.whatmatters_<table>``,
    each replaced whole.
    """
    if (path is None) == (database is None):
        raise CheckError("give either a path or a database to write the tables to")
    frames = {name: _spark_frame(session, table) for name, table in tables.items()}
    if database is not None:
        written = []
        for name, frame in frames.items():
            target = f"{database}.{TABLE_PREFIX}{name}"
            frame.write.mode("overwrite").saveAsTable(target)
            written.append(target)
        return written
    assert path is not None
    fs = _HadoopFiles(session, path)
    if not fs.holds_only(set(frames) | set(TABLES)):
        raise CheckError(f"{path} holds other things than result tables; refusing to replace it")
    temp = fs.sibling(f".writing-{uuid.uuid4().hex[:8]}")
    try:
        for name, frame in frames.items():
            frame.coalesce(1).write.parquet(f"{temp}/{name}")
        fs.replace(temp)
    finally:
        fs.delete(temp)
    return [f"{path.rstrip('/')}/{name}" for name in frames]


def _spark_frame(session: SparkSession, table: pa.Table) -> DataFrame:
    """An Arrow table as a Spark DataFrame (column types kept, nulls included)."""
    if table.num_columns == 0:
        raise CheckError("a result table has no columns")
    return session.createDataFrame(table)


def _frame(source: DataFrame | str, session: SparkSession) -> DataFrame:
    if not isinstance(source, str):
        return source
    try:
        if session.catalog.tableExists(source):
            return session.table(source)
    except Exception:  # a path is not a valid table name: read it as a path below
        pass
    files = _HadoopFiles(session, source)
    if not files.exists(source):
        raise CheckError(f"{source} is neither a table in Spark's catalog nor a path")
    location = f"{source.rstrip('/')}/{EVENTS}" if files.exists(files.child(MANIFEST)) else source
    try:
        return session.read.parquet(location)
    except Exception as e:
        raise CheckError(f"cannot read {location} as Parquet: {_first_line(e)}") from e


class _HadoopFiles:
    """Paths on the cluster's file system (local, HDFS, ABFS, S3…) through Spark's JVM."""

    def __init__(self, session: SparkSession, path: str) -> None:
        jvm = session._jvm
        self._path_class = jvm.org.apache.hadoop.fs.Path
        self.path = self._path_class(path)
        self.fs = self.path.getFileSystem(session._jsc.hadoopConfiguration())

    def child(self, name: str) -> str:
        return str(self._path_class(self.path, name))

    def sibling(self, suffix: str) -> str:
        parent, name = self.path.getParent(), self.path.getName()
        return str(self._path_class(parent, f".{name}{suffix}"))

    def exists(self, path: str) -> bool:
        return bool(self.fs.exists(self._path_class(path)))

    def holds_only(self, names: set[str]) -> bool:
        """Whether this path is missing, or a folder of nothing but folders called ``names``."""
        if not self.fs.exists(self.path):
            return True
        if not self.fs.getFileStatus(self.path).isDirectory():
            return False
        return all(
            status.isDirectory() and status.getPath().getName() in names
            for status in self.fs.listStatus(self.path)
        )

    def delete(self, path: str) -> None:
        target = self._path_class(path)
        if self.fs.exists(target):
            self.fs.delete(target, True)

    def replace(self, new: str) -> None:
        """Move the folder ``new`` to this path, replacing what was there."""
        if self.fs.getUri().getScheme() == "file":  # this machine's disk: the one safe replace
            replace_folder(self._local(new), self._local(str(self.path)))
            return
        # Cluster storage (HDFS, ABFS, S3…) is reached through Hadoop's file
        # system, which has no atomic exchange of two folders and cannot be
        # handed to os.rename: the old folder is set aside, the new one moved
        # in, and the old one put back if that move fails.
        old = self.sibling(f".old-{uuid.uuid4().hex[:8]}")
        had_old = bool(self.fs.exists(self.path))
        if had_old:
            self.fs.rename(self.path, self._path_class(old))
        if not self.fs.rename(self._path_class(new), self.path):
            if had_old:
                self.fs.rename(self._path_class(old), self.path)
            raise CheckError(f"could not move the tables into {self.path}")
        if had_old:
            self.delete(old)

    def _local(self, path: str) -> Path:
        return Path(str(self.fs.makeQualified(self._path_class(path)).toUri().getPath()))


def _first_line(error: Any) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
