"""Access that cannot be stretched: break-glass is read-only and tells the
owning team, its page gives nothing away, headers on every page, idle
sessions end, sign-in throttling, and the audit log's words."""

from __future__ import annotations

import re
import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from tests.casework.fixtures import PASSWORD, url
from tests.casework.test_access import PAGES, _address
from whatmatters.casework.access.models import BreakGlassGrant
from whatmatters.casework.audit.models import AuditAction, AuditEntry
from whatmatters.site import idle
from whatmatters.site.paths import SITE_DIR

REASON = "Her daughter rang South in distress; North is closed today"
CASEWORK = SITE_DIR.parent / "casework"


@pytest.fixture
def bob_through_glass(as_user, bob, mary):
    client = as_user(bob)
    client.post(reverse("person:break_glass", args=[mary.council_id]), {"reason": REASON})
    assert BreakGlassGrant.objects.filter(user=bob, person=mary).exists()
    return client


# --- break-glass: read only, no ownership ---------------------------------


def test_break_glass_shows_its_end_on_every_page_of_the_person(bob_through_glass, bob, mary):
    grant = BreakGlassGrant.objects.get(user=bob, person=mary)
    from django.utils import timezone

    end = f"{timezone.localtime(grant.expires_at):%H:%M}"
    for name in ("person:overview", "person:timeline", "stories:current", "plans:plan"):
        page = bob_through_glass.get(url(name, mary))
        assert page.status_code == 200, name
        assert f"through break-glass access until {end}" in page.text, name


def test_break_glass_cannot_hand_off_to_oneself_close_or_edit(bob_through_glass, south, mary):
    north = mary.team
    attempts = {
        "handoffs:make": {"to_team": south.pk, "reason": "Moving her to South for good"},
        "work:close": {"how": "done", "reason": "Closing it"},
        "outcomes:create": {"words": "To see the sea", "words_by": "person"},
        "contacts:create": {"words": "She rang", "channel": "phone"},
        "person:details": {"first_name": "Maria", "last_name": "Jones"},
        "stories:record": {"held_on": "2026-01-01"},
    }
    for name, data in attempts.items():
        form = bob_through_glass.get(url(name, mary))
        sent = bob_through_glass.post(url(name, mary), data)
        assert (form.status_code, sent.status_code) == (403, 403), name
        assert "Break-glass access is read-only" in sent.text
    mary.refresh_from_db()
    assert mary.team == north and mary.first_name == "Mary"
    assert not mary.outcomes.exists()
    # The record still opens for its team, with everything in it.
    assert not AuditEntry.objects.filter(
        person=mary, action__in=[AuditAction.CREATE, AuditAction.CHANGE], username="bob"
    ).exists()


def test_break_glass_ends_and_the_work_stays_with_the_team(bob_through_glass, as_user, mary):
    BreakGlassGrant.objects.filter(person=mary).update(expires_at="2000-01-01T00:00Z")
    assert bob_through_glass.get(url("person:overview", mary)).status_code == 404


def test_the_owning_team_is_told_until_they_have_read_the_list(
    bob_through_glass, client, alice, mary
):
    client.force_login(alice)
    mine = client.get(reverse("people:mine"))
    assert "opened 1 of your team" in mine.text
    notices = client.get(reverse("break_glass_notices"))
    assert notices.status_code == 200
    assert (
        REASON in notices.text and "Bob Tester" in notices.text and mary.council_id in notices.text
    )
    assert "opened 1 of your team" not in client.get(reverse("people:mine")).text


def test_a_team_is_not_told_of_its_own_members_or_of_other_teams(bob_through_glass, as_user, bob):
    # Bob works in South: South's list does not show his opening of North's record.
    page = as_user(bob).get(reverse("break_glass_notices"))
    assert REASON not in page.text


# --- the break-glass page gives nothing away --------------------------------


def _masked(response) -> tuple[int, str]:
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.text)
    return response.status_code, body


@pytest.mark.parametrize("who", ["bob", "adam"])
def test_the_break_glass_page_answers_alike_for_a_missing_id(who, cast, mary, client):
    client.force_login(cast[who])
    real = client.get(reverse("person:break_glass", args=[mary.council_id]))
    missing = client.get(reverse("person:break_glass", args=["C9999999"]))
    real_body = _masked(real)[1].replace(mary.council_id, "ID")
    assert (real.status_code, real_body) == (
        missing.status_code,
        _masked(missing)[1].replace("C9999999", "ID"),
    )
    assert "Mary" not in real.text and mary.council_id not in _masked(real)[1].replace(
        reverse("person:break_glass", args=[mary.council_id]), ""
    )


def test_breaking_glass_on_a_missing_id_answers_as_for_a_real_one(as_user, bob, adam, mary):
    client = as_user(bob)
    sent = client.post(reverse("person:break_glass", args=["C9999999"]), {"reason": REASON})
    assert sent.status_code == 302 and sent.url == reverse("person:overview", args=["C9999999"])
    assert client.get(sent.url).status_code == 404
    probe = AuditEntry.objects.get(action=AuditAction.BREAK_GLASS, person=None)
    assert "C9999999" in probe.detail
    assert "C9999999" in as_user(adam).get(reverse("administration:audit")).text


# --- headers ----------------------------------------------------------------


@pytest.mark.parametrize("role", ["alice", "lena", "adam"])
def test_every_page_has_a_strict_csp_and_is_not_stored(role, client, cast, world):
    client.force_login(cast[role])
    for name in sorted(PAGES):
        response = client.get(_address(name, world))
        csp = response.headers.get("Content-Security-Policy", "")
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, name
        assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp, name
        assert "no-store" in response.headers.get("Cache-Control", ""), name


def test_the_sign_in_page_has_the_headers_too(client):
    response = client.get(reverse("login"))
    assert "no-store" in response.headers["Cache-Control"]
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_no_template_has_an_inline_script_or_handler():
    inline = []
    for template in [*SITE_DIR.rglob("*.html"), *CASEWORK.rglob("*.html")]:
        text = template.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\son[a-z]+\s*=", text):
            inline.append(str(template.relative_to(SITE_DIR.parent)))
    assert not inline, f"inline script or event handler in: {inline}"


# --- idle timeout -----------------------------------------------------------


def _age_session(client, **ages):
    session = client.session
    for key, seconds in ages.items():
        session[key] = time.time() - seconds
    session.save()


def test_a_session_ends_after_the_idle_period(as_user, alice, settings):
    client = as_user(alice)
    mine = reverse("people:mine")
    assert client.get(mine).status_code == 200
    _age_session(client, **{idle.LAST_SEEN: settings.WHATMATTERS_IDLE_MINUTES * 60 + 5})
    ended = client.get(mine)
    assert ended.status_code == 302 and ended.url.startswith(reverse("login"))
    assert SESSION_KEY not in client.session
    page = client.get(ended.url)
    assert (
        f"signed out after {settings.WHATMATTERS_IDLE_MINUTES} minutes without activity"
        in page.text
    )


def test_an_active_session_carries_on_until_the_working_day_ends(as_user, alice, settings):
    client = as_user(alice)
    mine = reverse("people:mine")
    _age_session(client, **{idle.LAST_SEEN: 60, idle.SIGNED_IN: 60})
    assert client.get(mine).status_code == 200
    _age_session(client, **{idle.LAST_SEEN: 60, idle.SIGNED_IN: settings.SESSION_COOKIE_AGE + 1})
    assert client.get(mine).status_code == 302


# --- sign-in throttling -----------------------------------------------------


def _sign_in(client, username, password, address):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_one_password_sprayed_over_twenty_usernames_is_throttled(client, alice):
    answers = [
        _sign_in(client, f"worker{n}", "Summer2026!", "203.0.113.7").status_code for n in range(20)
    ]
    assert answers[:10] == [200] * 10
    assert set(answers[10:]) == {429}
    # Even the right password, from there, waits; from elsewhere it works.
    assert _sign_in(client, "alice", PASSWORD, "203.0.113.7").status_code == 429
    assert _sign_in(client, "alice", PASSWORD, "198.51.100.4").status_code == 302


def test_a_colleague_behind_a_shared_address_is_not_locked_out(client, alice, bob):
    shared = "192.0.2.10"
    for _ in range(6):
        _sign_in(client, "bob", "not bob's password", shared)
    assert _sign_in(client, "bob", PASSWORD, "192.0.2.99").status_code == 429  # bob, anywhere
    assert _sign_in(client, "alice", PASSWORD, shared).status_code == 302


# --- the audit log's words --------------------------------------------------


def test_audit_entries_read_as_plain_words(bob_through_glass, as_user, alice, lena, world, mary):
    client = as_user(alice)
    for name in ("handoffs:make", "plans:add_action", "person:overview"):
        client.get(url(name, mary))
    words = list(AuditEntry.objects.values_list("what", flat=True))
    assert "the form to hand off the work" in words and "the form to add a plan action" in words
    assert all("_" not in w for w in words), words
    page = as_user(lena).get(url("person:audit", mary)).text
    assert "Viewed: the form to hand off the work" in page
    assert "Break-glass access: record opened for a stated reason" in page
    assert "Viewed: make" not in page and "break-glass access: break-glass" not in page.lower()


def test_every_page_of_a_person_is_audited_in_words_of_its_own():
    """A person's page missing from wording.PAGES would be audited by its route
    name ("Viewed: done action")."""
    from django.urls import URLPattern, URLResolver, get_resolver

    from whatmatters.casework.access.decorators import ACCESS_CHECK
    from whatmatters.casework.audit.wording import PAGES

    def routes(resolver, namespace=""):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from routes(entry, inner)
            elif isinstance(entry, URLPattern):
                yield f"{namespace}{entry.name}", entry.callback

    person_pages = {
        name
        for name, view in routes(get_resolver())
        if str(getattr(view, ACCESS_CHECK, "")).startswith("person:")
    }
    assert len(person_pages) > 20 and "plans:done_action" in person_pages
    assert person_pages - {"person:break_glass"} <= set(PAGES)


def test_changes_are_audited_in_plain_words_that_read_in_welsh_too(cast, mary):
    """Every entry a worker's changes write: its words are fixed plain words with
    a Welsh translation; which thing it was, and how, is in the detail, by number
    and by the form's own labels, never by a code name."""
    from django.utils import translation

    from tests.casework.record_builder import full_record

    before = set(AuditEntry.objects.values_list("pk", flat=True))
    full_record(cast["alice"], mary, cast["bob"], said="MARY")
    entries = AuditEntry.objects.exclude(pk__in=before).filter(user=cast["alice"])
    assert entries.count() >= 15
    for entry in entries:
        assert not re.search(r"[0-9_]", entry.what), entry.what
        assert "_" not in entry.detail, (entry.what, entry.detail)
        with translation.override("cy"):
            assert translation.gettext(entry.what) != entry.what, f"no Welsh: {entry.what}"
    details = dict(entries.values_list("what", "detail"))
    assert re.fullmatch(r"action \d+ of plan \d+", details["an action in the plan"])
    status = details["whether something that matters is achieved"]
    assert re.fullmatch(r"outcome \d+: Working on it → Changed", status), status
    assert details["the story, from a conversation"].startswith("version 1: What is most important")
    assert details["the plan, reviewed"].startswith("plan ")


# Refused access (decision 62): an attempt on a record one's team or grant does
# not give is audited as "Refused access", never as a view; a page that is not
# there, or that one's role does not have, writes nothing.


def test_refused_access_is_audited_as_refused_and_never_as_a_view(as_user, bob, lena, mary, world):
    client = as_user(bob)  # South: Mary is North's
    assert client.get(url("person:overview", mary)).status_code == 404
    client.post(reverse("person:break_glass", args=[mary.council_id]), {"reason": REASON})
    assert client.post(url("handoffs:make", mary), {"reason": "Mine now"}).status_code == 403
    bobs = AuditEntry.objects.filter(person=mary, user=bob)
    refused = list(bobs.filter(action=AuditAction.DENIED).order_by("pk").values("what", "detail"))
    assert refused == [
        {"what": "record not allocated to their team", "detail": ""},
        {
            "what": "a change through break-glass access, which only reads",
            "detail": "the form to hand off the work",
        },
    ]
    assert not bobs.filter(action=AuditAction.VIEW, path=url("handoffs:make", mary)).exists()
    assert not bobs.filter(action=AuditAction.VIEW, path=url("person:overview", mary)).exists()
    page = as_user(lena).get(url("person:audit", mary)).text
    assert "Refused access: record not allocated to their team" in page
    assert "Refused access: a change through break-glass access, which only reads" in page


def test_a_refused_or_missing_page_is_not_audited_as_a_view(as_user, alice, ana, mary, world):
    client = as_user(alice)
    before = AuditEntry.objects.count()
    assert client.get(url("outcomes:detail", mary, 999999)).status_code == 404
    assert client.get(url("person:audit", mary)).status_code == 403
    assert client.get(reverse("person:overview", args=["C9999999"])).status_code == 404
    assert AuditEntry.objects.count() == before


def test_the_council_audit_shows_council_ids_not_names(as_user, adam, alice, mary, world):
    as_user(alice).get(url("person:overview", mary))
    page = as_user(adam).get(reverse("administration:audit")).text
    assert mary.council_id in page
    assert "Jones" not in page and "Mary" not in page
