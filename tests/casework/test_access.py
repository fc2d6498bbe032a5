"""Who reaches what: the role × page matrix, every route guarded, break-glass."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from whatmatters.casework.access.decorators import ACCESS_CHECK
from whatmatters.casework.access.models import BreakGlassGrant
from whatmatters.casework.access.permissions import MatrixError, build_matrix

ROLES = ("alice", "bob", "lena", "ana", "adam")
OK, DENIED, HIDDEN = 200, 403, 404


def expect(alice, bob, lena, ana, adam):
    return dict(zip(ROLES, (alice, bob, lena, ana, adam), strict=True))


TEAM_WORK = expect(OK, OK, OK, DENIED, DENIED)
MARYS_RECORD = expect(OK, HIDDEN, OK, HIDDEN, HIDDEN)
# Mary's work already has a plan: those who may make one are sent to it.
MARYS_PLAN_MADE = expect(302, HIDDEN, 302, HIDDEN, HIDDEN)
ADMIN_ONLY = expect(DENIED, DENIED, DENIED, DENIED, OK)

# Every named page and what each member of the cast gets. Mary is allocated
# to North, where Alice works and Lena leads; Bob works in South.
PAGES = {
    "people:find": ((), TEAM_WORK),
    "people:mine": ((), TEAM_WORK),
    "people:create": ((), TEAM_WORK),
    "person:overview": (("mary",), MARYS_RECORD),
    "person:details": (("mary",), MARYS_RECORD),
    "person:timeline": (("mary",), MARYS_RECORD),
    "person:audit": (("mary",), expect(DENIED, HIDDEN, OK, HIDDEN, HIDDEN)),
    "person:break_glass": (("mary",), expect(OK, OK, OK, DENIED, OK)),
    "break_glass_notices": ((), expect(OK, OK, OK, DENIED, OK)),
    "stories:current": (("mary",), MARYS_RECORD),
    "stories:version": (("mary", 1), MARYS_RECORD),
    "stories:record": (("mary",), MARYS_RECORD),
    "outcomes:create": (("mary",), MARYS_RECORD),
    "outcomes:detail": (("mary", "outcome"), MARYS_RECORD),
    "outcomes:rate": (("mary", "outcome"), MARYS_RECORD),
    "outcomes:status": (("mary", "outcome"), MARYS_RECORD),
    "plans:plan": (("mary",), MARYS_RECORD),
    "plans:make": (("mary",), MARYS_PLAN_MADE),
    "plans:add_action": (("mary",), MARYS_RECORD),
    "plans:change_action": (("mary", "action"), MARYS_RECORD),
    "plans:end_action": (("mary", "action"), MARYS_RECORD),
    "plans:done_action": (("mary", "action"), MARYS_RECORD),
    "plans:review": (("mary",), MARYS_RECORD),
    "contacts:index": (("mary",), MARYS_RECORD),
    "contacts:create": (("mary",), MARYS_RECORD),
    "handoffs:make": (("mary",), MARYS_RECORD),
    "work:close": (("mary",), MARYS_RECORD),
    "person_view:invitations": (("mary",), MARYS_RECORD),
    "person_view:revoke": (("mary", 1), expect(405, HIDDEN, 405, HIDDEN, HIDDEN)),
    "person_view:their_words": (("mary",), MARYS_RECORD),
    "person_view:reviewed": (("mary", 1), expect(405, HIDDEN, 405, HIDDEN, HIDDEN)),
    "person_view:my_plan": (("mary",), MARYS_RECORD),
    "exports:index": (("mary",), MARYS_RECORD),
    "exports:download": (("mary", "about-me"), MARYS_RECORD),
    "measures:index": ((), expect(OK, OK, OK, OK, DENIED)),
    "administration:users": ((), ADMIN_ONLY),
    "administration:create_user": ((), ADMIN_ONLY),
    "administration:edit_user": (("alice_pk",), ADMIN_ONLY),
    "administration:teams": ((), ADMIN_ONLY),
    "administration:audit": ((), ADMIN_ONLY),
}
PUBLIC = {"home", "healthz", "language", "login", "logout"}
# Pages that answer with a file to download, not a page to scan.
DOWNLOADS = {"exports:download"}
# The person's own pages: an invitation in the session, never a staff sign-in
# (their own tests: tests/casework/test_person_view.py).
INVITED = {"my:start", "my:record", "my:plan", "my:add", "my:who_has_looked", "my:sign_out"}


def _args(symbols, world):
    return [world.get(s, s) if isinstance(s, str) else s for s in symbols]


def _address(name, world):
    symbols, _ = PAGES[name]
    return reverse(name, args=_args(symbols, world))


# One test a role, walking every page (one cast and world a role, not a page).
@pytest.mark.parametrize("role", ROLES)
def test_role_by_page_matrix(role, client, cast, world):
    client.force_login(cast[role])
    got = {name: client.get(_address(name, world)).status_code for name in sorted(PAGES)}
    assert got == {name: expected[role] for name, (_, expected) in sorted(PAGES.items())}


def test_signed_out_visitors_are_sent_to_sign_in(client, world):
    for name in sorted(PAGES):
        response = client.get(_address(name, world))
        assert response.status_code == 302, name
        assert response.url.startswith(reverse("login")), name


def _walk(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _walk(entry, namespace)
        elif isinstance(entry, URLPattern):
            yield f"{prefix}{entry.name}", entry.callback


def test_every_route_has_an_access_check_and_a_row_in_the_matrix():
    unguarded, unlisted = [], []
    for name, view in _walk(get_resolver()):
        if not getattr(view, ACCESS_CHECK, None):
            unguarded.append(f"{name} ({view.__module__}.{view.__name__})")
        if name not in PAGES and name not in PUBLIC and name not in INVITED:
            unlisted.append(name)
    assert not unguarded, f"views without an access check: {unguarded}"
    assert not unlisted, f"pages missing from the role × page matrix: {unlisted}"


def test_public_pages_are_only_the_ones_meant(client):
    public = {
        name for name, view in _walk(get_resolver()) if getattr(view, ACCESS_CHECK) == "public"
    }
    assert public == PUBLIC


def test_break_glass_opens_for_a_while_with_a_reason_then_closes(as_user, bob, mary, settings):
    client = as_user(bob)
    overview = reverse("person:overview", args=[mary.council_id])
    assert client.get(overview).status_code == 404
    no_reason = client.post(reverse("person:break_glass", args=[mary.council_id]), {"reason": ""})
    assert 'href="#id_reason"' in no_reason.text
    client.post(
        reverse("person:break_glass", args=[mary.council_id]),
        {"reason": "Her daughter rang South in distress; North is closed today"},
    )
    assert client.get(overview).status_code == 200
    grant = BreakGlassGrant.objects.get(user=bob, person=mary)
    assert grant.expires_at - grant.started_at == timedelta(
        minutes=settings.WHATMATTERS_BREAK_GLASS_MINUTES
    )
    BreakGlassGrant.objects.filter(pk=grant.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert client.get(overview).status_code == 404


def test_break_glass_is_seen_by_the_persons_team_leader_and_administrators(
    as_user, bob, lena, adam, mary
):
    reason = "Her daughter rang South in distress; North is closed today"
    as_user(bob).post(reverse("person:break_glass", args=[mary.council_id]), {"reason": reason})
    # Lena leads North, Mary's team: as the break-glass page tells Bob.
    audit = as_user(lena).get(reverse("person:audit", args=[mary.council_id]))
    assert audit.status_code == 200 and "bob" in audit.text and reason in audit.text
    log = as_user(adam).get(reverse("administration:audit"))
    assert log.status_code == 200 and reason in log.text


def test_an_administrator_with_break_glass_can_look_but_not_change(as_user, adam, mary):
    BreakGlassGrant.grant(adam, mary, "Investigating a reported error")
    client = as_user(adam)
    assert client.get(reverse("person:overview", args=[mary.council_id])).status_code == 200
    assert client.get(reverse("outcomes:create", args=[mary.council_id])).status_code == 403


def test_a_user_without_a_role_can_do_nothing(client, django_user_model, mary):
    nobody = django_user_model.objects.create_user("nobody", password="x" * 20)
    client.force_login(nobody)
    assert client.get(reverse("home")).status_code == 403
    assert client.get(reverse("people:find")).status_code == 403
    assert client.get(reverse("person:overview", args=[mary.council_id])).status_code == 404


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ({"person.fly": {"analyst": "why"}}, "unknown permission"),
        ({"person.view": {"janitor": "why"}}, "unknown role"),
        ({"person.view": {"analyst": " "}}, "without a reason"),
    ],
)
def test_the_matrix_rejects_unknown_keys(source, problem):
    with pytest.raises(MatrixError, match=problem):
        build_matrix(source)
