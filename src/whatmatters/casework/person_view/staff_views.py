"""The worker's side: invite the person, revoke, review their words, print "My plan"."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from whatmatters.casework.access.decorators import person_page
from whatmatters.casework.access.permissions import Permission
from whatmatters.casework.access.rules import allocated_to_my_team
from whatmatters.casework.person_view import invitations, words
from whatmatters.casework.person_view.forms import InvitationForm
from whatmatters.casework.person_view.models import Invitation, TheirWords
from whatmatters.casework.person_view.record import my_record


def _own_team(request, person) -> None:
    """Break-glass lets a worker see a record, never hand it to the person or anyone else."""
    if not allocated_to_my_team(request.user, person):
        raise PermissionDenied


@person_page(Permission.PERSON_INVITE)
def invitations_page(request, person):
    _own_team(request, person)
    initial = {"language": person.preferred_language, "for_whom": person.full_name}
    form = InvitationForm(request.POST or None, initial=initial)
    made = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = invitations.invite(
            request.user,
            person,
            for_whom=data["for_whom"],
            language=data["language"],
            days=data["days"],
        )
        form = InvitationForm(initial=initial)
    return render(
        request,
        "person_view/invitations.html",
        {
            "person": person,
            "form": form,
            "made": made,
            "link": request.build_absolute_uri(reverse("my:start", args=[made.token]))
            if made
            else "",
            "invitations": Invitation.objects.filter(person=person).select_related("created_by"),
        },
    )


@person_page(Permission.PERSON_INVITE)
@require_POST
def revoke(request, person, pk: int):
    _own_team(request, person)
    invitations.revoke(request.user, get_object_or_404(Invitation, pk=pk, person=person))
    messages.success(request, _("The invitation was revoked: it can no longer be used"))
    return redirect("person_view:invitations", council_id=person.council_id)


@person_page()
def their_words(request, person):
    """Everything the person added, marked as theirs; paid-service words to review."""
    return render(
        request,
        "person_view/their_words.html",
        {
            "person": person,
            "their_words": TheirWords.objects.filter(person=person).select_related("action"),
        },
    )


@person_page(Permission.PLAN_EDIT)
@require_POST
def reviewed(request, person, pk: int):
    words.mark_reviewed(request.user, get_object_or_404(TheirWords, pk=pk, person=person))
    messages.success(request, _("Marked as reviewed"))
    return redirect("person_view:their_words", council_id=person.council_id)


@person_page()
def my_plan(request, person):
    """The one-page plan a worker prints and hands over."""
    return render(request, "person_view/my_plan.html", my_record(person))
