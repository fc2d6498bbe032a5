"""The audit cannot be rewritten through the application's database connection.

Every statement that could change or remove an audit entry is sent as raw
SQL on the connection the application serves requests with, and each must
be refused by the database itself — on SQLite and, under
``scripts/with-postgres``, on PostgreSQL with the application connecting as a
role that owns nothing.
"""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, connections, transaction

from whatmatters.casework.audit import rights
from whatmatters.casework.audit.log import record
from whatmatters.casework.audit.models import AuditAction, AuditEntry
from whatmatters.casework.audit.triggers import TABLE

COLUMNS = "id, at, username, role, action, what, detail, path, user_id, person_id"
REWRITTEN = f"SELECT {COLUMNS.replace('detail', chr(39) + 'rewritten' + chr(39))} FROM {TABLE}"

COMMON = {
    "update": f"UPDATE {TABLE} SET detail = 'rewritten'",
    "delete": f"DELETE FROM {TABLE}",
    "insert on conflict do update": (
        f"INSERT INTO {TABLE} ({COLUMNS}) {REWRITTEN} WHERE id = {{id}} "
        "ON CONFLICT (id) DO UPDATE SET detail = 'rewritten'"
    ),
    "insert on conflict do update (no-op where)": (
        f"INSERT INTO {TABLE} ({COLUMNS}) {REWRITTEN} WHERE true "
        "ON CONFLICT (id) DO UPDATE SET what = excluded.what"
    ),
    "drop table": f"DROP TABLE {TABLE}",
    "rename table": f"ALTER TABLE {TABLE} RENAME TO audit_gone",
    "drop a column": f"ALTER TABLE {TABLE} DROP COLUMN detail",
}
ON_SQLITE = {
    **COMMON,
    "replace into": f"REPLACE INTO {TABLE} ({COLUMNS}) {REWRITTEN} WHERE id = {{id}}",
    "insert or replace": f"INSERT OR REPLACE INTO {TABLE} ({COLUMNS}) {REWRITTEN}",
    "update or replace": f"UPDATE OR REPLACE {TABLE} SET detail = 'rewritten'",
    "drop the update trigger": "DROP TRIGGER audit_no_update",
    "drop the replace trigger": "DROP TRIGGER audit_no_replace",
    "drop the delete trigger": "DROP TRIGGER audit_no_delete",
    "a trigger of one's own": (
        f"CREATE TEMP TRIGGER sneak AFTER INSERT ON {TABLE} "
        f"BEGIN UPDATE {TABLE} SET detail = 'rewritten'; END"
    ),
    "a writable schema": "PRAGMA writable_schema = ON",
}
ON_POSTGRESQL = {
    **COMMON,
    "truncate": f"TRUNCATE {TABLE}",
    "truncate cascade": f"TRUNCATE {TABLE} CASCADE",
    "disable the triggers": f"ALTER TABLE {TABLE} DISABLE TRIGGER ALL",
    "disable the change trigger": f"ALTER TABLE {TABLE} DISABLE TRIGGER audit_no_change",
    "drop the trigger": f"DROP TRIGGER audit_no_change ON {TABLE}",
    "replace the trigger's function": (
        "CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS "
        "$$ BEGIN RETURN NEW; END; $$ LANGUAGE plpgsql"
    ),
    "a rule of one's own": (
        f"CREATE RULE sneak AS ON INSERT TO {TABLE} DO ALSO DELETE FROM {TABLE}"
    ),
    "triggers off for the session": "SET session_replication_role = replica",
    "merge": (
        f"MERGE INTO {TABLE} t USING (SELECT {{id}} AS id) s ON t.id = s.id "
        "WHEN MATCHED THEN UPDATE SET detail = 'rewritten'"
    ),
    "take the table over": f"ALTER TABLE {TABLE} OWNER TO CURRENT_USER",
}


def statements() -> dict[str, str]:
    return ON_POSTGRESQL if connection.vendor == "postgresql" else ON_SQLITE


@pytest.fixture
def entries(alice, mary):
    """Two audit entries written the ordinary way (appending is allowed)."""
    first = record(alice, AuditAction.VIEW, "overview", person=mary)
    record(alice, AuditAction.CHANGE, "plan 1", person=mary)
    return first


@pytest.mark.parametrize("name", sorted(ON_SQLITE.keys() | ON_POSTGRESQL.keys()))
def test_no_statement_on_the_applications_connection_changes_the_audit(entries, name):
    sql = statements().get(name)
    if sql is None:
        pytest.skip(f"{name!r} is not {connection.vendor} SQL")
    before = list(AuditEntry.objects.order_by("pk").values())
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql.format(id=entries.pk))
    assert list(AuditEntry.objects.order_by("pk").values()) == before


def test_the_application_connection_still_reads_and_appends(entries, alice, mary):
    count = AuditEntry.objects.count()
    record(alice, AuditAction.VIEW, "plan", person=mary)
    assert AuditEntry.objects.count() == count + 1


def test_postgresql_tests_run_with_two_roles_and_the_applications_owns_nothing(db):
    if connection.vendor != "postgresql":
        pytest.skip("roles are PostgreSQL's; SQLite's connection is guarded by an authorizer")
    application = connection.settings_dict["USER"]
    assert application != connections[rights.OWNER].settings_dict["USER"], (
        "the tests must run as an application role other than the owner: "
        "scripts/with-postgres sets DATABASE_URL and WHATMATTERS_OWNER_DATABASE_URL"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
            "WHERE r.rolname = current_user"
        )
        assert cursor.fetchone()[0] == 0
        cursor.execute(
            "SELECT string_agg(privilege_type, ',' ORDER BY privilege_type) "
            "FROM information_schema.role_table_grants "
            "WHERE table_name = %s AND grantee = current_user",
            [TABLE],
        )
        assert cursor.fetchone()[0] == "INSERT,SELECT"
