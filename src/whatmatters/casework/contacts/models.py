"""A contact: someone got in touch. Logged as demand, in their own words."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from whatmatters.casework.common.wales import Language
from whatmatters.journal.schema import DemandType


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    LETTER = "letter", _("Letter")
    VISIT = "visit", _("Visit")
    ONLINE = "online", _("Online form")
    IN_PERSON = "in person", _("In person")


class ContactFrom(models.TextChoices):
    PERSON = "person", _("The person")
    FAMILY = "family", _("Family")
    FRIEND = "friend", _("A friend or neighbour")
    PROFESSIONAL = "professional", _("A professional")
    OTHER = "other", _("Someone else")


DEMAND_LABELS = {
    DemandType.VALUE: _("Value demand: what we are here to provide"),
    DemandType.FAILURE: _(
        "Failure demand: caused by us not doing something, or not doing it right"
    ),
    DemandType.UNKNOWN: _("Not sure"),
}


class FailureReason(models.TextChoices):
    """Why failure demand happened (in the person's terms)."""

    CHASING = "chasing", _("Chasing: progress or something promised")
    REPEATING = "repeating", _("Repeating what they already told us")
    CAME_BACK = "came back", _("Came back: what mattered was not achieved")
    CORRECTING = "correcting", _("Correcting something we got wrong")
    NOT_DONE = "not done", _("Something was not done, or not done right")
    OTHER = "other", _("Other")


class Contact(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="contacts")
    work = models.ForeignKey("work.Work", null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    contact_from = models.CharField(max_length=20, choices=ContactFrom.choices)
    who = models.CharField(max_length=200, blank=True)
    words = models.TextField()
    demand_type = models.CharField(
        max_length=10, choices=[(d.value, DEMAND_LABELS[d]) for d in DemandType]
    )
    failure_reason = models.CharField(max_length=20, blank=True, choices=FailureReason.choices)
    failure_detail = models.TextField(blank=True)
    resolved_first_point = models.BooleanField()
    next_step = models.TextField(blank=True)
    # Welsh Language Standards: the language the contact was held in, and whether
    # the Active Offer was made (empty / unknown where not recorded).
    language = models.CharField(max_length=10, blank=True, choices=Language.choices)
    active_offer_made = models.BooleanField(null=True, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-pk"]
