"""Contacts: the person's contacts, and logging a new one."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from whatmatters.casework.access.decorators import person_page
from whatmatters.casework.access.permissions import Permission
from whatmatters.casework.contacts import services
from whatmatters.casework.contacts.forms import ContactForm
from whatmatters.casework.contacts.models import Contact


@person_page()
def index(request, person):
    page = Paginator(Contact.objects.filter(person=person), 50).get_page(request.GET.get("page"))
    return render(request, "contacts/index.html", {"person": person, "page": page})


@person_page(Permission.CONTACT_LOG)
def create(request, person):
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.log_contact(request.user, person, **form.cleaned_data)
        messages.success(request, _("The contact was logged"))
        return redirect("contacts:index", council_id=person.council_id)
    return render(request, "contacts/create.html", {"person": person, "form": form})
