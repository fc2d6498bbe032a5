"""The journal: one row per thing that happened to or with a person."""

from whatmatters.journal.schema import COLUMNS, SCHEMA, SCHEMA_VERSION, Kind, conform
from whatmatters.journal.store import (
    JournalError,
    JournalWriter,
    read_journal,
    read_manifest,
    write_journal,
)
from whatmatters.journal.tables import open_journal

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
