"""Sign-in throttling: by username across addresses, and by address across usernames.

The policy (also in docs/casework.md):

* **A username** is locked for ``AXES_COOLOFF_TIME`` (15 minutes) after
  ``AXES_FAILURE_LIMIT`` (5) wrong passwords for it, from any address
  (django-axes). Guessing one person's password from many addresses is slowed.
* **An address** is refused for ``ADDRESS_COOLOFF`` (15 minutes) once sign-in
  failed there for ``ADDRESS_USERNAME_LIMIT`` (10) different usernames within
  that time: one password sprayed over many usernames. Colleagues behind the
  same address (a council's shared IP) are affected only then; a few wrong
  passwords on other people's usernames never lock anyone else out.

Failures are read from django-axes' failure log, so every server process sees
the same counts.
"""

from __future__ import annotations

from datetime import timedelta

from axes.helpers import get_client_ip_address
from axes.models import AccessFailureLog
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.utils import timezone

from whatmatters.casework.access.forms import SignInForm

ADDRESS_USERNAME_LIMIT = 10
ADDRESS_COOLOFF = timedelta(minutes=15)


def address_refused(address: str | None) -> bool:
    """Whether sign-in failed from ``address`` for too many usernames lately."""
    if not address:
        return False
    since = timezone.now() - ADDRESS_COOLOFF
    usernames = (
        AccessFailureLog.objects.filter(ip_address=address, attempt_time__gte=since)
        .values("username")
        .distinct()
    )
    return usernames.count() >= ADDRESS_USERNAME_LIMIT


_login = auth_views.LoginView.as_view(
    authentication_form=SignInForm, redirect_authenticated_user=True
)


def sign_in(request, *args, **kwargs):
    """Django's sign-in, refused (429) from an address that sprayed passwords."""
    if request.method == "POST" and address_refused(get_client_ip_address(request)):
        return render(request, "registration/locked_out.html", {"by_address": True}, status=429)
    return _login(request, *args, **kwargs)
