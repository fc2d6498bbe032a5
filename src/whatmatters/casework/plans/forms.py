"""Forms for the co-produced plan."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from whatmatters.casework.common.cld import (
    COST_FREQUENCY,
    DELIVERY_MECHANISM,
    SERVICE_COMPONENT,
    SERVICE_TYPE,
)
from whatmatters.casework.common.forms import DatePartsField, GovukForm, words_field
from whatmatters.casework.common.wales import ReviewDecision
from whatmatters.casework.plans.models import ACTION_BY_LABELS
from whatmatters.journal.schema import ActionBy

PAID_SERVICE_FIELDS = (
    "service_type",
    "service_component",
    "delivery_mechanism",
    "hours_per_week",
    "unit_cost",
    "cost_frequency",
    "planned_units_per_week",
)


def _coded(values) -> list[tuple[str, str]]:
    return [("", _("Choose")), *((v, v) for v in values)]


class PlanForm(GovukForm):
    made_with = forms.CharField(
        label=_("Who made the plan with the person"),
        max_length=200,
        help_text=_("For example: the person, their son Joe, and me"),
        error_messages={"required": _("Enter who made the plan with the person")},
    )
    review_on = DatePartsField(label=_("Review date (optional)"), required=False, future_only=True)


class ActionForm(GovukForm):
    outcome = forms.ModelChoiceField(
        label=_("Towards what matters"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose what matters this action works towards")},
    )
    description = forms.CharField(
        label=_("What will be done"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter what will be done")},
    )
    action_by = forms.ChoiceField(
        label=_("Who does it"),
        widget=forms.RadioSelect,
        choices=[(a.value, ACTION_BY_LABELS[a]) for a in ActionBy],
        error_messages={"required": _("Choose who does it")},
    )
    who = forms.CharField(
        label=_("Name of the person, group or provider (optional)"),
        max_length=200,
        required=False,
        help_text=_("For example: Tuesday Lunch Club, her daughter Ann"),
    )
    when = forms.CharField(
        label=_("When"),
        max_length=200,
        help_text=_("For example: every Tuesday morning"),
        error_messages={"required": _("Enter when it happens")},
    )
    starts_on = DatePartsField(label=_("Starts on (optional)"), required=False)
    service_type = forms.ChoiceField(
        label=_("Service type (CLD)"), required=False, choices=_coded(SERVICE_TYPE)
    )
    service_component = forms.ChoiceField(
        label=_("Service component (CLD)"), required=False, choices=_coded(SERVICE_COMPONENT)
    )
    delivery_mechanism = forms.ChoiceField(
        label=_("Delivery mechanism (CLD, optional)"),
        required=False,
        choices=_coded(DELIVERY_MECHANISM),
    )
    hours_per_week = forms.FloatField(
        label=_("Hours a week"),
        required=False,
        min_value=0,
        max_value=168,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5", "step": "0.25"}),
    )
    unit_cost = forms.FloatField(
        label=_("Unit cost (£)"),
        required=False,
        min_value=0,
        max_value=100000,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5", "step": "0.01"}),
    )
    cost_frequency = forms.ChoiceField(
        label=_("Cost frequency (unit type)"), required=False, choices=_coded(COST_FREQUENCY)
    )
    planned_units_per_week = forms.FloatField(
        label=_("Planned units a week (for daily or per-session costs)"),
        required=False,
        min_value=0,
        max_value=1000,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5", "step": "0.25"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, outcomes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = outcomes
        self.fields["outcome"].label_from_instance = lambda o: o.words

    def paid_fields(self):
        return [self[name] for name in PAID_SERVICE_FIELDS]

    def plain_fields(self):
        return [self[n] for n in self.fields if n not in PAID_SERVICE_FIELDS and n != "version"]

    def clean(self):
        data = super().clean()
        if data.get("action_by") != ActionBy.PAID_SERVICE:
            # The paid-service fields are shown without JavaScript too: ignore them.
            for name in PAID_SERVICE_FIELDS:
                self.errors.pop(name, None)
                data[name] = None
            return data
        required = {
            "service_type": _("Choose the CLD service type of the paid service"),
            "service_component": _("Choose the CLD service component of the paid service"),
            "cost_frequency": _("Choose how often the unit cost is charged"),
            "unit_cost": _("Enter the unit cost of the paid service"),
        }
        for name, message in required.items():
            if data.get(name) in (None, ""):
                self.add_error(name, message)
        frequency = data.get("cost_frequency")
        if frequency == "Hourly" and "hours_per_week" not in self.errors:
            if data.get("hours_per_week") is None:
                self.add_error("hours_per_week", _("Enter the hours a week of an hourly service"))
            elif data.get("planned_units_per_week") is None:
                data["planned_units_per_week"] = data["hours_per_week"]
        if frequency in ("Daily", "Per session") and data.get("planned_units_per_week") is None:
            self.add_error(
                "planned_units_per_week", _("Enter how many days or sessions a week are planned")
            )
        return data

    def action_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        for name in ("service_type", "service_component", "delivery_mechanism", "cost_frequency"):
            data[name] = data.get(name) or ""
        return data


class EndActionForm(GovukForm):
    ended_on = DatePartsField(
        label=_("Ended on"),
        past_only=True,
        error_messages={"required": _("Enter the date the action ended")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, started: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.started = started

    def clean_ended_on(self) -> datetime.date:
        ended = self.cleaned_data["ended_on"]
        if ended < self.started:
            raise forms.ValidationError(
                _("The action cannot end before it started, on %(date)s"),
                params={"date": date_format(self.started, "j F Y")},
            )
        return ended


class DoneActionForm(EndActionForm):
    """An action done: when, and who did it (the person, their family, a group…)."""

    done_by = forms.CharField(
        label=_("Who did it"),
        max_length=200,
        help_text=_("For example: Mary and her daughter Ann"),
        error_messages={"required": _("Enter who did it")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ended_on"].label = _("Done on")
        self.fields["ended_on"].error_messages["required"] = _("Enter the date it was done")
        self.order_fields(["done_by", "ended_on", "version"])


class ReviewForm(GovukForm):
    notes = words_field(_("What the person said about the plan"))
    decision = forms.ChoiceField(
        label=_("What did the review decide?"),
        widget=forms.RadioSelect,
        choices=ReviewDecision.choices,
        error_messages={
            "required": _("Choose whether the review confirms, revises or closes the plan"),
            "invalid_choice": _("Choose confirm, revise or close for the review’s decision"),
        },
    )
    next_review_on = DatePartsField(
        label=_("Next review date (optional)"), required=False, future_only=True
    )
