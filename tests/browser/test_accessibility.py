"""axe-core on every page of the application, as the role that uses it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.conftest import sign_in
from tests.casework.test_access import DOWNLOADS, PAGES, _args
from whatmatters.casework.people.services import create_person

pytestmark = pytest.mark.browser


def test_the_scan_finds_violations_when_there_are_some(page, check_accessibility):
    page.set_content("<html><body><img src='x.png'><input type='text'></body></html>")
    with pytest.raises(AssertionError, match="image-alt"):
        check_accessibility()


def test_only_govuks_own_conditional_reveal_attribute_is_let_pass(page, check_accessibility):
    govuk = '<input class="govuk-radios__input" type="radio" id="r" aria-expanded="false">'
    page.set_content(
        f"<html lang='en'><title>T</title><body><main>{govuk}<label for='r'>A</label></main></body>"
    )
    check_accessibility()
    other = '<input type="radio" id="r" aria-expanded="false">'
    page.set_content(
        f"<html lang='en'><title>T</title><body><main>{other}<label for='r'>A</label></main></body>"
    )
    with pytest.raises(AssertionError, match="aria-allowed-attr"):
        check_accessibility()


def _pages_for(role: str):
    # 302: a page that sends on in the shared world (Mary's plan is made), scanned below
    return [
        name
        for name, (_, expected) in sorted(PAGES.items())
        if expected[role] in (200, 302) and name not in DOWNLOADS
    ]


def test_every_page_has_no_serious_accessibility_violation(page, check_accessibility, world, alice):
    # "Make a plan" shows its form only for someone whose work has no plan yet.
    planless = create_person(alice, {"first_name": "Tom", "last_name": "Price"}).council_id
    visited = []
    for role in ("alice", "lena", "ana", "adam"):
        sign_in(page, role)
        for name in _pages_for(role):
            symbols, _ = PAGES[name]
            args = [planless] if name == "plans:make" else _args(symbols, world)
            address = reverse(name, args=args)
            response = page.goto(address)
            assert response.status == 200, address
            check_accessibility()
            visited.append(name)
        page.context.clear_cookies()
    # every page a browser can open (actions that answer only a form's POST have no page)
    post_only = {name for name, (_, expected) in PAGES.items() if 405 in expected.values()}
    assert set(visited) == set(PAGES) - DOWNLOADS - post_only
    for address in ("/sign-in/", "/people/NOPE/"):
        page.goto(address)
        check_accessibility()
