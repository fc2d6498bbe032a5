"""Form parts shared by every casework form (GOV.UK Design System markup)."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Limits: long enough for anything a person says, short enough to refuse abuse.
WORDS_MAX = 5000
SHORT_MAX = 200


class GovukForm(forms.Form):
    """A form whose errors the error summary can link to field by field.

    Errors a field does not word itself are said with its label, the GOV.UK
    way ("Enter the hours a week", "Hours a week must be 168 or less"), not
    Django's "This field is required."
    """

    template_name = "govuk/form_fields.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            plain_messages(field)

    def summary_errors(self) -> list[tuple[str, str]]:
        """(anchor, message) for every error, in field order, for the summary."""
        items: list[tuple[str, str]] = []
        for message in self.non_field_errors():
            items.append(("#main-content", message))
        for name in self.fields:
            if name in self.errors:
                bound = self[name]
                for message in self.errors[name]:
                    items.append((f"#{anchor_id(bound)}", message))
        return items


def plain_messages(field: forms.Field) -> None:
    """Word ``field``'s default errors with its label (its own wording is kept)."""
    label = _label_in_sentence(str(field.label or ""))
    if not label:
        return
    messages = field.error_messages

    def default(code: str) -> bool:
        # Django's own message object, whatever language the page is in
        return any(
            messages.get(code) is getattr(kind, "default_error_messages", {}).get(code)
            for kind in type(field).__mro__
        )

    if default("required"):
        choose = isinstance(field, forms.ChoiceField | forms.ModelChoiceField)
        asking = _("Select %(label)s") if choose else _("Enter %(label)s")
        messages["required"] = asking % {"label": label}
    if isinstance(field, forms.FloatField | forms.IntegerField) and default("invalid"):
        messages["invalid"] = _("Enter %(label)s as a number") % {"label": label}
    # Django fills in %(limit_value)s itself (its validators' codes, if the field has none).
    sentence = {"label": label[:1].upper() + label[1:], "limit": "%(limit_value)s"}
    limits = {
        "min_value": _("%(label)s must be %(limit)s or more"),
        "max_value": _("%(label)s must be %(limit)s or less"),
        "min_length": _("%(label)s must be %(limit)s characters or more"),
        "max_length": _("%(label)s must be %(limit)s characters or fewer"),
    }
    for code, message in limits.items():
        if getattr(field, code, None) is not None and code not in messages:
            messages[code] = message % sentence


def _label_in_sentence(label: str) -> str:
    """ "Hours a week (optional)" → "hours a week"; "NHS number" stays as it is."""
    label = re.sub(r"\s*\([^)]*\)\s*$", "", label).strip()
    if len(label) > 1 and label[1].islower():
        label = label[0].lower() + label[1:]
    return label


def anchor_id(bound: forms.BoundField) -> str:
    """The id of the first input of a field (what an error link must focus)."""
    if isinstance(bound.field.widget, forms.MultiWidget | forms.RadioSelect):
        return f"{bound.auto_id}_0"
    return bound.auto_id


def words_field(label, *, required: bool = True, help_text: str = "") -> forms.CharField:
    """A person's own words: kept exactly as written (not trimmed)."""
    return forms.CharField(
        label=label,
        required=required,
        strip=False,
        max_length=WORDS_MAX,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DatePartsWidget(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes."""

    template_name = "govuk/date_widget.html"

    def __init__(self, attrs=None):
        box = {"inputmode": "numeric", "class": "govuk-input govuk-date-input__input"}
        super().__init__(
            [
                forms.TextInput({**box, "class": box["class"] + " govuk-input--width-2"}),
                forms.TextInput({**box, "class": box["class"] + " govuk-input--width-2"}),
                forms.TextInput({**box, "class": box["class"] + " govuk-input--width-4"}),
            ],
            attrs,
        )

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DatePartsField(forms.MultiValueField):
    """A date entered as day, month and year, with errors in plain words."""

    widget = DatePartsWidget

    def __init__(self, *, past_only: bool = False, future_only: bool = False, **kwargs):
        self.past_only, self.future_only = past_only, future_only
        too_long = _("Enter the date as numbers, like 27 3 1948")
        part = forms.CharField(
            max_length=4, required=False, error_messages={"max_length": too_long}
        )
        super().__init__(fields=(part, part, part), require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(v or "").strip() for v in data_list)
        if not (day and month and year):
            raise ValidationError(_("Enter a day, month and year"), "incomplete")
        if not (day.isdigit() and month.isdigit() and year.isdigit() and len(year) == 4):
            raise ValidationError(_("Enter the date as numbers, like 27 3 1948"), "invalid")
        try:
            value = datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(_("Enter a real date"), "invalid") from None
        if value.year < 1880:
            raise ValidationError(_("Enter a year after 1880"), "invalid")
        if self.past_only and value > datetime.date.today():
            raise ValidationError(_("The date must be today or in the past"), "future")
        if self.future_only and value < datetime.date.today():
            raise ValidationError(_("The date must be today or in the future"), "past")
        return value
