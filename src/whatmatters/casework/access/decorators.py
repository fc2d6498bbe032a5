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
from whatmatters.casework.access.rules import can_open_person
from whatmatters.casework.access.staff import has_permission

ACCESS_CHECK = "access_check"


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
    """The view receives the opened ``person`` instead of ``council_id``."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def guarded(request, council_id: str, *args, **kwargs):
            from whatmatters.casework.audit import log
            from whatmatters.casework.audit.models import AuditAction
            from whatmatters.casework.people.models import Person

            person = (
                Person.objects.select_related("team", "worker")
                .filter(council_id=council_id)
                .first()
            )
            if person is None:
                raise Http404
            if not can_open_person.test(request.user, person):
                log.record(
                    request.user,
                    AuditAction.DENIED,
                    view.__name__,
                    person=person,
                    path=request.path,
                )
                raise Http404
            if not has_permission(request.user, permission):
                raise PermissionDenied
            log.record(
                request.user,
                AuditAction.VIEW,
                view.__name__,
                person=person,
                path=request.path,
                detail=request.method if request.method != "GET" else "",
            )
            return view(request, person, *args, **kwargs)

        setattr(guarded, ACCESS_CHECK, f"person:{permission}")
        return guarded

    return decorate
