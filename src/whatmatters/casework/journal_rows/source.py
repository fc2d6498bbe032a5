"""The casework database's journal table as an Ibis table, for the check engine.

``whatmatters check`` and the CLD export read a live casework database
through ``whatmatters.journal.database`` (the one way in), exactly as they
read a journal folder: the same columns and types (timestamps naive UTC),
on SQLite or PostgreSQL. This module adds only Django's own connection.
"""

from __future__ import annotations

from whatmatters.casework.journal_rows.fields import TABLE
from whatmatters.journal.database import DatabaseError, connect, connect_settings
from whatmatters.journal.database import journal_table as _journal_table

CaseworkDatabaseError = DatabaseError
"""The database named cannot be read as a casework journal."""

__all__ = [
    "CaseworkDatabaseError",
    "connect",
    "connect_django",
    "journal_table",
    "open_casework_journal",
]


def connect_django(alias: str = "default"):
    """An Ibis connection to the database Django uses (a connection of its own)."""
    from django.db import connections

    return connect_settings(connections[alias].vendor, connections[alias].settings_dict)


def journal_table(con):
    """The journal table of an open connection, with the journal schema's types."""
    return _journal_table(con, TABLE, where="the casework database")


def open_casework_journal(database_url: str):
    """The journal in the casework database at ``database_url``."""
    return journal_table(connect(database_url))
