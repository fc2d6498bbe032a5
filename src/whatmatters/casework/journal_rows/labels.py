"""Journal values in the words of the forms, in the reader's language.

The journal keeps codes (``working_on_it``, ``paid_service``, ``phone``) and
casework's step names in English, the same for every reader and for the
check. Pages show them through ``label``.
"""

from __future__ import annotations

from functools import cache

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from whatmatters.journal.schema import ActionBy, DemandType

ACTION_PREFIX = "Action: "

ACTIVITIES = {
    "Contact": gettext_lazy("Contact"),
    "Work opened": gettext_lazy("Work opened"),
    "Work ended": gettext_lazy("Work ended"),
    "What matters conversation": gettext_lazy("What matters conversation"),
    "What matters recorded": gettext_lazy("What matters recorded"),
    "What matters achieved": gettext_lazy("What matters achieved"),
    "Progress rated": gettext_lazy("Progress rated"),
    "Plan made with the person": gettext_lazy("Plan made with the person"),
    "Plan reviewed": gettext_lazy("Plan reviewed"),
    "Service": gettext_lazy("Service"),
    "Handoff": gettext_lazy("Handoff"),
    "Self-referral": gettext_lazy("Self-referral"),
}
"""The steps casework writes (``write.row``'s activity names)."""

# "Done by" a plan action's doer, said whole so each language can inflect it
# (Welsh mutates after "gan": "gan deulu", not "gan Teulu").
DONE_BY = {
    ActionBy.SELF: gettext_lazy("Done by the person"),
    ActionBy.FAMILY: gettext_lazy("Done by family"),
    ActionBy.FRIEND: gettext_lazy("Done by a friend"),
    ActionBy.COMMUNITY: gettext_lazy("Done by a community group"),
    ActionBy.UNPAID_CARER: gettext_lazy("Done by another unpaid carer"),
    ActionBy.PAID_SERVICE: gettext_lazy("Done by a paid service"),
}
# Descriptions casework writes in English (the journal's one vocabulary).
MADE_WITH = "made with: "

DEMAND = {
    DemandType.VALUE: gettext_lazy("Value demand"),
    DemandType.FAILURE: gettext_lazy("Failure demand"),
    DemandType.UNKNOWN: gettext_lazy("Not sure"),
}


@cache
def _choices() -> dict[str, dict]:
    """Every column's labels (lazy: each is said in the language of the page)."""
    from whatmatters.casework.contacts.models import Channel, ContactFrom, FailureReason
    from whatmatters.casework.outcomes.status import LABELS
    from whatmatters.casework.plans.models import ACTION_BY_LABELS

    def by_value(labels) -> dict:
        return {str(getattr(k, "value", k)): v for k, v in labels.items()}

    return {
        "status": by_value(LABELS),
        "action_by": by_value(ACTION_BY_LABELS),
        "demand_type": by_value(DEMAND),
        "channel": dict(Channel.choices),
        "contact_from": dict(ContactFrom.choices),
        "demand_reason": dict(FailureReason.choices),
        "activity": ACTIVITIES,
    }


def label(column: str, code):
    """``code`` of journal ``column`` in words; anything unknown as it is."""
    if code is None:
        return ""
    labels = _choices()[column]
    if column == "activity" and str(code).startswith(ACTION_PREFIX):
        by = str(code).removeprefix(ACTION_PREFIX)
        return _("Action: %(by)s") % {"by": _choices()["action_by"].get(by, by)}
    return labels.get(str(code), code)


def done_by(code) -> str:
    """Who does a plan action, as a whole phrase ("Done by family")."""
    if code in DONE_BY:
        return DONE_BY[code]
    return _("Done by: %(who)s") % {"who": label("action_by", code)}


def description(text) -> str:
    """A journal row's description in the reader's language, where casework wrote it."""
    if text and str(text).startswith(MADE_WITH):
        return _("Made with: %(who)s") % {"who": str(text).removeprefix(MADE_WITH)}
    return text or ""
