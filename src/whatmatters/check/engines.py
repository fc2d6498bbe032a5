"""The engines the check runs on, by name (light: the command line imports it at start-up)."""

from __future__ import annotations

from enum import StrEnum

from whatmatters.journal.database import DEFAULT_TABLE

__all__ = ["DEFAULT_TABLE", "Backend"]


class Backend(StrEnum):
    """The engines the check runs on."""

    DUCKDB = "duckdb"
    SQLITE = "sqlite"
    POSTGRES = "postgres"
    SPARK = "spark"  # a journal table or files in Spark (check/spark.py)
