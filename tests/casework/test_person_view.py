"""The person's own view: invitations, reading in their language, their own words, who looked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from whatmatters.casework.access.models import BreakGlassGrant
from whatmatters.casework.audit.models import AuditAction, AuditEntry
from whatmatters.casework.people.services import create_person
from whatmatters.casework.person_view import invitations
from whatmatters.casework.person_view.audit import PERSON_ROLE
from whatmatters.casework.person_view.models import (
    CODE_ATTEMPTS,
    About,
    Invitation,
    TheirWords,
)
from whatmatters.casework.person_view.words import mark_reviewed
from whatmatters.casework.plans.models import Action, Plan

CHAPEL = "I want to get back to chapel on Sundays"


@pytest.fixture
def their():
    """The person's own browser: not the worker's."""
    return Client()


@pytest.fixture
def invited(world, alice, mary):
    return invitations.invite(alice, mary, for_whom="Mary", language="cy", days=14)


def _start(client, made, code=None):
    return client.post(
        reverse("my:start", args=[made.token]), {"code": code or made.code_for_reading}
    )


def test_an_invitation_keeps_neither_link_nor_code_and_sets_the_language(invited, mary):
    stored = Invitation.objects.get()
    assert invited.token not in (stored.token_hash, stored.code_hash)
    assert invited.code not in stored.code_hash
    mary.refresh_from_db()
    assert mary.preferred_language == "cy"
    entry = AuditEntry.objects.filter(person=mary, action=AuditAction.CREATE).first()
    assert entry.username == "alice" and "Invited" in entry.what


def test_an_invitation_lasts_at_most_four_weeks(world, alice, mary):
    with pytest.raises(ValueError, match="1 to 28 days"):
        invitations.invite(alice, mary, for_whom="Mary", language="en", days=29)


def test_the_code_signs_in_once_and_shows_the_record_in_their_language(client, invited, mary):
    signed_in = _start(client, invited, invited.code.lower())  # any case, without the dash
    assert signed_in.status_code == 302 and signed_in.url == reverse("my:record")
    assert signed_in.cookies["django_language"].value == "cy"
    page = client.get(reverse("my:record"))
    assert page.status_code == 200
    assert '<html lang="cy"' in page.text
    assert "Fy stori" in page.text and "Fy nghynllun" in page.text  # My story, My plan
    assert "My garden" in page.text and "Go shopping" in page.text and "Lunch club" in page.text
    # The link is spent: it cannot sign anyone else in.
    again = _start(client.__class__(), invited)
    assert again.status_code == 404
    roles = set(
        AuditEntry.objects.filter(person=mary, role=PERSON_ROLE).values_list("what", flat=True)
    )
    assert {"Signed in with the invitation", "Read their own record"} <= roles


def test_wrong_codes_are_counted_and_stop_the_link(client, invited, mary):
    wrong = _start(client, invited, "AAAA-AAAA")
    assert "Nid yw’r cod hwnnw’n gywir" in wrong.text  # in her language: "That code is not right"
    for _ in range(CODE_ATTEMPTS - 1):
        last = _start(client, invited, "AAAA-AAAA")
    assert last.status_code == 404
    assert _start(client, invited).status_code == 404  # even the right code, now
    denied = AuditEntry.objects.filter(person=mary, action=AuditAction.DENIED, role=PERSON_ROLE)
    assert denied.count() == CODE_ATTEMPTS


def test_revoking_or_expiry_ends_access_at_once(client, invited, alice, mary):
    _start(client, invited)
    assert client.get(reverse("my:record")).status_code == 200
    invitations.revoke(alice, invited.invitation)
    assert client.get(reverse("my:record")).status_code == 403
    assert AuditEntry.objects.filter(person=mary, what__startswith="Revoked").exists()

    later = invitations.invite(alice, mary, for_whom="Joe, her son", language="en", days=1)
    other = client.__class__()
    _start(other, later)
    assert other.get(reverse("my:record")).status_code == 200
    Invitation.objects.filter(pk=later.invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert other.get(reverse("my:record")).status_code == 403
    turned_away = AuditEntry.objects.filter(
        person=mary, action=AuditAction.DENIED, role=PERSON_ROLE
    )
    assert set(turned_away.values_list("what", flat=True)) == {
        "Turned away: the invitation was revoked",
        "Turned away: the invitation had expired",
    }


def test_the_persons_pages_are_never_cached(client, invited):
    asked = client.get(reverse("my:start", args=[invited.token]))
    assert "no-store" in asked["Cache-Control"]
    assert '<html lang="cy"' in asked.text and "Parhau" in asked.text  # Continue, in Welsh
    _start(client, invited)
    for name in ("my:record", "my:plan", "my:add", "my:who_has_looked"):
        assert "no-store" in client.get(reverse(name))["Cache-Control"], name


def test_without_an_invitation_the_pages_are_refused(client, world):
    for name in ("my:record", "my:plan", "my:add", "my:who_has_looked"):
        assert client.get(reverse(name)).status_code == 403
    assert client.get(reverse("my:start", args=["no-such-link"])).status_code == 404


def test_the_invitation_opens_no_staff_page_and_no_one_else(client, invited, alice, mary):
    tom = create_person(alice, {"first_name": "Tom", "last_name": "Price"})
    _start(client, invited)
    for address in (
        reverse("person:overview", args=[mary.council_id]),
        reverse("person:overview", args=[tom.council_id]),
        reverse("people:find"),
    ):
        response = client.get(address)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert "Tom" not in client.get(reverse("my:record")).text


def test_their_words_are_marked_as_theirs_for_the_worker(their, invited, as_user, alice, mary):
    _start(their, invited)
    added = their.post(reverse("my:add"), {"subject": "what_matters", "text": CHAPEL})
    assert added.status_code == 302
    words = TheirWords.objects.get()
    assert words.text == CHAPEL and words.invitation == invited.invitation
    assert not words.needs_review  # not about a paid service
    assert CHAPEL in their.get(reverse("my:record")).text
    worker = as_user(alice)
    overview = worker.get(reverse("person:overview", args=[mary.council_id])).text
    assert CHAPEL in overview and "The person&#x27;s own words" in overview
    entry = AuditEntry.objects.filter(person=mary, action=AuditAction.CREATE, role=PERSON_ROLE)
    assert entry.get().what == "Added to their record in their own words"


def test_words_about_a_paid_service_wait_for_the_workers_review(
    their, invited, as_user, alice, mary
):
    plan = Plan.objects.get(person=mary)
    paid = Action.objects.create(
        plan=plan,
        outcome=plan.actions.first().outcome,
        description="Home care visits",
        action_by="paid_service",
        created_by=alice,
    )
    _start(their, invited)
    their.post(reverse("my:add"), {"subject": f"action:{paid.pk}", "text": "Less in the mornings"})
    words = TheirWords.objects.get()
    assert words.action == paid and words.awaiting_review
    worker = as_user(alice)
    page = worker.get(reverse("person_view:their_words", args=[mary.council_id])).text
    assert "waiting for the worker to read it" in page
    worker.post(reverse("person_view:reviewed", args=[mary.council_id, words.pk]))
    words.refresh_from_db()
    assert words.reviewed_by == alice and not words.awaiting_review


def test_a_revocation_or_review_is_stamped_once_and_audited_once(invited, alice, lena, mary):
    invitations.revoke(alice, invited.invitation)
    invitations.revoke(lena, invited.invitation)  # a second click changes nothing
    invitation = Invitation.objects.get(pk=invited.invitation.pk)
    assert invitation.revoked_by == alice
    assert AuditEntry.objects.filter(person=mary, what__startswith="Revoked").count() == 1

    words = TheirWords.objects.create(
        person=mary, invitation=invitation, about=About.WHAT_MATTERS, text=CHAPEL
    )
    for worker in (alice, lena):
        mark_reviewed(worker, words)
    words.refresh_from_db()
    assert words.reviewed_by == alice
    reviewed = AuditEntry.objects.filter(person=mary, what__startswith="Reviewed", user=alice)
    assert reviewed.count() == 1 and reviewed.get().detail == f"their words {words.pk}"


def test_the_person_cannot_write_about_someone_elses_plan(client, invited, alice):
    tom = create_person(alice, {"first_name": "Tom", "last_name": "Price"})
    from whatmatters.casework.outcomes.services import record_outcome
    from whatmatters.casework.plans.services import add_action, make_plan

    outcome = record_outcome(alice, tom, words="Walk the dog", words_by="person")
    theirs = add_action(
        alice, make_plan(alice, tom, made_with="", review_on=None), outcome=outcome,
        description="Dog walker", action_by="paid_service", who="", when="",
    )  # fmt: skip
    _start(client, invited)
    client.cookies["django_language"] = "en-gb"  # the person switched to English
    refused = client.post(reverse("my:add"), {"subject": f"action:{theirs.pk}", "text": "x"})
    assert refused.status_code == 200 and "govuk-error-summary" in refused.text
    nothing = client.post(reverse("my:add"), {"subject": "what_matters", "text": ""})
    assert "Write what you would like to add" in nothing.text
    assert not TheirWords.objects.exists()


def test_the_person_sees_who_has_looked(their, invited, as_user, alice, mary):
    as_user(alice).get(reverse("person:overview", args=[mary.council_id]))
    _start(their, invited)
    their.cookies["django_language"] = "en-gb"
    page = their.get(reverse("my:who_has_looked")).text
    assert "Alice Tester (Frontline worker)" in page
    assert "You, or the person you chose" in page


def test_break_glass_cannot_invite(as_user, bob, mary, world):
    BreakGlassGrant.grant(bob, mary, "Her daughter rang in distress")
    client = as_user(bob)
    assert client.get(reverse("person:overview", args=[mary.council_id])).status_code == 200
    assert client.get(reverse("person_view:invitations", args=[mary.council_id])).status_code == 403


def test_the_worker_invites_and_revokes_through_the_pages(as_user, alice, mary, world):
    client = as_user(alice)
    address = reverse("person_view:invitations", args=[mary.council_id])
    made = client.post(address, {"for_whom": "Mary", "language": "cy", "days": "7"})
    assert "Invitation made" in made.text and "/my/start/" in made.text
    invitation = Invitation.objects.get()
    refused = client.post(address, {"for_whom": "", "language": "xx", "days": "90"})
    assert "govuk-error-summary" in refused.text and Invitation.objects.count() == 1
    client.post(reverse("person_view:revoke", args=[mary.council_id, invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.revoked_by == alice and not invitation.is_usable()


def test_my_plan_prints_on_its_own(as_user, alice, mary, world):
    page = as_user(alice).get(reverse("person_view:my_plan", args=[mary.council_id])).text
    assert "casework-my-plan" in page and "Lunch club" in page
    assert 'href="/assets/casework/print.css" media="print"' in page
