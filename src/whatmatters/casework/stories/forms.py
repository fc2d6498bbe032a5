"""The conversation form: one box per About Me section, showing what is known."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from whatmatters.casework.common.forms import DatePartsField, GovukForm, words_field
from whatmatters.casework.common.language_fields import (
    active_offer_field,
    language_field,
    optional_outside_wales,
)
from whatmatters.casework.stories.sections import Section


class ConversationForm(GovukForm):
    held_on = DatePartsField(
        label=_("Date of the conversation"),
        past_only=True,
        error_messages={"required": _("Enter the date of the conversation")},
    )
    supported_by = forms.CharField(
        label=_("Who supported the person to tell their story (optional)"),
        help_text=_("For example: their daughter Sam, an advocate, no one"),
        max_length=200,
        required=False,
    )
    language = language_field(_("What language was the conversation in?"))
    active_offer_made = active_offer_field()
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for section in Section:
            self.fields[section.value] = words_field(section.label, required=False)
        optional_outside_wales(self)

    def section_fields(self):
        return [self[s.value] for s in Section]

    def texts(self) -> dict[Section, str]:
        return {s: self.cleaned_data.get(s.value, "") for s in Section}
