"""What the application's own database connection may do to the audit log.

Two connections name the same database: ``default``, which the application
serves requests with, and ``owner``, which migrations run with. With one
URL (a simple set-up) both use it; with two (``DATABASE_URL`` for the
application and ``WHATMATTERS_OWNER_DATABASE_URL`` for migrations) they are
different database roles:

- **PostgreSQL.** The owner's role owns every table. After each migration
  it grants the application's role what it needs — and on the audit table
  only ``SELECT`` and ``INSERT``. A role that owns nothing cannot disable
  a trigger, truncate, alter or drop, so the audit cannot be rewritten
  through the application's connection, whatever SQL it sends.
- **SQLite** has no roles, so the application's connection carries an
  authorizer that refuses, at statement preparation, anything that would
  update, delete, drop, alter or re-trigger the audit table (or make the
  schema writable). Migrations use a connection without it.

The triggers (``audit/triggers.py``) refuse changes from any connection,
the owner's included, short of removing them.
"""

from __future__ import annotations

import sqlite3

from django.db import connections

from whatmatters.casework.audit.triggers import TABLE

OWNER = "owner"
APPLICATION = "default"

_REFUSED_ON_THE_AUDIT = {
    sqlite3.SQLITE_DELETE: 0,  # (action: which argument names the table)
    sqlite3.SQLITE_UPDATE: 0,
    sqlite3.SQLITE_DROP_TABLE: 0,
    sqlite3.SQLITE_ALTER_TABLE: 1,
    sqlite3.SQLITE_CREATE_TRIGGER: 1,
    sqlite3.SQLITE_CREATE_TEMP_TRIGGER: 1,
    sqlite3.SQLITE_DROP_TRIGGER: 1,
    sqlite3.SQLITE_DROP_TEMP_TRIGGER: 1,
}


def _sqlite_authorizer(action: int, first, second, _database, _trigger) -> int:
    if action == sqlite3.SQLITE_PRAGMA and (first or "").lower() == "writable_schema":
        return sqlite3.SQLITE_DENY
    position = _REFUSED_ON_THE_AUDIT.get(action)
    if position is not None and ((first, second)[position] or "").lower() == TABLE:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def guard_application_connection(sender, connection, **kwargs) -> None:
    """``connection_created`` handler: on SQLite, the application's connection
    may read and append to the audit, nothing more."""
    if connection.vendor == "sqlite" and connection.alias == APPLICATION:
        connection.connection.set_authorizer(_sqlite_authorizer)


def grant_application_rights(sender, using: str = APPLICATION, **kwargs) -> None:
    """``post_migrate`` handler (once, for the audit app, after every table
    exists): on PostgreSQL with two roles, grant the application's role what
    it needs, and only SELECT and INSERT on the audit table."""
    owner = connections[using]
    application = connections[APPLICATION].settings_dict.get("USER") or ""
    if owner.vendor != "postgresql" or not application:
        return
    if application == owner.settings_dict.get("USER"):
        return  # one role (a simple set-up): nothing to grant
    role = owner.ops.quote_name(application)
    with owner.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        schema = owner.ops.quote_name(cursor.fetchone()[0])
        for sql in (
            f"GRANT USAGE ON SCHEMA {schema} TO {role}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role}",
            f"REVOKE ALL ON {TABLE} FROM {role}",
            f"GRANT SELECT, INSERT ON {TABLE} TO {role}",
            f"REVOKE ALL ON django_migrations FROM {role}",
            f"GRANT SELECT ON django_migrations TO {role}",
        ):
            cursor.execute(sql)
        cursor.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
            "WHERE r.rolname = %s AND c.relnamespace = current_schema()::regnamespace",
            [application],
        )
        owned = cursor.fetchone()[0]
    if owned:
        raise RuntimeError(
            f"the application's database role {application!r} owns {owned} tables or "
            "sequences: the tables must belong to the owner's role (reassign them with "
            "REASSIGN OWNED) so the audit cannot be rewritten"
        )
