"""The PRSB About Me (v2.0) sections a person's story is written under."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Section(models.TextChoices):
    MOST_IMPORTANT = "most_important", _("What is most important to me")
    PEOPLE = "people", _("People who are important to me")
    COMMUNICATION = "communication", _("How I communicate and how to communicate with me")
    WELLNESS = "wellness", _("My wellness")
    DO_AND_DONT = "do_and_dont", _("Please do and please do not")
    SUPPORT = "support", _("How and when to support me")
    ALSO = "also", _("Also worth knowing about me")
