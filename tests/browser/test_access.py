"""In a real browser: the CSP lets the site's own scripts run and nothing else,
break-glass shows its banner, and every page fits a 320 px wide phone."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.casework.test_access import PAGES, _args
from whatmatters.casework.people.services import create_person

PHONE = {"width": 320, "height": 640}


@pytest.fixture
def strict(chromium, site):
    """A page that keeps the site's CSP (the shared fixture bypasses it for axe)."""
    context = chromium.new_context(base_url=site, viewport={"width": 1200, "height": 900})
    context.set_default_timeout(15_000)
    context.set_default_navigation_timeout(90_000)  # a cold server on a busy machine
    page = context.new_page()
    refused = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    yield page, refused
    context.close()


def test_the_sites_scripts_run_under_its_csp_and_an_inline_one_does_not(strict, alice):
    page, refused = strict
    sign_in(page, "alice")
    expect(page.locator("body.js-enabled")).to_have_count(1)  # enable-js.js ran
    page.set_viewport_size(PHONE)
    page.locator(".govuk-service-navigation__toggle").wait_for(state="visible")  # init.js ran
    assert not refused, refused
    page.evaluate(
        """() => { const s = document.createElement('script');
                   s.textContent = 'window.injected = true'; document.body.append(s); }"""
    )
    assert page.evaluate("() => window.injected === undefined")
    assert refused  # the browser refused it, and said so


DOWNLOADS = {"exports:download"}  # files, not pages


def _pages_for(role: str) -> list[str]:
    return [
        name
        for name, (_, expected) in sorted(PAGES.items())
        if expected[role] == 200 and name not in DOWNLOADS
    ]


def test_every_page_fits_a_320_pixel_wide_screen(strict, world, alice, lena, adam):
    page, refused = strict
    planless = create_person(alice, {"first_name": "Tom", "last_name": "Price"}).council_id
    too_wide = {}
    for role in ("alice", "lena", "adam"):
        page.set_viewport_size({"width": 1200, "height": 900})
        sign_in(page, role)
        page.set_viewport_size(PHONE)
        for name in _pages_for(role):
            symbols, _ = PAGES[name]
            args = [planless] if name == "plans:make" else _args(symbols, world)
            page.goto(reverse(name, args=args), timeout=300_000)  # measures: the check
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide[name] = (width, _widest(page))
        page.context.clear_cookies()
    assert not too_wide, f"wider than {PHONE['width']} px: {too_wide}"
    assert not refused, refused


def test_break_glass_shows_its_banner_in_the_browser(strict, bob, world):
    page, _ = strict
    sign_in(page, "bob")
    page.goto(reverse("person:break_glass", args=[world["mary"]]))
    page.get_by_label("Why do you need to see this person's record?").fill(
        "Her daughter rang South in distress; North is closed today"
    )
    page.get_by_role("button", name="Open the record").click()
    expect(page.get_by_role("region", name="Break-glass access")).to_contain_text("until")
    expect(page.get_by_role("link", name="Pass the work on")).to_have_count(0)


def _widest(page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > 321 || e.scrollWidth > e.clientWidth + 1)
            .map(e => e.tagName + '.' + String(e.className.baseVal ?? e.className) + ' '
                 + Math.round(e.getBoundingClientRect().right) + '/' + e.scrollWidth)
            .slice(0, 8)"""
    )
