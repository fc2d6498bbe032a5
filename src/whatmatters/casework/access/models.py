"""Teams, staff (a role and a team each) and break-glass grants."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from whatmatters.casework.access.roles import Role


class Team(models.Model):
    name = models.CharField(_("Team name"), max_length=100, unique=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class StaffProfile(models.Model):
    """A member of staff's role and team; a user without one can do nothing."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff"
    )
    role = models.CharField(_("Role"), max_length=32, choices=Role.choices)
    team = models.ForeignKey(
        Team,
        verbose_name=_("Team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    # When they last read the list of break-glass openings of their team's records.
    break_glass_seen_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.get_role_display()})"


class BreakGlassQuerySet(models.QuerySet):
    def active(self, now=None):
        return self.filter(expires_at__gt=now or timezone.now())


class BreakGlassGrant(models.Model):
    """Time-limited access to one person's record, with the reason stated."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="break_glass"
    )
    # The team the person was allocated to when the glass was broken: it is told.
    team = models.ForeignKey(
        Team, null=True, on_delete=models.PROTECT, related_name="break_glass_on_records"
    )
    reason = models.TextField(_("Why you need to see this record"), max_length=2000)
    started_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    objects = BreakGlassQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["user", "person", "expires_at"])]

    @classmethod
    def grant(cls, user, person, reason: str, minutes: int | None = None) -> BreakGlassGrant:
        minutes = minutes or settings.WHATMATTERS_BREAK_GLASS_MINUTES
        now = timezone.now()
        return cls.objects.create(
            user=user,
            person=person,
            team_id=person.team_id,
            reason=reason,
            started_at=now,
            expires_at=now + timedelta(minutes=minutes),
        )
