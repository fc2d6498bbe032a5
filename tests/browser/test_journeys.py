"""A worker's day, in a real browser, with an accessibility scan of every page."""

from __future__ import annotations

import pytest

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_a_worker_walks_the_what_matters_way(page, check_accessibility, alice, lena, south):
    sign_in(page, "alice")
    check_accessibility()

    # Find the person; they are not known, so add them (the duplicate check runs first).
    page.get_by_role("link", name="Find a person").click()
    page.get_by_label("Name, date of birth, NHS number or council ID").fill("Price 1/2/1950")
    page.get_by_role("button", name="Search").click()
    assert page.get_by_text("No one found.").is_visible()
    check_accessibility()
    page.get_by_role("link", name="Add a new person").click()
    page.get_by_label("First name", exact=True).fill("Tom")
    page.get_by_label("Last name", exact=True).fill("Price")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("1950")
    page.get_by_label("NHS number (optional)").fill("943 476 5918")
    page.get_by_role("button", name="Save").click()
    # A mistyped NHS number is named in the error summary and focuses the field.
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible() and "not a valid NHS number" in summary.inner_text()
    check_accessibility()
    page.get_by_label("NHS number (optional)").fill("943 476 5919")
    page.get_by_role("button", name="Save").click()
    assert page.locator("h1").inner_text() == "Tom Price"
    check_accessibility()

    # The conversation, in his own words.
    page.get_by_role("link", name="Record a conversation").first.click()
    check_accessibility()
    page.get_by_label("Who supported the person to tell their story (optional)").fill("His son Joe")
    page.get_by_label("What is most important to me").fill("Getting to the shops and the pub quiz")
    page.get_by_label("People who are important to me").fill("Joe, and my neighbour Bet")
    page.get_by_role("button", name="Add to the story").click()
    assert page.get_by_text("Getting to the shops and the pub quiz").is_visible()
    check_accessibility()

    # What matters.
    page.get_by_role("link", name="Overview").click()
    page.get_by_role("link", name="Add what matters").click()
    page.get_by_label("What matters, in the person's words").fill("I would like to go shopping")
    page.get_by_label("The person's own words").check()
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("What matters was recorded").is_visible()
    check_accessibility()

    # The plan: a community action and a paid service.
    page.get_by_role("link", name="Make a plan with the person").click()
    check_accessibility()
    page.get_by_label("Who made the plan with the person").fill("Tom, Joe and me")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add an action").click()
    check_accessibility()
    page.get_by_label("I would like to go shopping").check()
    page.get_by_label("What will be done").fill("Lunch club, then the shops with friends")
    page.get_by_label("A community group").check()
    page.get_by_label("Name of the person, group or provider (optional)").fill("Tuesday Lunch Club")
    page.get_by_label("When", exact=True).fill("Every Tuesday")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add an action").click()
    page.get_by_label("I would like to go shopping").check()
    page.get_by_label("What will be done").fill("Help to get ready on Tuesday mornings")
    page.get_by_label("A paid service").check()
    page.get_by_label("When", exact=True).fill("Tuesday mornings")
    page.get_by_label("Service type (CLD)").select_option("Long term support: Community")
    page.get_by_label("Service component (CLD)").select_option("Home support or domiciliary care")
    page.get_by_label("Hours a week").fill("2")
    page.get_by_label("Unit cost (£)").fill("22.50")
    page.get_by_label("Cost frequency (unit type)").select_option("Hourly")
    page.get_by_role("button", name="Save").click()
    plan = page.locator("main").inner_text()
    assert "Tuesday Lunch Club" in plan and "£45.00" in plan
    check_accessibility()

    # A failure-demand contact.
    page.get_by_role("link", name="Contacts").click()
    page.get_by_role("link", name="Log a contact").first.click()
    page.get_by_label("Phone").check()
    page.get_by_label("Family").check()
    page.get_by_label("What they said, in their own words").fill("Nobody rang me back")
    page.get_by_label("Failure demand: caused by us").check()
    page.get_by_label("If failure demand: what failed?").select_option("chasing")
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Nobody rang me back").is_visible()
    check_accessibility()

    # His rating, then what matters achieved as he sees it.
    page.get_by_role("link", name="Overview").click()
    page.get_by_role("link", name="I would like to go shopping").click()
    check_accessibility()
    page.get_by_role("link", name="Record the person's rating").click()
    page.get_by_label("8").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Change the status").click()
    check_accessibility()
    page.get_by_label("Achieved, as the person sees it").check()
    page.get_by_label("The person says this is achieved").check()
    page.get_by_role("button", name="Save").click()
    assert page.locator(".govuk-tag").first.inner_text() == "Achieved, as the person sees it"

    # The timeline shows it all.
    page.get_by_role("link", name="Timeline").click()
    timeline = page.locator(".moj-timeline").inner_text()
    for step in ("What matters achieved", "Contact", "Service", "What matters conversation"):
        assert step in timeline
    check_accessibility()

    # Pass the work on, with a reason; it is then South's, not Alice's.
    page.get_by_role("link", name="Overview").click()
    page.get_by_role("link", name="Pass the work on").click()
    check_accessibility()
    page.get_by_label("Pass the work to which team?").select_option(label="South Community Team")
    page.get_by_label("Why is the work being passed on?").fill("Tom moved to Penarth")
    page.get_by_role("button", name="Pass the work on").click()
    assert page.get_by_role("heading", name="Page not found").is_visible()

    # The measures.
    page.get_by_role("link", name="Measures").click()
    measures = page.locator("main").inner_text()
    assert "Failure demand" in measures
    check_accessibility()


def test_an_analyst_sees_pseudonymised_measures_only(page, check_accessibility, ana):
    sign_in(page, "ana")
    assert page.get_by_text("Pseudonymised").is_visible()
    check_accessibility()
    page.goto("/people/")
    assert page.get_by_role("heading", name="You cannot do this").is_visible()


def test_a_wrong_password_is_named(page, check_accessibility, alice):
    sign_in(page, "alice", "not the password")
    assert page.locator(".govuk-error-summary").is_visible()
    check_accessibility()


def test_welsh_pages_are_accessible_too(page, check_accessibility, alice):
    sign_in(page, "alice")
    page.get_by_role("link", name="Cymraeg").click()
    assert page.get_by_role("link", name="Pobl").is_visible()
    check_accessibility()
