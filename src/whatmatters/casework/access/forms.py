"""Sign-in and break-glass forms."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from whatmatters.casework.common.forms import GovukForm


class SignInForm(AuthenticationForm):
    """Django's sign-in form, with GOV.UK error summary links."""

    template_name = "govuk/form_fields.html"
    error_messages = {
        "invalid_login": _("Enter a correct username and password (both are case-sensitive)"),
        "inactive": _("This account cannot sign in: ask an administrator"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = _("Enter your username")
        self.fields["password"].error_messages["required"] = _("Enter your password")

    def summary_errors(self) -> list[tuple[str, str]]:
        items = [("#id_username", m) for m in self.non_field_errors()]
        for name in self.fields:
            for message in self.errors.get(name, []):
                items.append((f"#id_{name}", message))
        return items


class BreakGlassForm(GovukForm):
    reason = forms.CharField(
        label=_("Why do you need to see this person's record?"),
        help_text=_(
            "Your reason is kept in the audit log with every page you open. "
            "Access ends by itself after the time shown."
        ),
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Enter why you need to see this record"),
            "min_length": _("Give a fuller reason (at least 10 characters)"),
        },
    )
