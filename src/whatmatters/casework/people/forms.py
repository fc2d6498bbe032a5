"""Forms for finding, creating and correcting a person's details."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from whatmatters.casework.common.cld import GENDER
from whatmatters.casework.common.forms import DatePartsField, GovukForm
from whatmatters.casework.people import nhs_number
from whatmatters.casework.people.models import Language

_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$")


# The CLD gender codes are stored as they are; the page shows them in the reader's language.
GENDER_LABELS = {"Male": _("Male"), "Female": _("Female"), "Unknown": _("Unknown")}


class FindForm(GovukForm):
    q = forms.CharField(
        label=_("Name, date of birth, NHS number or council ID"),
        help_text=_("For example: Jones 3/4/1941, or 943 476 5919"),
        max_length=200,
        required=False,
    )


class PersonForm(GovukForm):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        error_messages={"required": _("Enter the person's first name")},
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        error_messages={"required": _("Enter the person's last name")},
    )
    preferred_name = forms.CharField(
        label=_("Preferred name (optional)"),
        max_length=100,
        required=False,
        help_text=_("What the person likes to be called"),
    )
    date_of_birth = DatePartsField(
        label=_("Date of birth"),
        help_text=_("For example, 27 3 1948"),
        past_only=True,
        required=False,
    )
    nhs_number = forms.CharField(
        label=_("NHS number (optional)"),
        max_length=13,
        required=False,
        validators=[nhs_number.validate],
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
    )
    gender = forms.ChoiceField(
        label=_("Gender (optional)"),
        required=False,
        choices=[(g, GENDER_LABELS.get(g, g)) for g in GENDER],
        widget=forms.RadioSelect(attrs={"inline": True}),
    )
    postcode = forms.CharField(
        label=_("Postcode (optional)"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Which language does the person prefer?"),
        help_text=_("Their own pages and copies of their records are in this language"),
        choices=Language.choices,
        initial=Language.ENGLISH,
        required=False,  # none chosen: English, as before the question was asked
        widget=forms.RadioSelect(attrs={"inline": True}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_nhs_number(self) -> str:
        return nhs_number.normalise(self.cleaned_data["nhs_number"])

    def clean_preferred_language(self) -> str:
        return self.cleaned_data["preferred_language"] or Language.ENGLISH

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"].upper().strip()
        if value and not _POSTCODE.match(value):
            raise forms.ValidationError(_("Enter a real postcode, like CF10 1AA"))
        return value


class NewPersonForm(PersonForm):
    not_a_duplicate = forms.BooleanField(
        label=_("None of the people listed is this person: create a new record"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["version"]
