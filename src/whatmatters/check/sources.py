"""What ``whatmatters check`` was given: a journal, a database, or a file to import first.

A CLD return (CSV or Excel, told by its CLD headers) is imported on the fly
as ``whatmatters import cld`` does (rows with errors are left out and
counted), a Welsh template file (told by its headings) as ``whatmatters
import wales`` does; an event log (CSV, Parquet, XES) with the event-log importer's
defaults (XES column names; see ``docs/event-logs.md``). Either goes into a
temporary journal that is removed afterwards. To see every problem, choose
columns or map kinds, import the file first.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import ibis.expr.types as ir
import pyarrow.parquet as pq

from whatmatters.check.backends import Backend, journal_table
from whatmatters.check.errors import CheckError
from whatmatters.journal.store import is_journal
from whatmatters.words import plural

EVENT_LOG_ENDINGS = (".csv", ".xes", ".xes.gz", ".parquet", ".pq")
CLD_ENDINGS = (".csv", ".xlsx")
CLD_HEADERS = frozenset({"event type", "event start date"})
"""Headers every CLD return has (spaced or underscored) and event logs do not."""
JOURNAL_MARKERS = frozenset({"person_id", "kind", "start", "event_id"})


@dataclass(frozen=True)
class Source:
    """The journal table to check, and how to name where it came from."""

    table: ir.Table
    name: str


def is_event_log(path: Path) -> bool:
    """A file that is not a journal but an event log by its name."""
    name = path.name.lower()
    if not path.is_file() or not name.endswith(EVENT_LOG_ENDINGS):
        return False
    if name.endswith((".parquet", ".pq")):
        try:
            columns = set(pq.read_schema(path).names)
        except Exception:  # not readable as Parquet: let the importer say why
            return True
        return not columns >= JOURNAL_MARKERS
    return True


def is_cld(path: Path) -> bool:
    """A CLD return: an Excel file, or a CSV whose header names CLD's event fields."""
    name = path.name.lower()
    if not path.is_file() or not name.endswith(CLD_ENDINGS):
        return False
    if name.endswith(".xlsx"):
        return True
    with path.open("rb") as f:
        header = f.readline(100_000).decode("utf-8-sig", errors="replace")
    names = {h.strip().strip('"').replace("_", " ").lower() for h in header.split(",")}
    return names >= CLD_HEADERS


def is_wales(path: Path) -> bool:
    """A Welsh template file (docs/wales.md), told by its headings."""
    from whatmatters.journal.wales.read import WalesFileError, read_headers
    from whatmatters.journal.wales.template import looks_like_template

    if not path.is_file() or not path.name.lower().endswith(CLD_ENDINGS):
        return False
    try:
        return looks_like_template(read_headers(path, looks_like_template))
    except (WalesFileError, OSError, UnicodeDecodeError):
        return False


@contextlib.contextmanager
def open_source(
    source: str, backend: Backend, table: str, memory_limit: str | None = None
) -> Iterator[Source]:
    """Open ``source`` for the check; an event log is imported first, then removed."""
    path = Path(source)
    if (
        Backend(backend) is Backend.DUCKDB
        and not is_journal(path)
        and is_cld(path)
        and not is_wales(path)
    ):
        with tempfile.TemporaryDirectory(prefix="whatmatters-check-") as folder:
            journal = Path(folder) / "journal"
            name = _import_cld(path, journal)
            yield Source(journal_table(journal, backend, memory_limit=memory_limit), name)
        return
    if Backend(backend) is Backend.DUCKDB and not is_journal(path) and is_wales(path):
        with tempfile.TemporaryDirectory(prefix="whatmatters-check-") as folder:
            journal = Path(folder) / "journal"
            name = _import_wales(path, journal)
            yield Source(journal_table(journal, backend, memory_limit=memory_limit), name)
        return
    if Backend(backend) is Backend.DUCKDB and not is_journal(path) and is_event_log(path):
        from whatmatters.journal.eventlog import EventLogError, import_events

        with tempfile.TemporaryDirectory(prefix="whatmatters-check-") as folder:
            journal = Path(folder) / "journal"
            try:
                result = import_events(path, journal)
            except EventLogError as e:
                raise CheckError(
                    f"{path.name} could not be imported as an event log ({e}); to name its "
                    "columns, import it first with `whatmatters import events`"
                ) from e
            yield Source(
                journal_table(journal, backend, memory_limit=memory_limit),
                f"{path.name} (an event log of {result.rows:,} steps, imported for the check)",
            )
        return
    opened = journal_table(source, backend, table, memory_limit=memory_limit)
    try:
        yield Source(opened, source)
    finally:
        if Backend(backend) in (Backend.SQLITE, Backend.POSTGRES):
            # A database's connection is closed when the check is done: a process that
            # runs checks (the tests, a server) must not hold its sessions open.
            opened.get_backend().disconnect()


def _import_cld(path: Path, journal: Path) -> str:
    """Import a CLD return into ``journal``; return how to name it in the report."""
    from whatmatters.journal.cld import import_cld

    result = import_cld([path], journal)
    if not result.ok:
        raise CheckError(
            f"{path.name} could not be imported as CLD ({result.refused}); see every problem "
            "with `whatmatters validate`"
        )
    left_out = result.validation.rows_with_errors
    note = (
        f"; {plural(left_out, 'row')} with errors left out: `whatmatters validate` lists them"
        if left_out
        else ""
    )
    rows = plural(result.rows_written, "row")
    return f"{path.name} (a CLD return of {rows} imported for the check{note})"


def _import_wales(path: Path, journal: Path) -> str:
    """Import a Welsh template file into ``journal``; return how to name it in the report."""
    from whatmatters.journal.wales.importer import import_checked
    from whatmatters.journal.wales.validate import validate_wales

    result = import_checked(validate_wales([path]), journal)
    if result.journal is None:
        raise CheckError(
            f"{path.name} could not be imported as the Welsh template ({result.refused}); see "
            "every problem with `whatmatters validate`"
        )
    left_out = result.checked.rows_with_errors
    note = (
        f"; {plural(left_out, 'row')} with errors left out: `whatmatters validate` lists them"
        if left_out
        else ""
    )
    rows = plural(result.rows_written, "row")
    return f"{path.name} (Welsh events, {rows} imported for the check{note})"
