"""A co-produced plan: actions towards the person's outcomes, and its reviews.

A paid service is one kind of action among others, never the menu: an
action by the person, family, a friend, a community group or another
unpaid carer is recorded the same way.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from whatmatters.casework.common.cld import (
    COST_FREQUENCY,
    DELIVERY_MECHANISM,
    SERVICE_COMPONENT,
    SERVICE_TYPE,
    choices,
    units_per_week,
    weekly_cost,
)
from whatmatters.casework.common.wales import ReviewDecision
from whatmatters.journal.schema import ActionBy

ACTION_BY_LABELS = {
    ActionBy.SELF: _("The person"),
    ActionBy.FAMILY: _("Family"),
    ActionBy.FRIEND: _("A friend"),
    ActionBy.COMMUNITY: _("A community group"),
    ActionBy.UNPAID_CARER: _("Another unpaid carer"),
    ActionBy.PAID_SERVICE: _("A paid service"),
}


class Ending(models.TextChoices):
    """How an action came to an end."""

    DONE = "done", _("Done")
    STOPPED = "stopped", _("Ended")
    WORK_CLOSED = "work_closed", _("Ended when the work closed")


class Plan(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="plans")
    work = models.ForeignKey("work.Work", null=True, on_delete=models.PROTECT, related_name="+")
    made_on = models.DateField(default=timezone.localdate)
    made_with = models.CharField(_("Who made the plan with the person"), max_length=200, blank=True)
    review_on = models.DateField(_("Review date"), null=True, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-made_on", "-pk"]

    @property
    def is_open(self) -> bool:
        """A plan belongs to a piece of work; once the work is closed it is read-only."""
        return self.work is None or self.work.closed_at is None


class Action(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="actions")
    outcome = models.ForeignKey(
        "outcomes.Outcome",
        verbose_name=_("Towards what matters"),
        on_delete=models.PROTECT,
        related_name="actions",
    )
    description = models.TextField(_("What will be done"))
    action_by = models.CharField(
        _("Who does it"), max_length=20, choices=[(a.value, ACTION_BY_LABELS[a]) for a in ActionBy]
    )
    who = models.CharField(_("Name of the person, group or provider"), max_length=200, blank=True)
    when = models.CharField(_("When"), max_length=200, blank=True)
    starts_on = models.DateField(_("Starts on"), null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    ended_how = models.CharField(max_length=20, blank=True, choices=Ending.choices)
    done_by = models.CharField(_("Who did it"), max_length=200, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A paid service's CLD fields.
    service_type = models.CharField(max_length=80, blank=True, choices=choices(SERVICE_TYPE))
    service_component = models.CharField(
        max_length=80, blank=True, choices=choices(SERVICE_COMPONENT)
    )
    delivery_mechanism = models.CharField(
        max_length=80, blank=True, choices=choices(DELIVERY_MECHANISM)
    )
    hours_per_week = models.FloatField(null=True, blank=True)
    unit_cost = models.FloatField(null=True, blank=True)
    cost_frequency = models.CharField(max_length=40, blank=True, choices=choices(COST_FREQUENCY))
    planned_units_per_week = models.FloatField(null=True, blank=True)
    journal_event_id = models.CharField(max_length=80, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["outcome_id", "created_at", "pk"]

    @property
    def is_paid(self) -> bool:
        return self.action_by == ActionBy.PAID_SERVICE

    @property
    def units_per_week(self) -> float | None:
        return units_per_week(self.cost_frequency, self.planned_units_per_week)

    @property
    def weekly_cost(self) -> float | None:
        return weekly_cost(self.unit_cost, self.cost_frequency, self.planned_units_per_week)

    def action_by_label(self) -> str:
        return ACTION_BY_LABELS[ActionBy(self.action_by)]


class Review(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField(default=timezone.localdate)
    notes = models.TextField(_("What the person said about the plan"))
    next_review_on = models.DateField(_("Next review date"), null=True, blank=True)
    # Confirm, revise or close (SI 2015/1335 reg 6); empty on reviews recorded before it was asked.
    decision = models.CharField(
        _("Decision"), max_length=10, blank=True, choices=ReviewDecision.choices
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
