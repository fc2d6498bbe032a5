"""Audit, CSRF, production settings, login throttling, bad input, secrets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from whatmatters.casework.audit.models import AppendOnlyError, AuditAction, AuditEntry

REPOSITORY = Path(__file__).resolve().parents[2]
OWNER = "WHATMATTERS_OWNER_DATABASE_URL"  # a PostgreSQL owner's URL must not meet SQLite's


def test_views_and_changes_of_a_record_are_audited(as_user, alice, mary):
    client = as_user(alice)
    client.get(reverse("person:overview", args=[mary.council_id]))
    client.post(
        reverse("outcomes:create", args=[mary.council_id]),
        {"words": "To see the sea", "words_by": "person"},
    )
    entries = AuditEntry.objects.filter(person=mary, user=alice)
    actions = set(entries.values_list("action", flat=True))
    assert {AuditAction.CREATE, AuditAction.VIEW} <= actions
    view = entries.filter(action=AuditAction.VIEW, what="the record's overview").get()
    assert view.username == "alice" and view.role == "frontline_worker"
    assert view.path == reverse("person:overview", args=[mary.council_id])


def test_refused_access_is_audited_too(as_user, bob, mary):
    as_user(bob).get(reverse("person:overview", args=[mary.council_id]))
    assert AuditEntry.objects.filter(person=mary, user=bob, action=AuditAction.DENIED).exists()


def test_team_leader_reads_who_has_seen_the_record(as_user, alice, lena, mary):
    as_user(alice).get(reverse("person:overview", args=[mary.council_id]))
    page = as_user(lena).get(reverse("person:audit", args=[mary.council_id]))
    assert page.status_code == 200 and "alice" in page.text


def test_audit_entries_cannot_be_changed_or_deleted_through_the_application(alice, mary):
    entry = AuditEntry.objects.filter(person=mary).first()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(detail="nothing to see")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    entry.detail = "rewritten"
    with pytest.raises(AppendOnlyError):
        entry.save()
    assert AuditEntry.objects.get(pk=entry.pk).detail != "rewritten"


def test_the_database_itself_refuses_to_change_audit_entries(alice, mary):
    entry = AuditEntry.objects.filter(person=mary).first()
    table = AuditEntry._meta.db_table
    for sql in (f"UPDATE {table} SET detail = 'x'", f"DELETE FROM {table}"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEntry.objects.get(pk=entry.pk).detail == entry.detail


def test_csrf_is_enforced(alice, mary):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(
        reverse("outcomes:create", args=[mary.council_id]), {"words": "x", "words_by": "person"}
    )
    assert response.status_code == 403
    assert not mary.outcomes.exists()


def test_production_settings_pass_the_deployment_check(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", OWNER)},
        "DJANGO_SETTINGS_MODULE": "whatmatters.site.settings.production",
        "WHATMATTERS_SECRET_KEY": os.urandom(48).hex(),
        "WHATMATTERS_ALLOWED_HOSTS": "casework.example.gov.uk",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "WHATMATTERS_HOME": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("WHATMATTERS_SECRET_KEY", OWNER)},
        "DJANGO_SETTINGS_MODULE": "whatmatters.site.settings.production",
        "WHATMATTERS_ALLOWED_HOSTS": "casework.example.gov.uk",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "WHATMATTERS_SECRET_KEY must be set" in result.stderr


def test_login_throttling_locks_out_repeated_failures(client, alice):
    from tests.casework.fixtures import PASSWORD

    login = reverse("login")
    for _ in range(5):
        failed = client.post(login, {"username": "alice", "password": "wrong password"})
        assert failed.status_code in (200, 429)
    locked = client.post(login, {"username": "alice", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Too many attempts to sign in" in locked.text
    assert "_auth_user_id" not in client.session


def test_sign_in_works_and_a_wrong_password_is_named(client, alice):
    from tests.casework.fixtures import PASSWORD

    wrong = client.post(reverse("login"), {"username": "alice", "password": "nope"})
    assert wrong.status_code == 200 and 'href="#id_username"' in wrong.text
    right = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert right.status_code == 302


def test_oversized_input_is_refused_without_a_server_error(as_user, alice, mary):
    response = as_user(alice).post(
        reverse("outcomes:create", args=[mary.council_id]),
        {"words": "x" * (600 * 1024), "words_by": "person"},
    )
    assert response.status_code == 400
    assert "could not accept" in response.text
    assert not mary.outcomes.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"words": "x" * 5001, "words_by": "person"}, "words"),
        ({"words": "null \x00 byte", "words_by": "person"}, "words"),
        ({"words": "fine", "words_by": "the cat"}, "words_by"),
        ({"words": "fine", "words_by": "person", "area": "x" * 300}, "area"),
    ],
)
def test_malformed_input_is_named_in_the_error_summary(as_user, alice, mary, data, field):
    response = as_user(alice).post(reverse("outcomes:create", args=[mary.council_id]), data)
    assert response.status_code == 200
    assert f'href="#id_{field}' in response.text
    assert not mary.outcomes.exists()


@pytest.mark.parametrize(
    "address",
    [
        "/people/P0000001/what-matters/999999/",
        "/people/NOPE/",
        "/people/?q=" + "9" * 5000,
        "/people/team/?page=abc",
        "/people/P0000001/story/versions/99999999999999999999/",
    ],
)
def test_odd_addresses_answer_without_a_server_error(as_user, alice, mary, address):
    assert as_user(alice).get(address).status_code in (200, 404)


def test_no_secret_is_in_the_repository():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=REPOSITORY, capture_output=True, text=True, check=True
    ).stdout.split()
    offenders = []
    for name in tracked:
        path = REPOSITORY / name
        if path == Path(__file__) or path.suffix not in {".py", ".toml", ".json", ".md", ".html"}:
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        if "django-insecure" in text or 'SECRET_KEY = "' in text or "SECRET_KEY = '" in text:
            offenders.append(name)
    assert not offenders


def test_a_stale_form_gets_the_services_own_page_not_djangos(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    page = client.post(reverse("people:create"), {"first_name": "A", "last_name": "B"})
    assert page.status_code == 403
    assert "The form could not be saved" in page.text and "CSRF" not in page.text
    client.cookies["django_language"] = "cy"
    welsh = client.post(reverse("people:create"), {"first_name": "A", "last_name": "B"})
    assert "Nid oedd modd cadw'r ffurflen" in welsh.text
