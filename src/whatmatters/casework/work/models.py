"""A piece of work with a person: open from first contact until it ends."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from whatmatters.casework.common.cld import CLOSURE_OUTCOME, choices


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
