"""A handoff's reason must say something: the next worker acts on it."""

from __future__ import annotations

from django.utils.translation import gettext as _

# Ten letters or digits: "Moved to Cardiff" passes, "x", "..." and "n/a" do not.
REASON_MINIMUM = 10


def says_something(reason: str) -> bool:
    return sum(c.isalnum() for c in reason) >= REASON_MINIMUM


def too_short() -> str:
    """The refusal, in the page's language."""
    return _("Say why the work is being passed on, in at least %(minimum)s letters or numbers") % {
        "minimum": REASON_MINIMUM
    }
