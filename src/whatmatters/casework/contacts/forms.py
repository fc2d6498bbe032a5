"""The contact form: who, how, what they said, and what kind of demand it was."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from whatmatters.casework.common.forms import GovukForm, words_field
from whatmatters.casework.common.language_fields import (
    active_offer_field,
    language_field,
    optional_outside_wales,
)
from whatmatters.casework.contacts.models import DEMAND_LABELS, Channel, ContactFrom, FailureReason
from whatmatters.journal.schema import DemandType


class ContactForm(GovukForm):
    channel = forms.ChoiceField(
        label=_("How did they get in touch?"),
        choices=Channel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how they got in touch")},
    )
    contact_from = forms.ChoiceField(
        label=_("Who got in touch?"),
        choices=ContactFrom.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who got in touch")},
    )
    who = forms.CharField(label=_("Their name (optional)"), max_length=200, required=False)
    words = words_field(
        _("What they said, in their own words"),
        help_text=_("Write it down as they said it, not as a category"),
    )
    demand_type = forms.ChoiceField(
        label=_("What kind of demand is this?"),
        widget=forms.RadioSelect,
        choices=[(d.value, DEMAND_LABELS[d]) for d in DemandType],
        error_messages={"required": _("Choose whether this is value or failure demand")},
    )
    failure_reason = forms.ChoiceField(
        label=_("If failure demand: what failed?"),
        required=False,
        choices=[("", _("Choose")), *FailureReason.choices],
    )
    failure_detail = forms.CharField(
        label=_("More about the failure (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    resolved_first_point = forms.TypedChoiceField(
        label=_("Was it resolved at this first point of contact?"),
        widget=forms.RadioSelect,
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        error_messages={"required": _("Say whether it was resolved at the first point")},
    )
    next_step = forms.CharField(
        label=_("What happens next (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    language = language_field(_("What language was the contact in?"))
    active_offer_made = active_offer_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["words"].error_messages["required"] = _("Enter what they said")
        optional_outside_wales(self)

    def clean(self):
        data = super().clean()
        if data.get("demand_type") == DemandType.FAILURE and not data.get("failure_reason"):
            self.add_error("failure_reason", _("Choose what failed, for failure demand"))
        return data
