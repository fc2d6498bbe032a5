"""The demo council: built from a journal, with a sign-in for every role."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from whatmatters.casework.demo.build import build
from whatmatters.casework.demo.fixture import small_council_journal
from whatmatters.casework.journal.models import JournalRow
from whatmatters.casework.people.models import Person


@pytest.fixture
def demo(db):
    return build(people=40, seed=3)


def test_the_fixture_is_deterministic():
    assert small_council_journal(20, seed=5).equals(small_council_journal(20, seed=5))


def test_demo_has_history_staff_and_people_worked_the_what_matters_way(demo, client):
    assert demo.imported.people == 40
    assert JournalRow.objects.filter(source="demo").count() == demo.imported.rows
    assert {login.username for login in demo.logins} == {"worker", "leader", "analyst", "admin"}
    worker = get_user_model().objects.get(username="worker")
    client.force_login(worker)
    team = client.get(reverse("people:mine"))
    assert team.status_code == 200
    for council_id in demo.showcase:
        overview = client.get(reverse("person:overview", args=[council_id]))
        assert overview.status_code == 200 and "Every Tuesday" in overview.text
        assert client.get(reverse("plans:plan", args=[council_id])).status_code == 200
    imported = Person.objects.filter(team=worker.staff.team, worker=None).first()
    timeline = client.get(reverse("person:timeline", args=[imported.council_id]))
    assert timeline.status_code == 200 and "Contact" in timeline.text
    assert client.get(reverse("measures:index")).status_code == 200


def test_signing_in_with_the_printed_password_works(demo, client):
    login = next(item for item in demo.logins if item.username == "analyst")
    response = client.post(
        reverse("login"), {"username": login.username, "password": login.password}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("measures:index")


def test_running_the_demo_again_keeps_the_data_and_changes_passwords(demo):
    again = build(people=40, seed=3)
    assert again.imported is None
    assert Person.objects.count() == 40 + len(demo.showcase)
    before = {item.username: item.password for item in demo.logins}
    assert all(before[item.username] != item.password for item in again.logins)
