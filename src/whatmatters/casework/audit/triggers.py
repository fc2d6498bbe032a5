"""Database triggers that refuse any change to an audit entry once written.

The ORM already refuses; the triggers stop anything else that uses a
connection to the database (raw SQL, a bulk tool) from rewriting history.
On SQLite a ``REPLACE`` (or ``INSERT OR REPLACE``) deletes the old row
without firing delete triggers, so an insert of an id that already exists
is refused too (``PRAGMA recursive_triggers`` would make REPLACE fire the
delete trigger, but it is a per-connection setting anyone can turn off; the
insert trigger is in the schema); ``ON CONFLICT DO UPDATE`` fires the
update trigger. What
triggers cannot stop (dropping the table or its triggers) is refused by
the application connection's rights: see ``audit/rights.py``.
Installed by migrations on SQLite and PostgreSQL.
"""

from __future__ import annotations

TABLE = "audit_auditentry"

_INSTALL = {
    "sqlite": [
        f"""CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON {TABLE}
            BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;""",
        f"""CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON {TABLE}
            BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;""",
        f"""CREATE TRIGGER IF NOT EXISTS audit_no_replace BEFORE INSERT ON {TABLE}
            WHEN EXISTS (SELECT 1 FROM {TABLE} WHERE id = NEW.id)
            BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;""",
    ],
    "postgresql": [
        """CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
           BEGIN RAISE EXCEPTION 'audit entries are append-only'; END; $$ LANGUAGE plpgsql;""",
        f"""CREATE OR REPLACE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON {TABLE}
            FOR EACH ROW EXECUTE FUNCTION audit_append_only();""",
        f"""CREATE OR REPLACE TRIGGER audit_no_truncate BEFORE TRUNCATE ON {TABLE}
            FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();""",
    ],
}
_REMOVE = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS audit_no_update;",
        "DROP TRIGGER IF EXISTS audit_no_delete;",
        "DROP TRIGGER IF EXISTS audit_no_replace;",
    ],
    "postgresql": [
        f"DROP TRIGGER IF EXISTS audit_no_change ON {TABLE};",
        f"DROP TRIGGER IF EXISTS audit_no_truncate ON {TABLE};",
    ],
}


def _execute(connection, statements: dict[str, list[str]]) -> None:
    with connection.cursor() as cursor:
        for sql in statements.get(connection.vendor, []):
            cursor.execute(sql)


def install(connection) -> None:
    _execute(connection, _INSTALL)


def remove(connection) -> None:
    """Only for emptying a throwaway test database between tests (as its owner)."""
    _execute(connection, _REMOVE)
