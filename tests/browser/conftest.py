"""Browser tests: Playwright driving Debian's Chromium against a live casework server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.casework.fixtures import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def chromium(django_db_setup):
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"Debian's Chromium is missing at {CHROMIUM}: scripts/install-test-needs")
    # Playwright's sync API runs an event loop in this thread; the tests' own
    # database calls (making users, emptying the database) are ordinary
    # blocking calls, which is safe, so Django is told not to refuse them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def site(live_server, audit_triggers_lifted_after):
    return live_server.url


@pytest.fixture
def page(chromium, site):
    # axe-core is added to the page as an inline script, which the site's CSP
    # refuses; the CSP itself is tested in a context of its own (test_access.py).
    context = chromium.new_context(
        base_url=site, viewport={"width": 1200, "height": 900}, bypass_csp=True
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run npm ci")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def check_accessibility(page, axe_source):
    """Run axe-core on the page; fail naming every serious or critical violation."""
    return lambda: axe_scan(page, axe_source)


def axe_scan(page, axe_source: str) -> None:
    """axe-core on any page (another browser context's too): serious or critical fail."""
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = []
    for v in result["violations"]:
        nodes = [n for n in v["nodes"] if not _govuk_conditional_reveal(v["id"], n)]
        if v["impact"] in ("serious", "critical") and nodes:
            targets = "; ".join(n["target"][0] if n["target"] else "?" for n in nodes[:3])
            serious.append(f"{v['id']} ({v['impact']}): {v['help']} — {targets}")
    assert not serious, f"{page.url}: {serious}"


def _govuk_conditional_reveal(rule: str, node: dict) -> bool:
    """GOV.UK Frontend's conditional reveal sets aria-expanded on the radio.

    ARIA does not list it for radios, so axe flags it; GOV.UK keeps it on
    purpose, as screen readers announce it (alphagov/govuk-frontend#979, a
    documented known issue). Only that attribute on such a radio is let pass.
    """
    if rule != "aria-allowed-attr" or "govuk-radios__input" not in node.get("html", ""):
        return False
    checks = [*node.get("any", []), *node.get("all", []), *node.get("none", [])]
    attributes = [a for c in checks for a in (c.get("data") or {}).get("values", [])]
    return bool(attributes) and all(a.startswith("aria-expanded=") for a in attributes)


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    """Sign in and wait for the page that follows (signed in, or the error summary)."""
    from playwright.sync_api import expect

    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(
        page.get_by_role("button", name="Sign out").or_(page.locator(".govuk-error-summary"))
    ).to_be_visible()


def follow(page, name: str) -> None:
    """Click the first link called ``name`` and wait until its page has loaded.

    A click only starts a navigation; asserting straight after it can read
    the page being left, so wait for the link's address.
    """
    link = page.get_by_role("link", name=name).first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(f"**{href.split('?')[0]}*")
