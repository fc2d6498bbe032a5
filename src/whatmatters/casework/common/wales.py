"""Welsh casework: whether the council is Welsh, and the Welsh choices workers record.

A Welsh council (its code an ONS W06 code, e.g. W06000015) works under the
Social Services and Well-being (Wales) Act 2014: a plan's closure statement
evaluates each personal outcome (SI 2015/1335 reg 6) and every contact
records its language and the Active Offer (Welsh Language Standards). Elsewhere
the same fields are offered but optional. The stored values are the journal's
Welsh codes (``whatmatters.journal.wales.template``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def council_is_welsh() -> bool:
    return str(settings.WHATMATTERS_COUNCIL).upper().startswith("W")


class OutcomesAchieved(models.TextChoices):
    """How far a personal outcome was achieved, in the person's view."""

    FULLY = "fully", _("Fully achieved")
    PARTLY = "partly", _("Partly achieved")
    NOT = "not", _("Not achieved")


class ReviewDecision(models.TextChoices):
    CONFIRM = "confirm", _("Confirm the plan as it is")
    REVISE = "revise", _("Revise the plan")
    CLOSE = "close", _("Close the plan")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    WELSH = "cy", _("Welsh")
    OTHER = "other", _("Another language")


def overall(ratings: list[str]) -> str | None:
    """The closure statement's one evaluation: fully only if every outcome was
    fully achieved, not only if none was achieved at all, otherwise partly."""
    if not ratings:
        return None
    if all(r == OutcomesAchieved.FULLY for r in ratings):
        return OutcomesAchieved.FULLY.value
    if all(r == OutcomesAchieved.NOT for r in ratings):
        return OutcomesAchieved.NOT.value
    return OutcomesAchieved.PARTLY.value
