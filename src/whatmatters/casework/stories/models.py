"""What-matters conversations and the story they build, version by version.

Each conversation adds entries to sections of the person's story; nothing
is overwritten. Version N of the story is everything said in conversations
1 to N, so every version stays viewable.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from whatmatters.casework.common.wales import Language
from whatmatters.casework.stories.sections import Section


class Conversation(models.Model):
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="conversations"
    )
    number = models.PositiveIntegerField(help_text="The story version this conversation made.")
    held_on = models.DateField(_("Date of the conversation"), default=timezone.localdate)
    supported_by = models.CharField(
        _("Who supported the person to tell their story"), max_length=200, blank=True
    )
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    # Welsh Language Standards: the conversation's language and the Active Offer.
    language = models.CharField(max_length=10, blank=True, choices=Language.choices)
    active_offer_made = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["person", "number"], name="one_story_version")
        ]


class StoryEntry(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.PROTECT, related_name="entries")
    section = models.CharField(max_length=20, choices=Section.choices)
    text = models.TextField()

    class Meta:
        ordering = ["conversation__number", "pk"]
