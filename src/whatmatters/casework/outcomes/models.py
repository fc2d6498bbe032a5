"""Outcomes: what matters to the person, in their words, with their ratings."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from whatmatters.casework.outcomes.status import LABELS
from whatmatters.journal.schema import OutcomeStatus


class WordsBy(models.TextChoices):
    PERSON = "person", _("The person's own words")
    WORKER = "worker", _("The worker's words")
    JOINT = "joint", _("Agreed together")


class WellbeingArea(models.TextChoices):
    """Well-being areas of the Social Services and Well-being (Wales) Act 2014, s.2."""

    HEALTH = "health", _("Physical and mental health and emotional well-being")
    PROTECTION = "protection", _("Protection from abuse and neglect")
    LEARNING = "learning", _("Education, training and recreation")
    RELATIONSHIPS = "relationships", _("Domestic, family and personal relationships")
    CONTRIBUTION = "contribution", _("Contribution made to society")
    RIGHTS = "rights", _("Securing rights and entitlements")
    ECONOMIC = "economic", _("Social and economic well-being")
    HOME = "home", _("Suitability of living accommodation")
    CONTROL = "control", _("Control over day-to-day life")
    WORK = "work", _("Participation in work")


class Outcome(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="outcomes")
    work = models.ForeignKey("work.Work", null=True, on_delete=models.PROTECT, related_name="+")
    words = models.TextField(_("What matters, in the person's words"))
    words_by = models.CharField(_("Whose words are these?"), max_length=10, choices=WordsBy.choices)
    area = models.CharField(
        _("Well-being area (optional)"), max_length=20, blank=True, choices=WellbeingArea.choices
    )
    status = models.CharField(
        max_length=20,
        choices=[(s.value, LABELS[s]) for s in OutcomeStatus],
        default=OutcomeStatus.WORKING_ON_IT,
    )
    version = models.PositiveIntegerField(default=1)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return self.words[:80]

    @property
    def latest_rating(self):
        return self.ratings.order_by("-rated_at", "-pk").first()


class Rating(models.Model):
    """The person's own rating of how far they have got (0 = not at all, 10 = there)."""

    outcome = models.ForeignKey(Outcome, on_delete=models.PROTECT, related_name="ratings")
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    words = models.TextField(blank=True)
    rated_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["rated_at", "pk"]


class StatusChange(models.Model):
    outcome = models.ForeignKey(Outcome, on_delete=models.PROTECT, related_name="status_changes")
    from_status = models.CharField(max_length=20)
    to_status = models.CharField(max_length=20)
    reason = models.TextField(blank=True)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["changed_at", "pk"]
