"""The plan's forms refuse what cannot be so, in words next to the field."""

from __future__ import annotations

import datetime

import pytest

from tests.casework.fixtures import url
from whatmatters.casework.outcomes.services import record_outcome
from whatmatters.casework.plans.models import Action, Plan


@pytest.fixture
def outcome(alice, mary):
    return record_outcome(alice, mary, words="See my grandchildren", words_by="person")


def _parts(day: datetime.date, name: str) -> dict:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def test_a_piece_of_work_has_one_plan(client_alice, mary):
    first = client_alice.post(url("plans:make", mary), {"made_with": "Mary and me"})
    again = client_alice.post(url("plans:make", mary), {"made_with": "Mary and me"})
    assert first.status_code == again.status_code == 302
    assert again.url == url("plans:plan", mary)
    assert Plan.objects.filter(person=mary).count() == 1
    page = client_alice.get(again.url).text
    assert "This piece of work already has a plan" in page


def test_who_made_the_plan_is_needed(client_alice, mary):
    page = client_alice.post(url("plans:make", mary), {"made_with": ""})
    assert page.status_code == 200 and "Enter who made the plan with the person" in page.text
    assert not Plan.objects.filter(person=mary).exists()


def test_a_review_date_cannot_be_in_the_past(client_alice, mary):
    past = datetime.date.today() - datetime.timedelta(days=30)
    data = {"made_with": "Mary", **_parts(past, "review_on")}
    page = client_alice.post(url("plans:make", mary), data)
    assert "The date must be today or in the future" in page.text
    assert not Plan.objects.filter(person=mary).exists()


def _action(client, mary, outcome, **more):
    client.post(url("plans:make", mary), {"made_with": "Mary"})
    data = {
        "outcome": outcome.pk,
        "description": "Visit the grandchildren",
        "action_by": "family",
        "when": "Saturdays",
        **more,
    }
    return client.post(url("plans:add_action", mary), data)


def test_an_action_cannot_end_before_it_started_or_in_the_future(client_alice, mary, outcome):
    start = datetime.date.today() - datetime.timedelta(days=10)
    _action(client_alice, mary, outcome, **_parts(start, "starts_on"))
    action = Action.objects.get()
    before = client_alice.post(
        url("plans:end_action", mary, action.pk),
        _parts(start - datetime.timedelta(days=1), "ended_on"),
    )
    assert "The action cannot end before it started, on" in before.text
    later = client_alice.post(
        url("plans:end_action", mary, action.pk),
        _parts(datetime.date.today() + datetime.timedelta(days=1), "ended_on"),
    )
    assert "The date must be today or in the past" in later.text
    action.refresh_from_db()
    assert action.ended_on is None


def test_a_number_out_of_range_says_which_and_how(client_alice, mary, outcome):
    page = _action(
        client_alice,
        mary,
        outcome,
        action_by="paid_service",
        service_type="Long term support: Community",
        service_component="Home support or domiciliary care",
        cost_frequency="Hourly",
        unit_cost="20",
        hours_per_week="-1",
    ).text
    assert "Hours a week must be 0 or more" in page
    assert "Enter the hours a week of an hourly service" not in page  # no contradiction
    assert "Ensure this value" not in page
    assert not Action.objects.exists()


def test_a_missing_answer_is_asked_for_by_its_label(client_alice, mary, outcome):
    _action(client_alice, mary, outcome)
    page = client_alice.post(url("plans:review", mary), {"notes": ""}).text
    assert "Enter what the person said about the plan" in page
    assert "This field is required" not in page


def test_every_plan_page_has_a_heading_and_title(client_alice, mary, outcome):
    _action(client_alice, mary, outcome)
    action = Action.objects.get()
    pages = {
        url("plans:add_action", mary): "Add an action",
        url("plans:change_action", mary, action.pk): "Change an action",
        url("plans:end_action", mary, action.pk): "End an action",
        url("plans:review", mary): "Review the plan",
    }
    for address, heading in pages.items():
        page = client_alice.get(address).text
        assert f'<h1 class="govuk-heading-l">{heading}</h1>' in page, address
        assert f"<title>{heading} – " in page, address
