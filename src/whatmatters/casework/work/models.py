"""A piece of work with a person: open from first contact until it ends."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from whatmatters.casework.common.cld import CLOSURE_OUTCOME, choices
from whatmatters.casework.common.wales import OutcomesAchieved


class Work(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="work")
    opened_at = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closure_outcome = models.CharField(
        _("Why the work ended"), max_length=80, blank=True, choices=choices(CLOSURE_OUTCOME)
    )
    closure_reason = models.TextField(_("Reason"), blank=True)
    # The closure statement's evaluation over all outcomes (see common.wales.overall).
    outcomes_achieved = models.CharField(
        max_length=10, blank=True, choices=OutcomesAchieved.choices
    )
    journal_event_id = models.CharField(max_length=80, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(closed_at__isnull=True),
                name="one_open_work_per_person",
            )
        ]

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class OutcomeAtClosure(models.Model):
    """The closure statement: how far one personal outcome was achieved, in the person's view."""

    work = models.ForeignKey(Work, on_delete=models.PROTECT, related_name="closure_statement")
    outcome = models.ForeignKey("outcomes.Outcome", on_delete=models.PROTECT, related_name="+")
    achieved = models.CharField(max_length=10, choices=OutcomesAchieved.choices)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["work", "outcome"], name="one_evaluation_per_outcome")
        ]
