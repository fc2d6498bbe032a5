"""The demo council: the synthetic council's history imported, a sign-in for every role."""

from __future__ import annotations

import datetime

import pyarrow.compute as pc
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from whatmatters.casework.demo.build import build, write_council_report
from whatmatters.casework.demo.history import DEMO_TEAM, council_history
from whatmatters.casework.journal_rows.models import JournalRow
from whatmatters.casework.people.models import Person

TODAY = datetime.date(2026, 5, 17)
POPULATION = 1_500


@pytest.fixture(scope="module")
def history():
    return council_history(POPULATION, seed=3, today=TODAY)


@pytest.fixture
def demo(transactional_db, tmp_path, monkeypatch):
    monkeypatch.setenv("WHATMATTERS_HOME", str(tmp_path))
    return build(population=POPULATION, seed=3, today=TODAY)


def test_the_history_is_the_synthetic_council_and_the_same_for_a_seed(history):
    assert history.equals(council_history(POPULATION, seed=3, today=TODAY))
    assert not history.equals(council_history(POPULATION, seed=4, today=TODAY))
    assert set(history["source"].to_pylist()) == {"synthetic"}
    # Four years ending at the start of this month, the last of them the what-matters way.
    assert pc.max(history["start"]).as_py() < datetime.datetime(2026, 5, 1)
    later = history.filter(pc.greater_equal(history["start"], datetime.datetime(2025, 6, 1)))
    assert DEMO_TEAM in later["team"].to_pylist()


def test_everyone_has_one_made_up_name(history):
    names = {
        (p, f, last)
        for p, f, last in zip(
            *(history[c].to_pylist() for c in ("person_id", "first_name", "last_name")),
            strict=True,
        )
    }
    people = {p for p, _, _ in names}
    assert len(names) == len(people)  # the same name on all of a person's rows
    assert all(f and last for _, f, last in names)


def test_demo_has_history_staff_and_people_worked_the_what_matters_way(demo, history, client):
    assert demo.imported.people == len(pc.unique(history["person_id"]))
    assert JournalRow.objects.filter(source="synthetic").count() == history.num_rows
    assert {login.username for login in demo.logins} == {"worker", "leader", "analyst", "admin"}
    worker = get_user_model().objects.get(username="worker")
    assert worker.staff.team.name == DEMO_TEAM
    client.force_login(worker)
    team = client.get(reverse("people:mine"))
    assert team.status_code == 200
    for council_id in demo.showcase:
        overview = client.get(reverse("person:overview", args=[council_id]))
        assert overview.status_code == 200 and "Every Tuesday" in overview.text
        assert client.get(reverse("plans:plan", args=[council_id])).status_code == 200
    imported = Person.objects.filter(team=worker.staff.team, worker=None).first()
    assert imported.full_name in team.text or team.context["page"].paginator.count > 50
    overview = client.get(reverse("person:overview", args=[imported.council_id])).text
    assert "earlier records from the council's other systems" in overview
    timeline = client.get(reverse("person:timeline", args=[imported.council_id]))
    assert timeline.status_code == 200 and "Contact" in timeline.text
    assert client.get(reverse("measures:index")).status_code == 200


def test_signing_in_with_the_printed_password_works(demo, client):
    login = next(item for item in demo.logins if item.username == "analyst")
    response = client.post(
        reverse("login"), {"username": login.username, "password": login.password}
    )
    assert response.status_code == 302
    assert client.get(response.url).url == reverse("measures:index")  # signed in
    # Printed to be copied: letters and digits only, none easily misread.
    assert all(item.password.isalnum() and len(item.password) == 16 for item in demo.logins)
    assert not any(set(item.password) & set("0O1lI") for item in demo.logins)


def test_running_the_demo_again_keeps_the_data_and_changes_passwords(demo):
    people = Person.objects.count()
    again = build(population=POPULATION, seed=3, today=TODAY)
    assert again.imported is None
    # The change to the what-matters way, a year before the start of the month built in.
    assert again.change_date == demo.change_date == datetime.date(2025, 5, 1)
    assert Person.objects.count() == people == demo.imported.people + len(demo.showcase)
    before = {item.username: item.password for item in demo.logins}
    assert all(before[item.username] != item.password for item in again.logins)


def test_the_demo_writes_the_check_report_on_the_council(demo, tmp_path):
    page = write_council_report(tmp_path / "report")
    text = page.read_text(encoding="utf-8")
    assert page == tmp_path / "report" / "index.html"
    assert "casework database" in text and "<svg" in text
    people = (tmp_path / "report" / "tables" / "people.csv").read_text().splitlines()
    assert 1 < len(people) <= demo.imported.people + len(demo.showcase) + 1  # the window's people
