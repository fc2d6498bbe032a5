"""The casework database's journal table as an Ibis table, for the check engine.

``whatmatters check`` and the CLD export read a live casework database
through this, exactly as they read a journal folder: the same columns and
types (timestamps naive UTC), on SQLite or PostgreSQL.
"""

from __future__ import annotations

import ibis
import ibis.expr.datatypes as dt

from whatmatters.casework.journal.fields import TABLE
from whatmatters.journal.schema import COLUMNS


class CaseworkDatabaseError(Exception):
    """The database named cannot be read as a casework journal."""


def connect(database_url: str):
    """An Ibis connection to the casework database ``database_url`` names."""
    import dj_database_url

    config = dj_database_url.parse(database_url)
    engine = config["ENGINE"]
    if engine.endswith("sqlite3"):
        return ibis.sqlite.connect(config["NAME"])
    if engine.endswith(("postgresql", "postgis")):
        return ibis.postgres.connect(
            host=config.get("HOST") or None,
            port=int(config.get("PORT") or 5432),
            user=config.get("USER") or None,
            password=config.get("PASSWORD") or None,
            database=config["NAME"],
        )
    raise CaseworkDatabaseError(f"casework databases are SQLite or PostgreSQL, not {engine}")


def connect_django(alias: str = "default"):
    """An Ibis connection to the database Django uses (a connection of its own)."""
    from django.db import connections

    settings = connections[alias].settings_dict
    if connections[alias].vendor == "sqlite":
        return ibis.sqlite.connect(settings["NAME"])
    return ibis.postgres.connect(
        host=settings.get("HOST") or None,
        port=int(settings.get("PORT") or 5432),
        user=settings.get("USER") or None,
        password=settings.get("PASSWORD") or None,
        database=settings["NAME"],
    )


def journal_table(con) -> ibis.Table:
    """The journal table of an open connection, with the journal schema's types."""
    try:
        table = con.table(TABLE)
    except Exception as problem:  # the backends raise different errors
        raise CaseworkDatabaseError(
            f"no casework journal table in the database: {problem}"
        ) from None
    return table.select(**{c.name: table[c.name].cast(dt.dtype(c.type)) for c in COLUMNS})


def open_casework_journal(database_url: str) -> ibis.Table:
    """The journal in the casework database at ``database_url``."""
    return journal_table(connect(database_url))
