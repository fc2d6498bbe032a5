"""The roles a member of staff can hold (one each)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    FRONTLINE_WORKER = "frontline_worker", _("Frontline worker")
    TEAM_LEADER = "team_leader", _("Team leader")
    ANALYST = "analyst", _("Analyst")
    ADMINISTRATOR = "administrator", _("Administrator")
