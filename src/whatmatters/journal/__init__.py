"""The journal: one row per thing that happened to or with a person."""

from whatmatters.journal.schema import COLUMNS, SCHEMA, SCHEMA_VERSION, Kind, conform
from whatmatters.journal.store import (
    JournalError,
    JournalWriter,
    read_journal,
    read_manifest,
    write_journal,
)

__all__ = [
    "COLUMNS",
    "SCHEMA",
    "SCHEMA_VERSION",
    "JournalError",
    "JournalWriter",
    "Kind",
    "conform",
    "open_journal",
    "read_journal",
    "read_manifest",
    "write_journal",
]


def __getattr__(name: str):
    # open_journal needs Ibis, which takes a second to import: load it on first
    # use so that commands which never open a journal (``--help``) stay instant.
    if name == "open_journal":
        from whatmatters.journal.tables import open_journal

        return open_journal
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
