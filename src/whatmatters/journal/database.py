"""A journal kept as a table in a database (SQLite, PostgreSQL): the one way in.

The casework application keeps the journal in its own database, in a table
``journal`` with exactly the journal's columns. ``whatmatters check
--backend sqlite|postgres``, ``whatmatters export cld --database`` and the
casework measures page all open it here, as an Ibis table with the
journal schema's types (timestamps naive UTC, decision 4). Heavy imports
stay inside the functions: the command line imports this at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ibis.expr.types as ir
    from ibis.backends import BaseBackend

DEFAULT_TABLE = "journal"
"""The journal table's name in the casework database."""


class DatabaseError(Exception):
    """The database named cannot be opened, or holds no journal table; the message says why."""


def is_database_url(source: str) -> bool:
    """A PostgreSQL URL (``postgresql://…``), or a SQLite one (``sqlite:///path``)."""
    return source.startswith(("postgres://", "postgresql://", "sqlite://"))


def is_sqlite_file(path: Path) -> bool:
    """A file that starts as every SQLite database does."""
    if not path.is_file():
        return False
    with path.open("rb") as f:
        return f.read(16) == b"SQLite format 3\x00"


def connect(where: str | Path) -> BaseBackend:
    """An Ibis connection to the database ``where`` names.

    ``where`` is ``sqlite:///path`` or an existing SQLite file's path
    (connecting would otherwise create an empty database), or
    ``postgresql://user:password@host:port/database``.
    """
    import dj_database_url
    import ibis

    text = str(where)
    if not is_database_url(text) and is_sqlite_file(Path(text)):
        return _opened(lambda: ibis.sqlite.connect(text), text)
    try:
        config = dj_database_url.parse(text)
    except ValueError:
        raise DatabaseError(
            f"{text!r} is not a database URL (sqlite:///path or postgresql://…)"
        ) from None
    engine = config["ENGINE"]
    if engine.endswith("sqlite3"):
        if not Path(config["NAME"]).is_file():
            raise DatabaseError(f"there is no SQLite database at {config['NAME']}")
        return _opened(lambda: ibis.sqlite.connect(config["NAME"]), text)
    if engine.endswith(("postgresql", "postgis")):
        return _opened(lambda: ibis.postgres.connect(**_postgres(config)), text)
    raise DatabaseError(f"journal databases are SQLite or PostgreSQL, not {engine}")


def connect_settings(vendor: str, settings: dict) -> BaseBackend:
    """An Ibis connection from a Django database's ``settings_dict`` (a connection of its own)."""
    import ibis

    if vendor == "sqlite":
        return _opened(lambda: ibis.sqlite.connect(settings["NAME"]), str(settings["NAME"]))
    return _opened(lambda: ibis.postgres.connect(**_postgres(settings)), "the database")


def _postgres(config: dict) -> dict:
    return {
        "host": config.get("HOST") or None,
        "port": int(config.get("PORT") or 5432),
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "database": config["NAME"],
    }


def _opened(opener, where: str) -> BaseBackend:  # type: ignore[no-untyped-def]
    try:
        return opener()
    except Exception as e:  # the driver's own message says what is wrong
        raise DatabaseError(f"cannot open {where}: {e}") from None


def journal_table(con: BaseBackend, table: str = DEFAULT_TABLE, *, where: str = "") -> ir.Table:
    """The journal table ``table`` of an open connection, with the journal schema's types."""
    import ibis.expr.datatypes as dt

    from whatmatters.journal.schema import COLUMNS

    if table not in con.list_tables():
        raise DatabaseError(f"{where or 'the database'} has no table {table!r}")
    found = con.table(table)
    missing = [c.name for c in COLUMNS if c.name not in found.columns]
    if missing:
        raise DatabaseError(
            f"the table {table!r} in {where or 'the database'} is not a journal: "
            f"it lacks {', '.join(missing)}"
        )
    return found.select(**{c.name: found[c.name].cast(dt.dtype(c.type)) for c in COLUMNS})


def open_journal_database(where: str | Path, table: str = DEFAULT_TABLE) -> ir.Table:
    """The journal in the database at ``where`` (a URL, or a SQLite file's path)."""
    return journal_table(connect(where), table, where=str(where))
