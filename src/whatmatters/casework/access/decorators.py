"""Access checks for views. Every view carries one (a test walks the URLs).

* ``public`` — no sign-in needed (sign-in page, health check, language).
* ``requires(permission)`` — the user's role must hold ``permission``.
* ``person_page(permission)`` — the page is about one person (the ``council_id``
  in its URL): the user must be able to open that person's record (else
  "not found", so a record's existence is not given away) and hold
  ``permission``. Every request is written to the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from whatmatters.casework.access.permissions import Permission
from whatmatters.casework.access.rules import allocated_to_my_team, may_view_records
from whatmatters.casework.access.staff import has_permission

ACCESS_CHECK = "access_check"


class BreakGlassReadOnly(PermissionDenied):
    """Break-glass access reads a record; it does not change it."""


def public(view: Callable) -> Callable:
    """Mark a view as open to anyone (it must show nothing about a person)."""
    view = login_not_required(view)
    setattr(view, ACCESS_CHECK, "public")
    return view


def requires(permission: Permission) -> Callable[[Callable], Callable]:
    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not has_permission(request.user, permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        setattr(guarded, ACCESS_CHECK, f"permission:{permission}")
        return guarded

    return decorate


def requires_any(*permissions: Permission) -> Callable[[Callable], Callable]:
    """The user's role must hold at least one of ``permissions``."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not any(has_permission(request.user, p) for p in permissions):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        setattr(guarded, ACCESS_CHECK, "any:" + ",".join(permissions))
        return guarded

    return decorate


def person_page(permission: Permission = Permission.PERSON_VIEW):
    """The view receives the opened ``person`` instead of ``council_id``.

    A user who opens the record through break-glass may only read it
    (``break_glass.allows``); the request sets ``request.break_glass`` so
    every page shows when that access ends. The view is audited once it has
    answered, and only if it answered (a refusal or "not found" is no view).
    """

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def guarded(request, council_id: str, *args, **kwargs):
            person = _open(request, council_id, permission)
            response = view(request, person, *args, **kwargs)
            if response.status_code < 400:
                _audit_view(request, person)
            return response

        setattr(guarded, ACCESS_CHECK, f"person:{permission}")
        return guarded

    return decorate


def _open(request, council_id: str, permission: Permission):
    """The person, if the user may do what ``permission`` allows to their record."""
    from whatmatters.casework.access import break_glass
    from whatmatters.casework.audit import log, wording
    from whatmatters.casework.audit.models import AuditAction
    from whatmatters.casework.people.models import Person

    person = Person.objects.select_related("team", "worker").filter(council_id=council_id).first()
    if person is None or not may_view_records.test(request.user):
        raise Http404
    request.break_glass = None
    if not allocated_to_my_team.test(request.user, person):
        request.break_glass = break_glass.active_grant(request.user, person)
        if request.break_glass is None:
            # Refused, not a view: the owning team sees who tried.
            log.record(
                request.user,
                AuditAction.DENIED,
                wording.NOT_ALLOCATED,
                person=person,
                path=request.path,
            )
            raise Http404
    if not has_permission(request.user, permission):
        raise PermissionDenied
    if request.break_glass and not break_glass.allows(permission, request.method):
        # Refused, and audited: trying to stretch break-glass is what security looks for.
        log.record(
            request.user,
            AuditAction.DENIED,
            wording.BREAK_GLASS_READ_ONLY,
            person=person,
            path=request.path,
            detail=wording.page(request),
        )
        raise BreakGlassReadOnly
    return person


def _audit_view(request, person) -> None:
    from whatmatters.casework.audit import log, wording
    from whatmatters.casework.audit.models import AuditAction

    log.record(
        request.user,
        AuditAction.VIEW,
        wording.page(request),
        person=person,
        path=request.path,
        detail=wording.FORM_SENT if request.method == "POST" else "",
    )
