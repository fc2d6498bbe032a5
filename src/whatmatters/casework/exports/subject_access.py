"""A subject-access bundle: everything held about a person, as JSON, CSV, readable HTML and PDF.

What UK GDPR Art. 15 asks a copy to come with (purposes, recipients,
retention, rights, complaint, source) is in the cover note; see
docs/person-exports.md §4. Staff are named: the ICO does not expect a
professional doing their job to be withheld.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pyarrow as pa
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from whatmatters.casework.exports.collect import Held, collect
from whatmatters.journal.cld.neutralise import neutralise_arrow

FORMAT_VERSION = 1

# Readable titles, in the order the HTML shows them; a table not named here
# (a new one) follows under its model's own name.
TITLES = {
    "people.Person": _("Your details"),
    "people.HistoricalPerson": _("Earlier versions of your details"),
    "stories.Conversation": _("Conversations about what matters"),
    "stories.StoryEntry": _("Your story"),
    "outcomes.Outcome": _("What matters to you"),
    "outcomes.Rating": _("Your ratings of how far you have got"),
    "outcomes.StatusChange": _("Changes to what matters"),
    "plans.Plan": _("Your plans"),
    "plans.Action": _("Actions in your plan"),
    "plans.Review": _("Reviews of your plan"),
    "person_view.TheirWords": _("What you added in your own words"),
    "person_view.Invitation": _("Invitations to see your record"),
    "contacts.Contact": _("Contacts"),
    "work.Work": _("Work with you"),
    "work.OutcomeAtClosure": _("How far what mattered was achieved when work closed"),
    "handoffs.Handoff": _("Work passed between teams"),
    "casework_journal.JournalRow": _("Everything that happened, as the council's journal has it"),
    "access.BreakGlassGrant": _("Emergency access to your record by another team"),
    "audit.AuditEntry": _("Who looked at or changed your record"),
}


def staff_named(held: Held) -> dict[int, str]:
    """Staff whose user id appears in the rows (who recorded, viewed or changed things)."""
    ids: set[int] = set()
    user_model = get_user_model()
    for label, rows in held.rows.items():
        from django.apps import apps

        model = apps.get_model(label)
        user_fields = [
            f.attname
            for f in model._meta.concrete_fields
            if getattr(f, "related_model", None) is user_model
        ]
        ids |= {row[name] for row in rows for name in user_fields if row.get(name)}
    users = user_model.objects.filter(pk__in=ids)
    return {u.pk: u.get_full_name() or u.get_username() for u in users}


def as_json(held: Held) -> str:
    document = {
        "format": "whatmatters subject access",
        "format_version": FORMAT_VERSION,
        "made_at": timezone.now(),
        "council_id": held.person.council_id,
        "staff": {str(pk): name for pk, name in sorted(staff_named(held).items())},
        "tables": held.rows,
    }
    return json.dumps(document, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def as_csv(held: Held) -> str:
    """One line per value: table, row, field, value (every table in one file)."""
    lines = [
        (label, row["pk"], name, _text(value))
        for label, rows in held.rows.items()
        for row in rows
        for name, value in row.items()
        if name != "pk"
    ]
    # A spreadsheet must not run what a person wrote as a formula (the project's one rule).
    values = neutralise_arrow(pa.chunked_array([[line[3] for line in lines]], pa.string()))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["table", "row", "field", "value"])
    for line, value in zip(lines, values.to_pylist(), strict=True):
        writer.writerow([*line[:3], value])
    return out.getvalue()


def _text(value) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def as_html(held: Held, *, for_print: bool = False) -> str:
    """The readable copy; ``for_print`` shows each row as its own table of
    field and value, leaving out empty fields (the PDF's pages: a journal row
    has forty columns, most of them empty), not one row per line."""
    order = list(TITLES)
    labels = sorted(held.rows, key=lambda x: (order.index(x) if x in order else len(order), x))
    tables = []
    for label in labels:
        rows = held.rows[label]
        columns = [c for c in rows[0] if c != "pk"]
        values = [[_text(row[c]) for c in columns] for row in rows]
        tables.append(
            {
                "label": label,
                "name": TITLES.get(label, held.verbose[label]),
                "columns": columns,
                "rows": values,
                "records": [
                    [(c, v) for c, v in zip(columns, row, strict=True) if v] for row in values
                ]
                if for_print
                else [],
            }
        )
    return render_to_string(
        "exports/subject_access.html",
        {
            "person": held.person,
            "tables": tables,
            "staff": staff_named(held),
            "made_at": timezone.now(),
            "for_print": for_print,
        },
    )


def as_pdf(held: Held) -> bytes:
    """The readable copy as a PDF to print or keep (WeasyPrint: the same page,
    laid out on A4)."""
    import weasyprint  # imported here: it takes a moment, and only this export needs it

    return weasyprint.HTML(string=as_html(held, for_print=True)).write_pdf()


def bundle(person) -> bytes:
    """The four forms in one zip file, named by the person's council ID."""
    held = collect(person)
    out = io.BytesIO()
    stem = f"subject-access-{person.council_id}"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{stem}.json", as_json(held))
        archive.writestr(f"{stem}.csv", as_csv(held))
        archive.writestr(f"{stem}.html", as_html(held))
        archive.writestr(f"{stem}.pdf", as_pdf(held))
    return out.getvalue()
