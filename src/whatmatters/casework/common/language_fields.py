"""The language a contact or conversation was held in, and the Active Offer.

Required for a Welsh council (Welsh Language Standards: record the language and
whether the Active Offer was made), optional elsewhere.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from whatmatters.casework.common.wales import Language, council_is_welsh

NAMES = ("language", "active_offer_made")


def language_field(label) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        widget=forms.RadioSelect,
        choices=Language.choices,
        error_messages={
            "required": _("Choose the language the contact was in"),
            "invalid_choice": _("Choose English, Welsh or another language for the contact"),
        },
    )


def active_offer_field() -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=_("Was the Active Offer made (to be served in Welsh without having to ask)?"),
        widget=forms.RadioSelect,
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        empty_value=None,
        error_messages={
            "required": _("Say whether the Active Offer was made"),
            "invalid_choice": _("Choose yes or no for whether the Active Offer was made"),
        },
    )


def optional_outside_wales(form: forms.Form) -> None:
    """Outside Wales both questions may be left unanswered, and say so."""
    if council_is_welsh():
        return
    for name in NAMES:
        field = form.fields[name]
        field.required = False
        field.label = _("%(label)s (optional)") % {"label": field.label}
