"""Browser tests: Playwright driving Debian's Chromium against a live casework server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.casework.fixtures import *  # noqa: F403
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
    context = chromium.new_context(base_url=site, viewport={"width": 1200, "height": 900})
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

    def check() -> None:
        page.add_script_tag(content=axe_source)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:3])
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not serious, f"{page.url}: {serious}"

    return check


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
