"""Ending work: achieved as the person sees it, or another recorded reason."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from whatmatters.casework.common.cld import CLOSURE_OUTCOME
from whatmatters.casework.common.forms import GovukForm
from whatmatters.casework.common.wales import OutcomesAchieved, council_is_welsh

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

    def __init__(self, *args, outcomes=(), **kwargs):
        """One question per personal outcome: the closure statement's evaluation,
        required for a Welsh council (SI 2015/1335 reg 6), optional elsewhere."""
        super().__init__(*args, **kwargs)
        required = council_is_welsh()
        for outcome in outcomes:
            name = achieved_field(outcome)
            words = outcome.words if len(outcome.words) <= 80 else outcome.words[:79] + "…"
            self.fields[name] = forms.ChoiceField(
                label=_("How far was “%(words)s” achieved, in the person’s view?")
                % {"words": words},
                widget=forms.RadioSelect,
                required=required,
                choices=OutcomesAchieved.choices
                if required
                else [("", _("Not recorded")), *OutcomesAchieved.choices],
                error_messages={
                    "required": _("Say how far “%(words)s” was achieved, in the person’s view")
                    % {"words": words},
                    "invalid_choice": _("Choose fully, partly or not achieved for “%(words)s”")
                    % {"words": words},
                },
            )

    def evaluations(self, outcomes) -> dict:
        """{outcome: "fully" | "partly" | "not"} for the outcomes the person evaluated."""
        rated = {o: self.cleaned_data.get(achieved_field(o)) for o in outcomes}
        return {o: r for o, r in rated.items() if r}


def achieved_field(outcome) -> str:
    return f"achieved_{outcome.pk}"
