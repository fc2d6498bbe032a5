"""Ending work: achieved as the person sees it, or another recorded reason."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from whatmatters.casework.common.cld import CLOSURE_OUTCOME
from whatmatters.casework.common.forms import GovukForm

ACHIEVED = "achieved"


class CloseForm(GovukForm):
    how = forms.ChoiceField(
        label=_("Why is the work ending?"),
        widget=forms.RadioSelect,
        choices=[
            (ACHIEVED, _("The person says what matters is achieved")),
            *((o, o) for o in CLOSURE_OUTCOME if o != "NFA: Support ended as planned"),
        ],
        error_messages={"required": _("Choose why the work is ending")},
    )
    reason = forms.CharField(
        label=_("Reason, in words"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed unless the person says what matters is achieved"),
    )
