"""One person's pages: overview, details, timeline and who has seen the record."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from whatmatters.casework.access.decorators import person_page
from whatmatters.casework.access.permissions import Permission
from whatmatters.casework.access.staff import staff_names
from whatmatters.casework.common import conflict
from whatmatters.casework.common.concurrency import EditConflict
from whatmatters.casework.journal_rows.models import JournalRow
from whatmatters.casework.people import services
from whatmatters.casework.people.forms import PersonForm
from whatmatters.casework.people.models import Person
from whatmatters.casework.people.overview import overview as overview_of


@person_page()
def overview(request, person):
    return render(request, "people/overview.html", {"person": person, **overview_of(person)})


@person_page(Permission.PERSON_EDIT)
def edit_details(request, person):
    initial = {name: getattr(person, name) for name in services.DETAIL_FIELDS}
    form = PersonForm(request.POST or None, initial={**initial, "version": person.version})
    if request.method == "POST" and form.is_valid() and _nhs_number_free(form, person):
        try:
            services.update_details(
                request.user, person, form.cleaned_data, form.cleaned_data["version"] or 0
            )
        except EditConflict:
            conflict.reshow(form, person, [n for n in services.DETAIL_FIELDS if n in form.fields])
        else:
            messages.success(request, _("Details saved"))
            return redirect("person:overview", council_id=person.council_id)
    return render(request, "people/edit_details.html", {"person": person, "form": form})


def _nhs_number_free(form: PersonForm, person) -> bool:
    """One record per person: an NHS number another record has is refused on the field."""
    number = form.cleaned_data["nhs_number"]
    if number and Person.objects.filter(nhs_number=number).exclude(pk=person.pk).exists():
        form.add_error("nhs_number", _("A person with this NHS number already has a record"))
        return False
    return True


@person_page()
def timeline(request, person):
    """Everything that happened, newest first, from the journal (one vocabulary)."""
    rows = JournalRow.objects.filter(person_id=person.council_id).order_by("-start", "-event_id")
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    names = staff_names(row.worker for row in page.object_list)
    for row in page.object_list:
        row.worker_name = names.get(row.worker, row.worker)
    return render(request, "people/timeline.html", {"person": person, "page": page})


@person_page(Permission.AUDIT_TEAM)
def audit(request, person):
    entries = person.audit_entries.all()
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "people/audit.html", {"person": person, "page": page})
