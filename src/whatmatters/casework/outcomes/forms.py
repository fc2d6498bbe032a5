"""Forms for what matters: recording it, rating it, changing its status."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from whatmatters.casework.common.forms import GovukForm, words_field
from whatmatters.casework.outcomes.models import WellbeingArea, WordsBy
from whatmatters.casework.outcomes.status import LABELS, MOVES
from whatmatters.journal.schema import OutcomeStatus


class OutcomeForm(GovukForm):
    words = words_field(
        _("What matters, in the person's words"),
        help_text=_("Write it as they said it, for example: I would like to go shopping"),
    )
    words_by = forms.ChoiceField(
        label=_("Whose words are these?"),
        choices=WordsBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whose words these are")},
    )
    area = forms.ChoiceField(
        label=_("Well-being area (optional)"),
        required=False,
        choices=[("", _("Not chosen")), *WellbeingArea.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["words"].error_messages["required"] = _("Enter what matters to the person")


class RatingForm(GovukForm):
    rating = forms.TypedChoiceField(
        label=_("How far has the person got, in their own view?"),
        help_text=_("0 means not started, 10 means they are there"),
        choices=[(str(n), str(n)) for n in range(11)],
        coerce=int,
        widget=forms.RadioSelect(attrs={"inline": True}),
        error_messages={"required": _("Choose the person's rating from 0 to 10")},
    )
    words = words_field(_("What the person said about it (optional)"), required=False)


class StatusForm(GovukForm):
    to = forms.ChoiceField(label=_("What has changed?"), widget=forms.RadioSelect)
    person_confirms = forms.BooleanField(
        label=_("The person says this is achieved"), required=False
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when what matters changed, or is not achieved after all"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [
            (m.to.value, LABELS[m.to]) for m in MOVES[OutcomeStatus(current)]
        ]
        self.fields["to"].error_messages["required"] = _("Choose what has changed")
