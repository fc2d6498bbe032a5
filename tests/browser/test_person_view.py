"""The person's own view in a browser: a worker invites; the person reads and adds on a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_scan, follow, sign_in
from whatmatters.casework.audit.models import AuditAction, AuditEntry
from whatmatters.casework.person_view.audit import PERSON_ROLE
from whatmatters.casework.person_view.models import Invitation, TheirWords

pytestmark = pytest.mark.browser

CHAPEL = "I want to get back to chapel on Sundays"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(chromium, site):
    """The person's own phone: a browser of their own, 390 px wide."""
    # bypass_csp only so the test can inject axe-core, as the page fixture does
    context = chromium.new_context(
        base_url=site, viewport=PHONE, is_mobile=True, has_touch=True, bypass_csp=True
    )
    context.set_default_timeout(15_000)
    yield context
    context.close()


def _invite(page, mary) -> tuple[str, str]:
    page.goto(f"/people/{mary.council_id}/")
    follow(page, "Invite the person to see their record")
    page.get_by_label("Who is the invitation for?").fill("Mary")
    page.get_by_label("Cymraeg").check()
    page.get_by_role("button", name="Make the invitation").click()
    expect(page.locator("h1")).to_have_text("Invitation made")
    return page.locator("#invitation-link").input_value(), page.locator(
        "#invitation-code"
    ).inner_text()


def _fits(page) -> None:
    """Nothing wider than the phone: no sideways scrolling."""
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def test_a_person_reads_their_plan_in_welsh_and_adds_their_own_words(
    page, phone, check_accessibility, axe_source, world, mary
):
    sign_in(page, "alice")
    link, code = _invite(page, mary)
    check_accessibility()

    # Mary, on her phone: the link, then the code her worker read out.
    theirs = phone.new_page()
    theirs.goto(link)
    axe_scan(theirs, axe_source)
    theirs.get_by_label("Cod", exact=True).fill(code)
    theirs.get_by_role("button", name="Parhau").click()
    expect(theirs.locator("html")).to_have_attribute("lang", "cy")
    expect(theirs.get_by_role("heading", name="Fy stori")).to_be_visible()
    expect(theirs.get_by_role("heading", name="Fy nghynllun")).to_be_visible()
    expect(theirs.locator("main")).to_contain_text("Lunch club")
    expect(theirs.locator("main")).to_contain_text("My garden")
    _fits(theirs)
    axe_scan(theirs, axe_source)

    theirs.get_by_role("link", name="Ychwanegu yn fy ngeiriau fy hun").first.click()
    expect(theirs.locator("h1")).to_have_text("Ychwanegu yn fy ngeiriau fy hun")
    axe_scan(theirs, axe_source)
    theirs.get_by_label("Rhywbeth sy’n bwysig i mi").check()
    theirs.get_by_label("Yn eich geiriau eich hun").fill(CHAPEL)
    theirs.get_by_role("button", name="Ei ychwanegu").click()
    expect(theirs.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(theirs.locator("main")).to_contain_text(CHAPEL)
    _fits(theirs)

    theirs.get_by_role("link", name="Pwy sydd wedi edrych ar fy nghofnod").click()
    expect(theirs.locator("main")).to_contain_text("Alice Tester")
    _fits(theirs)
    axe_scan(theirs, axe_source)

    # The worker sees Mary's words marked as hers.
    page.goto(f"/people/{mary.council_id}/")
    words = page.locator("main li", has_text=CHAPEL)
    expect(words).to_contain_text("The person's own words")
    assert TheirWords.objects.get().text == CHAPEL

    # Revoked: Mary's next page says so.
    follow(page, "Invite the person to see their record")
    page.get_by_role("button", name=re.compile("^Revoke")).click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("revoked")
    theirs.reload()
    expect(theirs.locator("h1")).to_have_text("Ni ellir defnyddio’r gwahoddiad hwn")

    # Every step is in the audit log.
    entries = AuditEntry.objects.filter(person=mary)
    by_worker = set(entries.filter(username="alice").values_list("what", flat=True))
    assert {
        "Invited the person to see their own record",
        "Revoked an invitation to the person's own view",
    } <= by_worker
    assert entries.filter(username="alice", action=AuditAction.VIEW).exists()
    by_person = set(entries.filter(role=PERSON_ROLE).values_list("what", flat=True))
    assert {
        "Signed in with the invitation",
        "Read their own record",
        "Added to their record in their own words",
        "Read who has looked at their record",
    } <= by_person
    assert entries.filter(action=AuditAction.CREATE, role=PERSON_ROLE).count() == 1
    assert entries.filter(what="Turned away: the invitation was revoked").exists()


def test_an_expired_invitation_lets_no_one_in(page, phone, axe_source, world, mary):
    sign_in(page, "alice")
    link, code = _invite(page, mary)
    theirs = phone.new_page()
    theirs.goto(link)
    theirs.get_by_label("Cod", exact=True).fill(code)
    theirs.get_by_role("button", name="Parhau").click()
    expect(theirs.get_by_role("heading", name="Fy stori")).to_be_visible()
    Invitation.objects.update(expires_at="2000-01-01T00:00Z")
    theirs.reload()
    expect(theirs.locator("h1")).to_have_text("Ni ellir defnyddio’r gwahoddiad hwn")
    axe_scan(theirs, axe_source)
    assert AuditEntry.objects.filter(what="Turned away: the invitation had expired").exists()
    page.reload()
    expect(page.locator("main table")).to_contain_text("Expired")


def test_my_plan_prints_as_one_clean_page(page, phone, world, mary):
    sign_in(page, "alice")
    page.goto(f"/people/{mary.council_id}/their-view/my-plan/")
    expect(page.locator("h1")).to_contain_text("My plan")
    page.emulate_media(media="print")
    for hidden in (".govuk-service-navigation", ".moj-sub-navigation", ".govuk-footer", "header"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator("main")).to_contain_text("Lunch club")
    # No link prints its address after its words.
    addresses = page.evaluate(
        """() => [...document.querySelectorAll('a[href]')]
             .map(a => getComputedStyle(a, '::after').content)
             .filter(c => c && c !== 'none' && c !== 'normal')"""
    )
    assert addresses == []
    visible_buttons = page.evaluate(
        "() => [...document.querySelectorAll('button, .govuk-button')]"
        ".filter(b => b.offsetParent !== null).length"
    )
    assert visible_buttons == 0
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, "My plan must print on one page"


def test_the_workers_pages_for_the_persons_view_and_exports_pass_axe(
    page, check_accessibility, world, mary
):
    sign_in(page, "alice")
    for address in ("their-view/invitations/", "their-view/their-words/", "their-view/my-plan/",
                    "export/"):  # fmt: skip
        response = page.goto(f"/people/{mary.council_id}/{address}")
        assert response.status == 200, address
        check_accessibility()
