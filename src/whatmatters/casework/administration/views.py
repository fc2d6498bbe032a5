"""Administrators manage staff and teams, and read the audit log (no record contents)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from whatmatters.casework.access.decorators import requires
from whatmatters.casework.access.models import Team
from whatmatters.casework.access.permissions import Permission
from whatmatters.casework.administration import services
from whatmatters.casework.administration.forms import NewStaffForm, StaffForm, TeamForm
from whatmatters.casework.audit.models import AuditEntry

NAME_FIELDS = ("first_name", "last_name", "email")


@requires(Permission.USERS_MANAGE)
def users(request):
    staff = get_user_model().objects.select_related("staff", "staff__team").order_by("username")
    page = Paginator(staff, 100).get_page(request.GET.get("page"))
    return render(request, "administration/users.html", {"page": page})


@requires(Permission.USERS_MANAGE)
def create_user(request):
    form = NewStaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.create_staff(
            username=data["username"],
            password=data["password"],
            role=data["role"],
            team=data["team"],
            **{k: data[k] for k in NAME_FIELDS},
        )
        messages.success(request, _("The account was created"))
        return redirect("administration:users")
    return render(request, "administration/user_form.html", {"form": form, "new": True})


@requires(Permission.USERS_MANAGE)
def edit_user(request, pk: int):
    user = get_object_or_404(get_user_model().objects.select_related("staff"), pk=pk)
    profile = getattr(user, "staff", None)
    initial = {k: getattr(user, k) for k in NAME_FIELDS}
    initial.update(
        is_active=user.is_active,
        role=profile.role if profile else None,
        team=profile.team if profile else None,
    )
    form = StaffForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.update_staff(
            user,
            role=data["role"],
            team=data["team"],
            is_active=data["is_active"],
            **{k: data[k] for k in NAME_FIELDS},
        )
        messages.success(request, _("The account was saved"))
        return redirect("administration:users")
    return render(request, "administration/user_form.html", {"form": form, "staff_user": user})


@requires(Permission.TEAMS_MANAGE)
def teams(request):
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        Team.objects.create(name=form.cleaned_data["name"])
        messages.success(request, _("The team was created"))
        return redirect("administration:teams")
    return render(request, "administration/teams.html", {"form": form, "teams": Team.objects.all()})


@requires(Permission.AUDIT_ALL)
def audit(request):
    """Who did what to which record (by council ID only: no names or contents)."""
    entries = AuditEntry.objects.select_related("person").only(
        "at", "username", "role", "action", "what", "path", "person__council_id"
    )
    username = request.GET.get("user", "")[:150]
    if username:
        entries = entries.filter(username=username)
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "administration/audit.html", {"page": page, "username": username})
