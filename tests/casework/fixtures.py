"""Casework test fixtures: a fixed cast of teams and staff, and people.

Shared by tests/casework and tests/browser through their conftest files.
"""

from __future__ import annotations

import datetime
import gc
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from whatmatters.casework.access.models import Team
from whatmatters.casework.access.roles import Role
from whatmatters.casework.administration.services import create_staff
from whatmatters.casework.audit import rights, triggers
from whatmatters.casework.outcomes.services import record_outcome
from whatmatters.casework.people.services import create_person
from whatmatters.casework.plans.services import add_action, make_plan

PASSWORD = "correct horse battery staple"


def database_url() -> str:
    """The URL of the database the tests write (SQLite file or PostgreSQL)."""
    from django.db import connection

    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    return f"postgresql://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


@pytest.fixture
def north(db):
    return Team.objects.create(name="North Community Team")


@pytest.fixture
def south(db):
    return Team.objects.create(name="South Community Team")


def _staff(username, role, team=None):
    return create_staff(
        username=username,
        password=PASSWORD,
        role=role,
        team=team,
        first_name=username.capitalize(),
        last_name="Tester",
    )


@pytest.fixture
def alice(north):
    """A frontline worker in North."""
    return _staff("alice", Role.FRONTLINE_WORKER, north)


@pytest.fixture
def bob(south):
    """A frontline worker in South."""
    return _staff("bob", Role.FRONTLINE_WORKER, south)


@pytest.fixture
def lena(north):
    """North's team leader."""
    return _staff("lena", Role.TEAM_LEADER, north)


@pytest.fixture
def ana(db):
    """An analyst."""
    return _staff("ana", Role.ANALYST)


@pytest.fixture
def adam(db):
    """An administrator."""
    return _staff("adam", Role.ADMINISTRATOR)


@pytest.fixture
def cast(alice, bob, lena, ana, adam):
    return {"alice": alice, "bob": bob, "lena": lena, "ana": ana, "adam": adam}


@pytest.fixture
def mary(alice):
    """A person allocated to North (and to Alice)."""
    return create_person(
        alice,
        {
            "first_name": "Mary",
            "last_name": "Jones",
            "date_of_birth": datetime.date(1941, 4, 3),
            "nhs_number": "9434765919",
            "gender": "Female",
            "postcode": "CF10 1AA",
        },
    )


@pytest.fixture
def as_user(client):
    """Sign the test client in as someone: ``as_user(alice)``."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker):
    """pytest-django's, with the owner's connection too: it creates and migrates
    the test database, and the application's connection (``default``, its
    test mirror: another database role on PostgreSQL) uses it, as a council's does."""
    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases

    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        databases = setup_databases(
            verbosity=verbosity, interactive=False, aliases={"default", rights.OWNER}
        )
    yield
    with django_db_blocker.unblock():
        connections.close_all()
        # Connections the commands under test opened through Ibis close when
        # collected; one still waiting in a reference cycle kept PostgreSQL from
        # dropping the test database ("being accessed by other users").
        gc.collect()
        teardown_databases(databases, verbosity=verbosity)
    _remove_sqlite_journal_files()


def _remove_sqlite_journal_files() -> None:
    """Django destroys a SQLite test database's file but not its write-ahead
    log and shared-memory files; left behind, they pile up in the temp folder."""
    from django.conf import settings

    owner = settings.DATABASES[rights.OWNER]
    if owner["ENGINE"].endswith("sqlite3"):
        for suffix in ("-wal", "-shm"):
            Path(f"{owner['TEST']['NAME']}{suffix}").unlink(missing_ok=True)


def empty_database() -> None:
    """Empty every table as the database's owner (the application's connection
    may not, on the audit table least of all), lifting the audit's triggers
    just for that."""
    from django.core.management.color import no_style
    from django.db import connections
    from django.db.utils import load_backend

    # A connection of its own: the test's own to the owner's alias is refused.
    settings_dict = connections[rights.OWNER].settings_dict
    owner = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(
        settings_dict, alias="owner, emptying the test database"
    )
    try:
        owner.set_autocommit(False)
        triggers.remove(owner)
        tables = owner.introspection.django_table_names(only_existing=True)
        with owner.cursor() as cursor:
            for sql in owner.ops.sql_flush(no_style(), tables, allow_cascade=True):
                cursor.execute(sql)
        triggers.install(owner)
        owner.commit()
    finally:
        owner.close()


def _commits(request) -> bool:
    """Whether the test's writes are committed (a transactional test)."""
    marker = request.node.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)):
        return True
    return bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def committed_rows_emptied_after(request, django_db_blocker):  # star-imported: no underscore
    """A transactional test leaves the database empty. Django empties only the
    owner's alias of a test it names (the application's is its mirror), so
    this does it, as the owner, after every test whose writes were committed."""
    yield
    if _commits(request):
        with django_db_blocker.unblock():
            empty_database()


@pytest.fixture
def audit_triggers_lifted_after(transactional_db):
    """Kept for the tests that name it: committed rows are emptied after
    every transactional test (``committed_rows_emptied_after``)."""


@pytest.fixture
def world(cast, mary):
    """Mary with a story, an outcome and a plan action: every page has something."""
    from whatmatters.casework.stories.sections import Section
    from whatmatters.casework.stories.services import record_conversation

    alice = cast["alice"]
    record_conversation(
        alice,
        mary,
        held_on=timezone.localdate(),
        supported_by="",
        texts={Section.MOST_IMPORTANT: "My garden"},
        opened_at_version=0,
    )
    outcome = record_outcome(alice, mary, words="Go shopping", words_by="person")
    plan = make_plan(alice, mary, made_with="", review_on=None)
    action = add_action(
        alice,
        plan,
        outcome=outcome,
        description="Lunch club",
        action_by="community",
        who="",
        when="Tuesdays",
    )
    return {
        "mary": mary.council_id,
        "outcome": outcome.pk,
        "action": action.pk,
        "alice_pk": alice.pk,
    }


def url(name, person, *args):
    """A person's page address: ``url("plans:review", mary)``."""
    return reverse(name, args=[person.council_id, *args])


@pytest.fixture
def client_alice(as_user, alice):
    """A client signed in as Alice, a frontline worker in North."""
    return as_user(alice)
