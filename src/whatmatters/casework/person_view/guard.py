"""The access check for the person's own pages: a live invitation in this session.

Default deny: the session names one invitation, and the pages show only
that invitation's person, to read and to add their own words. An expired or
revoked invitation ends access on the next request.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_noop

from whatmatters.casework.access.decorators import ACCESS_CHECK
from whatmatters.casework.audit.models import AuditAction
from whatmatters.casework.person_view import audit as person_audit
from whatmatters.casework.person_view.models import Invitation

SESSION_KEY = "person_view_invitation"
INVITATION_CHECK = "invitation"


def current_invitation(request) -> Invitation | None:
    pk = request.session.get(SESSION_KEY)
    if pk is None:
        return None
    invitation = Invitation.objects.select_related("person").filter(pk=pk).first()
    if invitation is None or not invitation.is_usable():
        request.session.pop(SESSION_KEY, None)
        if invitation is not None:
            person_audit.record(
                invitation, AuditAction.DENIED, ENDED_WHY[_why_ended(invitation)], path=request.path
            )
        return None
    return invitation


# Audit wording for a session whose invitation has ended since it began.
ENDED_WHY = {
    "revoked": gettext_noop("Turned away: the invitation was revoked"),
    "expired": gettext_noop("Turned away: the invitation had expired"),
}


def _why_ended(invitation: Invitation) -> str:
    return "revoked" if invitation.revoked_at else "expired"


def invited(what: str) -> Callable[[Callable], Callable]:
    """The view receives the session's ``invitation``; each request is audited as ``what``."""

    def decorate(view: Callable) -> Callable:
        @login_not_required
        @wraps(view)
        def guarded(request, *args, **kwargs):
            invitation = current_invitation(request)
            if invitation is None:
                return render(request, "person_view/ended.html", status=403)
            if request.method == "GET":
                person_audit.record(invitation, AuditAction.VIEW, what, path=request.path)
            return private(view(request, invitation, *args, **kwargs))

        setattr(guarded, ACCESS_CHECK, INVITATION_CHECK)
        return guarded

    return decorate


def invitation_link(view: Callable) -> Callable:
    """The link's own page: anyone holding the link may try its code (counted, audited)."""

    @login_not_required
    @wraps(view)
    def guarded(request, *args, **kwargs):
        return private(view(request, *args, **kwargs))

    setattr(guarded, ACCESS_CHECK, INVITATION_CHECK)
    return guarded


def private(response):
    """Nothing of a person's record is kept by a browser or a shared cache."""
    add_never_cache_headers(response)
    return response
