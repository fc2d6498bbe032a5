"""Audit entries: written once, never changed or deleted through the application.

The queryset refuses ``update`` and ``delete``, the model refuses a second
``save`` and ``delete``, and database triggers (see the migrations) refuse
UPDATE and DELETE on the table itself, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    VIEW = "view", _("Viewed")
    CREATE = "create", _("Created")
    CHANGE = "change", _("Changed")
    BREAK_GLASS = "break_glass", _("Break-glass access")
    DENIED = "denied", _("Refused access")


class AppendOnlyError(Exception):
    """Something tried to change or delete an audit entry."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit entries cannot be changed")

    def delete(self):
        raise AppendOnlyError("audit entries cannot be deleted")

    def bulk_update(self, *args, **kwargs):
        raise AppendOnlyError("audit entries cannot be changed")


class AuditEntry(models.Model):
    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    username = models.CharField(max_length=150)
    role = models.CharField(max_length=32, blank=True)
    action = models.CharField(max_length=16, choices=AuditAction.choices)
    person = models.ForeignKey(
        "people.Person", null=True, on_delete=models.PROTECT, related_name="audit_entries"
    )
    what = models.CharField(max_length=200)
    detail = models.TextField(blank=True)
    path = models.CharField(max_length=500, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["person", "-at"])]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit entries cannot be deleted")
