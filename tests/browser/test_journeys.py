"""A worker's day, in a real browser, with an accessibility scan of every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import follow, sign_in

pytestmark = pytest.mark.browser


def test_a_worker_walks_the_what_matters_way(page, check_accessibility, alice, lena, south):
    sign_in(page, "alice")
    check_accessibility()

    # Find the person; they are not known, so add them (the duplicate check runs first).
    follow(page, "Find a person")
    page.get_by_label("Name, date of birth, NHS number or council ID").fill("Price 1/2/1950")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("No one found.")).to_be_visible()
    check_accessibility()
    follow(page, "Add a new person")
    page.get_by_label("First name", exact=True).fill("Tom")
    page.get_by_label("Last name", exact=True).fill("Price")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("1950")
    page.get_by_label("NHS number (optional)").fill("943 476 5918")
    page.get_by_role("button", name="Save").click()
    # A mistyped NHS number is named in the error summary and focuses the field.
    expect(page.locator(".govuk-error-summary")).to_contain_text("not a valid NHS number")
    check_accessibility()
    page.get_by_label("NHS number (optional)").fill("943 476 5919")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_have_text("Tom Price")
    check_accessibility()

    # The conversation, in his own words.
    follow(page, "Record a conversation")
    check_accessibility()
    page.get_by_label("Who supported the person to tell their story (optional)").fill("His son Joe")
    page.get_by_label("What is most important to me").fill("Getting to the shops and the pub quiz")
    page.get_by_label("People who are important to me").fill("Joe, and my neighbour Bet")
    page.get_by_role("button", name="Add to the story").click()
    expect(page.get_by_text("Getting to the shops and the pub quiz")).to_be_visible()
    check_accessibility()

    # What matters.
    follow(page, "Overview")
    follow(page, "Add what matters")
    page.get_by_label("What matters, in the person's words").fill("I would like to go shopping")
    page.get_by_label("The person's own words").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("What matters was recorded")).to_be_visible()
    check_accessibility()

    # The plan: a community action and a paid service.
    follow(page, "Make a plan with the person")
    check_accessibility()
    page.get_by_label("Who made the plan with the person").fill("Tom, Joe and me")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_have_text("The plan")
    follow(page, "Add an action")
    check_accessibility()
    page.get_by_label("I would like to go shopping").check()
    page.get_by_label("What will be done").fill("Lunch club, then the shops with friends")
    page.get_by_label("A community group").check()
    page.get_by_label("Name of the person, group or provider (optional)").fill("Tuesday Lunch Club")
    page.get_by_label("When", exact=True).fill("Every Tuesday")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The action was added to the plan")).to_be_visible()
    follow(page, "Add an action")
    page.get_by_label("I would like to go shopping").check()
    page.get_by_label("What will be done").fill("Help to get ready on Tuesday mornings")
    # The service's CLD details are revealed only for a paid service.
    expect(page.get_by_label("Service type (CLD)")).to_be_hidden()
    page.get_by_label("A paid service").check()
    expect(page.get_by_label("Service type (CLD)")).to_be_visible()
    page.get_by_label("When", exact=True).fill("Tuesday mornings")
    page.get_by_label("Service type (CLD)").select_option("Long term support: Community")
    page.get_by_label("Service component (CLD)").select_option("Home support or domiciliary care")
    page.get_by_label("Hours a week").fill("2")
    page.get_by_label("Unit cost (£)").fill("22.50")
    page.get_by_label("Cost frequency (unit type)").select_option("Hourly")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("£45.00")
    expect(page.locator("main")).to_contain_text("Tuesday Lunch Club")
    check_accessibility()

    # A failure-demand contact.
    follow(page, "Contacts")
    follow(page, "Log a contact")
    page.get_by_label("Phone").check()
    page.get_by_label("Family").check()
    page.get_by_label("What they said, in their own words").fill("Nobody rang me back")
    page.get_by_label("Failure demand: caused by us").check()
    page.get_by_label("If failure demand: what failed?").select_option("chasing")
    first_point = page.get_by_role("group", name="Was it resolved at this first")
    first_point.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Nobody rang me back")).to_be_visible()
    check_accessibility()

    # His rating, then what matters achieved as he sees it.
    follow(page, "Overview")
    follow(page, "I would like to go shopping")
    check_accessibility()
    follow(page, "Record the person's rating")
    page.get_by_label("8").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    follow(page, "Change the status")
    check_accessibility()
    page.get_by_label("Achieved, as the person sees it").check()
    page.get_by_label("The person says this is achieved").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-tag").first).to_have_text("Achieved, as the person sees it")

    # The timeline shows it all.
    follow(page, "Timeline")
    timeline = page.locator(".moj-timeline")
    for step in ("What matters achieved", "Contact", "Service", "What matters conversation"):
        expect(timeline).to_contain_text(step)
    check_accessibility()

    # Pass the work on, with a reason; it is then South's, not Alice's.
    follow(page, "Overview")
    follow(page, "Pass the work on")
    check_accessibility()
    page.get_by_label("Pass the work to which team?").select_option(label="South Community Team")
    page.get_by_label("Why is the work being passed on?").fill("Tom moved to Penarth")
    page.get_by_role("button", name="Pass the work on").click()
    # Alice lands on her own list, told where the work went and why; the
    # record is no longer hers to open.
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Work for Tom Price passed to South Community Team: Tom moved to Penarth"
    )
    expect(page.get_by_role("link", name="Tom Price")).to_have_count(0)
    check_accessibility()

    # The measures.
    follow(page, "Measures")
    expect(page.locator("main")).to_contain_text("Failure demand")
    check_accessibility()


def test_an_analyst_sees_pseudonymised_measures_only(page, check_accessibility, ana):
    sign_in(page, "ana")
    expect(page.get_by_text("Pseudonymised")).to_be_visible()
    check_accessibility()
    page.goto("/people/")
    expect(page.get_by_role("heading", name="You cannot do this")).to_be_visible()


def test_a_wrong_password_is_named(page, check_accessibility, alice):
    sign_in(page, "alice", "not the password")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessibility()


def test_welsh_pages_are_accessible_too(page, check_accessibility, alice):
    sign_in(page, "alice")
    page.get_by_role("link", name="Cymraeg").click()
    expect(page.get_by_role("link", name="Pobl", exact=True)).to_be_visible()
    check_accessibility()


def test_paid_service_fields_show_without_javascript(chromium, site, world):
    context = chromium.new_context(base_url=site, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, "alice")
        page.goto(f"/people/{world['mary']}/plan/actions/new/")
        expect(page.get_by_label("Service type (CLD)")).to_be_visible()
    finally:
        context.close()
