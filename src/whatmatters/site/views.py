"""Site-wide pages: home (by role), health check, language choice, errors."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.http import require_GET

from whatmatters.casework.access.decorators import public
from whatmatters.casework.access.permissions import Permission
from whatmatters.casework.access.staff import has_permission


@public
def home(request):
    """Send each role to where its work starts."""
    if not request.user.is_authenticated:
        return redirect(settings.LOGIN_URL)
    user = request.user
    for permission, target in (
        (Permission.PERSON_FIND, "people:mine"),
        (Permission.MEASURES_COUNCIL, "measures:index"),
        (Permission.USERS_MANAGE, "administration:users"),
    ):
        if has_permission(user, permission):
            return redirect(target)
    return render(request, "no_role.html", status=403)


@public
@require_GET
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


@public
@require_GET
def language(request, code: str):
    """Switch language (a link, as GOV.UK language navigation is), then go back."""
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = redirect(target)
    if check_for_language(code) and code in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    return response
