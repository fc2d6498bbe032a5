"""The sides of a change in the report's language: one name for each of the check's side codes.

The check labels rows with codes (``check.sides``: before and after the
change date, or the whole window where there is none); the report's tables,
charts and sentences show these names for them.
"""

from __future__ import annotations

from whatmatters.check.sides import AFTER, BEFORE, WHOLE
from whatmatters.language import _

SIDES = (BEFORE, AFTER)
"""The two sides of a change, in the order the report shows them."""


def side_names() -> dict[str, str]:
    """Each side's name in a table, a legend, a tooltip or a filter."""
    return {BEFORE: _("before"), AFTER: _("after"), WHOLE: _("whole window")}


def side_phrases() -> dict[str, str]:
    """Each side as a sentence or a heading starts with it ("before the change, …")."""
    return {
        BEFORE: _("before the change"),
        AFTER: _("after the change"),
        WHOLE: _("over the whole window"),
    }
