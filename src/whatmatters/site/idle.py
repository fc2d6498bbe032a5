"""Sessions end after a stated idle period, and after a working day at most.

``WHATMATTERS_IDLE_MINUTES`` (30 by default) without a request signs the user
out; so does ``SESSION_COOKIE_AGE`` (8 hours) from signing in, however busy.
The next page asks them to sign in again, saying why.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

LAST_SEEN = "whatmatters_last_seen"
SIGNED_IN = "whatmatters_signed_in"
# Record activity at most this often: a session write on every request is waste.
RESOLUTION_SECONDS = 30


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            why = _why_expired(request.session, time.time())
            if why:
                logout(request)
                messages.info(request, why)
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


def _why_expired(session, now: float) -> str:
    """Why the session has ended ("" if it has not); otherwise notes the activity."""
    signed_in = session.setdefault(SIGNED_IN, now)
    last_seen = session.get(LAST_SEEN, now)
    idle_minutes = settings.WHATMATTERS_IDLE_MINUTES
    if now - last_seen > idle_minutes * 60:
        return _(
            "You were signed out after %(minutes)d minutes without activity, to keep "
            "records safe. Sign in again to carry on."
        ) % {"minutes": idle_minutes}
    if now - signed_in > settings.SESSION_COOKIE_AGE:
        return _("You were signed out after a working day. Sign in again to carry on.")
    if LAST_SEEN not in session or now - last_seen >= RESOLUTION_SECONDS:
        session[LAST_SEEN] = now
    return ""
