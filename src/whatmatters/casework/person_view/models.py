"""Invitations to the person's own view, and what the person adds in their own words.

An invitation is a one-time link plus a short code the worker gives the
person by another route (said aloud, on paper). The link's token and the
code are stored only as hashes. Once the code is entered the link is spent;
the person's session lasts while the invitation is neither expired nor
revoked, so revoking ends access at once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from whatmatters.casework.stories.sections import Section

# Wrong codes before an invitation stops accepting any (the worker makes a new one).
CODE_ATTEMPTS = 5


class InvitationQuerySet(models.QuerySet):
    def usable(self, now=None):
        now = now or timezone.now()
        return self.filter(
            revoked_at__isnull=True, expires_at__gt=now, failed_codes__lt=CODE_ATTEMPTS
        )


class Invitation(models.Model):
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="invitations"
    )
    for_whom = models.CharField(_("Who is the invitation for?"), max_length=200)
    token_hash = models.CharField(max_length=64, unique=True)
    code_hash = models.CharField(max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    failed_codes = models.PositiveSmallIntegerField(default=0)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"invitation {self.pk}"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.revoked_at is None and self.expires_at > now and self.failed_codes < CODE_ATTEMPTS
        )

    @property
    def state(self) -> str:
        if self.revoked_at:
            return _("Revoked")
        if self.failed_codes >= CODE_ATTEMPTS:
            return _("Stopped: too many wrong codes")
        if self.expires_at <= timezone.now():
            return _("Expired")
        return _("In use") if self.used_at else _("Not used yet")


class About(models.TextChoices):
    """What the person's words are about, besides one action of their plan."""

    WHAT_MATTERS = "what_matters", _("Something that matters to me")
    PLAN = "plan", _("My plan and how it is going")


class TheirWords(models.Model):
    """Something the person (or the one they chose) added through their invitation.

    Kept apart from what workers record, so it is always marked as theirs.
    Words about a paid service wait for the worker to review them: only a
    worker changes a paid service, and the CLD return counts what they do.
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="their_words"
    )
    invitation = models.ForeignKey(Invitation, on_delete=models.PROTECT, related_name="words")
    about = models.CharField(max_length=20, blank=True, choices=About.choices)
    section = models.CharField(max_length=20, blank=True, choices=Section.choices)
    action = models.ForeignKey(
        "plans.Action", null=True, blank=True, on_delete=models.PROTECT, related_name="their_words"
    )
    text = models.TextField(_("In your own words"))
    added_at = models.DateTimeField(default=timezone.now)
    needs_review = models.BooleanField(default=False)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-added_at", "-pk"]

    @property
    def subject(self) -> str:
        if self.action_id:
            return _("About: %(action)s") % {"action": self.action.description}
        if self.section:
            return self.get_section_display()
        return self.get_about_display()

    @property
    def awaiting_review(self) -> bool:
        return self.needs_review and self.reviewed_at is None
