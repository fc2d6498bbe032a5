"""Finding people, the team's list, and creating a person."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from whatmatters.casework.access.decorators import requires
from whatmatters.casework.access.permissions import Permission
from whatmatters.casework.access.staff import team_of
from whatmatters.casework.audit import wording
from whatmatters.casework.people import search, services
from whatmatters.casework.people.forms import FindForm, NewPersonForm
from whatmatters.casework.people.models import Person


@requires(Permission.PERSON_FIND)
def find(request):
    form = FindForm(request.GET or None)
    team = team_of(request.user)
    results, elsewhere, query = [], [], None
    if form.is_valid() and form.cleaned_data["q"]:
        query = search.parse(form.cleaned_data["q"])
        if not query.empty:
            results = list(search.in_team(query, team)) if team else []
            elsewhere = list(search.elsewhere(query, team))
            _audit_shown(request, elsewhere, wording.FOUND_BY_IDENTIFIER)
    return render(
        request,
        "people/find.html",
        {"form": form, "results": results, "elsewhere": elsewhere, "query": query},
    )


@requires(Permission.PERSON_FIND)
def mine(request):
    """The people allocated to my team, mine first, with open work."""
    team = team_of(request.user)
    people = (
        Person.objects.filter(team=team)
        .select_related("worker")
        .order_by("last_name_key", "first_name_key", "pk")
        if team
        else Person.objects.none()
    )
    mine_only = request.GET.get("show") == "mine"
    if mine_only:
        people = people.filter(worker=request.user)
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(request, "people/mine.html", {"page": page, "mine_only": mine_only})


@requires(Permission.PERSON_CREATE)
def create(request):
    if team_of(request.user) is None:
        return render(request, "people/no_team.html", status=403)
    form = NewPersonForm(request.POST or None)
    duplicates = []
    team = team_of(request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        duplicates = search.likely_duplicates(
            data["first_name"], data["last_name"], data["date_of_birth"], data["nhs_number"], team
        )
        _audit_shown(
            request, [p for p in duplicates if p.team_id != team.pk], wording.LIKELY_DUPLICATE
        )
        clash = [p for p in duplicates if data["nhs_number"] and p.nhs_number == data["nhs_number"]]
        if clash:
            form.add_error("nhs_number", _("A person with this NHS number already has a record"))
        elif not duplicates or data["not_a_duplicate"]:
            person = services.create_person(request.user, data)
            return redirect("person:overview", council_id=person.council_id)
    if not duplicates:  # nothing listed: nothing to say "none of them" about
        form.fields["not_a_duplicate"].widget = forms.HiddenInput()
    return render(request, "people/create.html", {"form": form, "duplicates": duplicates})


def _audit_shown(request, people: list[Person], what: str) -> None:
    """People of other teams shown to the user (found by an exact identifier) are audited."""
    from whatmatters.casework.audit import log
    from whatmatters.casework.audit.models import AuditAction

    for person in people:
        log.record(request.user, AuditAction.VIEW, what, person=person, path=request.path)
