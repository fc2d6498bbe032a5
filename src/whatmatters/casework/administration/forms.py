"""Forms for staff accounts and teams."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from whatmatters.casework.access.models import Team
from whatmatters.casework.access.roles import Role
from whatmatters.casework.common.forms import GovukForm

TEAM_ROLES = (Role.FRONTLINE_WORKER, Role.TEAM_LEADER)


class StaffForm(GovukForm):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("Email address"), required=False, max_length=254)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a role")},
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.all(),
        required=False,
        empty_label=_("No team"),
        help_text=_("Frontline workers and team leaders need a team"),
    )
    is_active = forms.BooleanField(label=_("Can sign in"), required=False, initial=True)

    def clean(self):
        data = super().clean()
        if data.get("role") in TEAM_ROLES and not data.get("team"):
            self.add_error("team", _("Choose the team this person works in"))
        if data.get("role") not in TEAM_ROLES:
            data["team"] = None
        return data


class NewStaffForm(StaffForm):
    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Use letters, numbers and . @ + - _ only")},
    )
    password = forms.CharField(
        label=_("First password"),
        widget=forms.PasswordInput(render_value=False),
        max_length=200,
        help_text=_("At least 12 characters; they should change it"),
    )
    field_order = ["username", "password"]

    def clean_username(self):
        name = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=name).exists():
            raise forms.ValidationError(_("That username is taken"))
        return name

    def clean_password(self):
        password = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return password


class TeamForm(GovukForm):
    name = forms.CharField(
        label=_("Team name"),
        max_length=100,
        error_messages={"required": _("Enter the team's name")},
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Team.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError(_("There is already a team with that name"))
        return name
