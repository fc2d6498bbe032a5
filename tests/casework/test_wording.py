"""The interface's words in English and Welsh: the timeline, form errors in
GOV.UK style (never Django's defaults), and the person's preferred language."""

from __future__ import annotations

from django.urls import reverse

from tests.casework.fixtures import url
from whatmatters.casework.outcomes.services import record_outcome
from whatmatters.casework.plans.services import add_action, make_plan

DJANGO_DEFAULTS = ("Ensure this value", "This field is required", "Sicrhewch fod")


def _welsh(client):
    client.cookies["django_language"] = "cy"
    return client


def test_the_timeline_says_who_a_plan_was_made_with_and_who_does_it(as_user, alice, mary):
    outcome = record_outcome(alice, mary, words="Chapel on Sundays", words_by="person")
    plan = make_plan(alice, mary, made_with="her son, Dafydd", review_on=None)
    add_action(
        alice, plan, outcome=outcome, description="A lift", action_by="family", who="", when=""
    )
    client = as_user(alice)
    english = client.get(url("person:timeline", mary)).text
    assert "Made with: her son, Dafydd" in english and "Done by family" in english
    welsh = _welsh(client).get(url("person:timeline", mary)).text
    assert "Wedi&#x27;i wneud gyda: her son, Dafydd" in welsh
    assert "Gwneir gan deulu" in welsh
    assert "made with:" not in welsh and "gan Teulu" not in welsh


def test_too_long_is_said_with_the_fields_label(as_user, alice):
    client = as_user(alice)
    data = {"first_name": "A" * 101, "last_name": "Jones", "postcode": "CF10 1AA 123"}
    english = client.post(reverse("people:create"), data).text
    assert "First name must be 100 characters or fewer" in english
    assert "Postcode must be 10 characters or fewer" in english
    welsh = _welsh(client).post(reverse("people:create"), data).text
    assert "Enw cyntaf: dim mwy na 100 nod" in welsh
    assert "Cod post: dim mwy na 10 nod" in welsh
    for page in (english, welsh):
        assert not any(default in page for default in DJANGO_DEFAULTS)


def test_a_year_too_long_is_asked_for_as_a_date(as_user, alice):
    data = {
        "first_name": "Ann",
        "last_name": "Jones",
        "date_of_birth_0": "3",
        "date_of_birth_1": "4",
        "date_of_birth_2": "19410",
    }
    page = as_user(alice).post(reverse("people:create"), data).text
    assert "Enter the date as numbers, like 27 3 1948" in page
    assert not any(default in page for default in DJANGO_DEFAULTS)


def test_sign_in_errors_are_in_govuk_words(client, db):
    page = client.post(reverse("login"), {"username": "", "password": ""}).text
    assert "Enter your username" in page and "Enter your password" in page
    assert not any(default in page for default in DJANGO_DEFAULTS)


def test_the_persons_preferred_language_is_kept_shown_and_changed(as_user, alice, mary):
    assert mary.preferred_language == "en" and mary.interface_language == "en-gb"
    client = as_user(alice)
    form = client.get(url("person:details", mary)).text
    assert "Which language does the person prefer?" in form and "Cymraeg" in form
    details = {
        "first_name": "Mary",
        "last_name": "Jones",
        "date_of_birth_0": "3",
        "date_of_birth_1": "4",
        "date_of_birth_2": "1941",
        "nhs_number": "9434765919",
        "gender": "Female",
        "postcode": "CF10 1AA",
        "preferred_language": "cy",
        "version": mary.version,
    }
    saved = client.post(url("person:details", mary), details)
    assert saved.status_code == 302
    mary.refresh_from_db()
    assert mary.preferred_language == "cy" and mary.interface_language == "cy"
    overview = client.get(url("person:overview", mary)).text
    assert '<span lang="cy">Cymraeg</span>' in overview
    refused = client.post(
        url("person:details", mary), {**details, "preferred_language": "fr", "version": 2}
    )
    assert refused.status_code == 200 and "Select" in refused.text


def test_the_audit_log_reads_in_welsh_too(as_user, alice, lena, mary):
    as_user(alice).get(url("person:overview", mary))
    page = _welsh(as_user(lena)).get(url("person:audit", mary)).text
    assert "trosolwg y cofnod" in page
