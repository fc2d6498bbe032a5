"""Error pages in the service's own look (and language)."""

from __future__ import annotations

from django.shortcuts import render


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


def forbidden(request, exception=None):
    from whatmatters.casework.access.decorators import BreakGlassReadOnly

    if isinstance(exception, BreakGlassReadOnly):
        return render(request, "access/break_glass_read_only.html", status=403)
    return render(request, "errors/403.html", status=403)


def not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    return render(request, "errors/500.html", status=500)


def form_expired(request, reason: str = ""):
    """A form whose security token was missing or stale (``CSRF_FAILURE_VIEW``):
    open too long, or in another tab after signing in again."""
    return render(request, "errors/form_expired.html", status=403)
