"""The person's own pages (/my/…): signed in through an invitation, not a staff account."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from whatmatters.casework.audit.models import AuditAction
from whatmatters.casework.person_view import audit as person_audit
from whatmatters.casework.person_view import invitations, seen, words
from whatmatters.casework.person_view.forms import CodeForm, TheirWordsForm
from whatmatters.casework.person_view.guard import SESSION_KEY, invitation_link, invited
from whatmatters.casework.person_view.models import CODE_ATTEMPTS
from whatmatters.casework.person_view.record import my_record

# Audit wording, translated when the person reads who has looked at their record.
READ_RECORD = gettext_noop("Read their own record")
READ_PLAN = gettext_noop("Read their plan, ready to print")
READ_WHO = gettext_noop("Read who has looked at their record")
OPENED_ADD = gettext_noop("Opened the page to add their own words")
SIGNED_OUT = gettext_noop("Signed out")


@invitation_link
def start(request, token: str):
    """The invitation link: the person enters the code their worker gave them."""
    invitation = invitations.find_by_token(token)
    if invitation is None:
        return render(request, "person_view/ended.html", status=404)
    _speak_their_language(request, invitation.person)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result, invitation = invitations.sign_in(
            token, form.cleaned_data["code"], path=request.path
        )
        if result is invitations.SignIn.OK:
            request.session.cycle_key()
            request.session[SESSION_KEY] = invitation.pk
            return _in_their_language(redirect("my:record"), invitation.person)
        if result is invitations.SignIn.LINK_NOT_USABLE:
            return render(request, "person_view/ended.html", status=404)
        if invitation.failed_codes >= CODE_ATTEMPTS:
            return render(request, "person_view/ended.html", status=404)
        form.add_error("code", _("That code is not right. Check it with your worker."))
    return render(request, "person_view/start.html", {"form": form})


def _speak_their_language(request, person) -> None:
    """Ask for the code in the person's language, unless they have chosen one here."""
    if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        translation.activate(person.interface_language)
        request.LANGUAGE_CODE = person.interface_language


def _in_their_language(response, person):
    """Show the person's pages in their preferred language (they can still switch)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        person.interface_language,
        samesite="Lax",
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
    )
    translation.activate(person.interface_language)
    return response


@invited(READ_RECORD)
def record(request, invitation):
    return render(request, "person_view/record.html", my_record(invitation.person))


@invited(READ_PLAN)
def my_plan(request, invitation):
    return render(
        request, "person_view/my_plan.html", {**my_record(invitation.person), "for_person": True}
    )


@invited(OPENED_ADD)
def add(request, invitation):
    person = invitation.person
    form = TheirWordsForm(request.POST or None, subjects=words.subjects(person))
    if request.method == "POST" and form.is_valid():
        added = words.add(
            invitation, form.cleaned_data["subject"], form.cleaned_data["text"], path=request.path
        )
        if added.needs_review:
            messages.success(
                request,
                _("Thank you. Your worker will read this and talk with you about your service."),
            )
        else:
            messages.success(request, _("Thank you. Your words are now part of your record."))
        return redirect("my:record")
    return render(request, "person_view/add.html", {"form": form, "person": person})


@invited(READ_WHO)
def who_has_looked(request, invitation):
    return render(
        request,
        "person_view/who_has_looked.html",
        {"person": invitation.person, "looks": seen.looks(invitation.person)},
    )


@require_POST
@invited(SIGNED_OUT)
def sign_out(request, invitation):
    person_audit.record(invitation, AuditAction.VIEW, SIGNED_OUT, path=request.path)
    request.session.flush()
    return render(request, "person_view/signed_out.html")
