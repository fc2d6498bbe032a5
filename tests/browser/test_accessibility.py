"""axe-core on every page of the application, as the role that uses it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.conftest import sign_in
from tests.casework.test_access import PAGES, _args

pytestmark = pytest.mark.browser


def test_the_scan_finds_violations_when_there_are_some(page, check_accessibility):
    page.set_content("<html><body><img src='x.png'><input type='text'></body></html>")
    with pytest.raises(AssertionError, match="image-alt"):
        check_accessibility()


def _pages_for(role: str):
    return [name for name, (_, expected) in sorted(PAGES.items()) if expected[role] == 200]


def test_every_page_has_no_serious_accessibility_violation(page, check_accessibility, world):
    visited = []
    for role in ("alice", "lena", "ana", "adam"):
        sign_in(page, role)
        for name in _pages_for(role):
            symbols, _ = PAGES[name]
            address = reverse(name, args=_args(symbols, world))
            response = page.goto(address)
            assert response.status == 200, address
            check_accessibility()
            visited.append(name)
        page.context.clear_cookies()
    assert set(visited) == set(PAGES)
    for address in ("/sign-in/", "/people/NOPE/"):
        page.goto(address)
        check_accessibility()
