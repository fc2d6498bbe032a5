"""Showing a refused stale form: the other person's change beside the user's text.

After ``EditConflict`` the form is shown again with the user's text kept,
the record's current version (so the next Save is a choice made knowing
what changed) and, for each field the other person changed, what is saved
now beside what the user typed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.utils.formats import date_format

from whatmatters.casework.common.concurrency import CONFLICT_MESSAGE


@dataclass(frozen=True)
class Difference:
    label: str
    saved: str  # the record as it is now (the other person's change)
    yours: str  # what the form says


def reshow(form: forms.Form, record, names, *, more: list[Difference] | None = None) -> None:
    """Re-show ``form`` after a conflict over ``record`` (reloaded here)."""
    record.refresh_from_db()
    data = getattr(form, "cleaned_data", {})
    found = [
        Difference(str(form.fields[name].label), saved, yours)
        for name in names
        if (saved := shown(form.fields[name], getattr(record, name)))
        != (yours := shown(form.fields[name], data.get(name)))
    ]
    form.conflict = [*found, *(more or [])]
    form.add_error(None, CONFLICT_MESSAGE)
    form.data = form.data.copy()
    form.data["version"] = record.version


def shown(field: forms.Field, value) -> str:
    """``value`` as the form's user reads it (a choice's label, a date in words)."""
    if value in (None, ""):
        return "–"
    if isinstance(field, forms.ModelChoiceField):
        return field.label_from_instance(value) if isinstance(value, field.queryset.model) else ""
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
