"""Forms for invitations (the worker's) and the person's own words (theirs)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from whatmatters.casework.common.forms import SHORT_MAX, GovukForm, words_field
from whatmatters.casework.people.models import Language
from whatmatters.casework.person_view.invitations import CODE_LENGTH, DAYS_DEFAULT, DAYS_MAX


class InvitationForm(GovukForm):
    for_whom = forms.CharField(
        label=_("Who is the invitation for?"),
        help_text=_("The person, or someone they have chosen, for example: Mary, or her son Joe"),
        max_length=SHORT_MAX,
    )
    language = forms.ChoiceField(
        label=_("Which language do they want to read it in?"),
        choices=Language.choices,
        widget=forms.RadioSelect,
    )
    days = forms.IntegerField(
        label=_("Days the invitation lasts"),
        min_value=1,
        max_value=DAYS_MAX,
        initial=DAYS_DEFAULT,
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-2"}),
    )


class CodeForm(GovukForm):
    code = forms.CharField(
        label=_("Code"),
        help_text=_("The code your worker gave you, for example ABCD-2345"),
        max_length=CODE_LENGTH + 4,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "autocapitalize": "characters",
            }
        ),
    )


class TheirWordsForm(GovukForm):
    subject = forms.ChoiceField(label=_("What is it about?"), widget=forms.RadioSelect)
    text = words_field(_("In your own words"))

    def __init__(self, *args, subjects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = subjects
        self.fields["text"].error_messages["required"] = _("Write what you would like to add")
