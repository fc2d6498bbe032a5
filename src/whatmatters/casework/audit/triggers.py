"""Database triggers that refuse UPDATE and DELETE on the audit log.

The ORM already refuses; the triggers stop anything else that uses the
application's database connection (raw SQL, a bulk tool) from rewriting
history. Installed by a migration on SQLite and PostgreSQL.
"""

from __future__ import annotations

TABLE = "audit_auditentry"

_INSTALL = {
    "sqlite": [
        f"""CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON {TABLE}
            BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;""",
        f"""CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON {TABLE}
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
    """Only for emptying a throwaway test database between tests."""
    _execute(connection, _REMOVE)
