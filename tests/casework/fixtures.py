"""Casework test fixtures: a fixed cast of teams and staff, and people.

Shared by tests/casework and tests/browser through their conftest files.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from whatmatters.casework.access.models import Team
from whatmatters.casework.access.roles import Role
from whatmatters.casework.administration.services import create_staff
from whatmatters.casework.audit import triggers
from whatmatters.casework.outcomes.services import record_outcome
from whatmatters.casework.people.services import create_person
from whatmatters.casework.plans.services import add_action, make_plan

PASSWORD = "correct horse battery staple"


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


@pytest.fixture
def audit_triggers_lifted_after(transactional_db):
    """Transactional tests empty the database afterwards: lift the audit log's
    append-only triggers just for that, and put them back first."""
    from django.db import connection

    triggers.install(connection)
    yield
    triggers.remove(connection)


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
