"""Following a plan through to its end, in a real browser: an action done
(and by whom), the work closed, the plan then read-only."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.casework.test_follow_through import PAID
from whatmatters.casework.plans.models import Action
from whatmatters.casework.plans.services import add_action

pytestmark = pytest.mark.browser


def test_an_action_done_then_the_work_closed_leaves_a_read_only_plan(
    page, check_accessibility, world, alice
):
    lunch = Action.objects.get(pk=world["action"])
    add_action(alice, lunch.plan, outcome=lunch.outcome, description="Home care", **PAID)
    plan = reverse("plans:plan", args=[world["mary"]])
    sign_in(page, "alice")
    page.goto(plan)
    page.get_by_role("link", name="Done Lunch club").click()
    expect(page.locator("h1")).to_have_text("Mark an action done")
    check_accessibility()
    page.get_by_role("button", name="Save").click()  # who did it: not said
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter who did it")
    page.get_by_label("Who did it").fill("Mary and her daughter Ann")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("by Mary and her daughter Ann")).to_be_visible()
    check_accessibility()

    page.goto(reverse("work:close", args=[world["mary"]]))
    page.get_by_label("NFA: Support declined").check()
    page.get_by_label("Reason, in words").fill("Mary is managing with her family now")
    expect(page.locator(".govuk-warning-text")).to_contain_text("Home care (a paid service)")
    check_accessibility()
    page.get_by_role("button", name="Close the work").click()
    expect(page.get_by_text("The work was closed")).to_be_visible()

    page.goto(plan)
    expect(page.get_by_text("the plan can be read but not changed")).to_be_visible()
    for link in ("Add an action", "Review the plan"):
        expect(page.get_by_role("link", name=link, exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile(r"^(Change|Done|End) "))).to_have_count(0)
    expect(page.get_by_text("ended when the work closed")).to_be_visible()
    check_accessibility()
