"""The handoff form: to which team (and worker), and why."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from whatmatters.casework.access.models import Team
from whatmatters.casework.access.roles import Role
from whatmatters.casework.common.forms import GovukForm
from whatmatters.casework.handoffs.reasons import says_something, too_short


class HandoffForm(GovukForm):
    to_team = forms.ModelChoiceField(
        label=_("Pass the work to which team?"),
        queryset=Team.objects.all(),
        empty_label=_("Choose a team"),
        error_messages={"required": _("Choose the team to pass the work to")},
    )
    to_worker = forms.ModelChoiceField(
        label=_("To which worker (optional)?"),
        required=False,
        queryset=get_user_model()
        .objects.filter(is_active=True, staff__role__in=[Role.FRONTLINE_WORKER, Role.TEAM_LEADER])
        .order_by("username"),
        empty_label=_("Leave with the team to allocate"),
        help_text=_("Only workers in the chosen team can take it"),
    )
    reason = forms.CharField(
        label=_("Why is the work being passed on?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The person and the next worker will see this reason"),
        error_messages={"required": _("Enter why the work is being passed on")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"]
        if not says_something(reason):
            raise forms.ValidationError(too_short())
        return reason

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_worker"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username} ({u.staff.team or '-'})"
        )
