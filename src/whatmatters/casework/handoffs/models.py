"""A handoff: work passed from one team or worker to another, with a reason."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Handoff(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="handoffs")
    at = models.DateTimeField(default=timezone.now)
    from_team = models.ForeignKey("access.Team", on_delete=models.PROTECT, related_name="+")
    from_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    to_team = models.ForeignKey("access.Team", on_delete=models.PROTECT, related_name="+")
    to_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField()
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-pk"]

    @property
    def to_own_team(self) -> bool:
        """A referral to one's own team: shown as such, as the check counts it."""
        return self.from_team_id == self.to_team_id
