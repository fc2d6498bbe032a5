"""The audit log's words: what was seen or done, in plain language.

Entries keep the English words (``gettext_noop``); the audit pages show
them in the reader's language (``{% translate entry.what %}``), so an entry
written today reads in Welsh tomorrow. A page not named here is described by
its route name in words ("add action"), never by a function's name.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop as _noop

# Route name → what the user saw on it.
PAGES = {
    "person:overview": _noop("the record's overview"),
    "person:details": _noop("the form to change personal details"),
    "person:timeline": _noop("the timeline"),
    "person:audit": _noop("who has seen this record"),
    "stories:current": _noop("the story"),
    "stories:version": _noop("an earlier version of the story"),
    "stories:record": _noop("the form to record a conversation"),
    "outcomes:create": _noop("the form to record what matters"),
    "outcomes:detail": _noop("one thing that matters"),
    "outcomes:rate": _noop("the form to rate what matters"),
    "outcomes:status": _noop("the form to change what matters' status"),
    "plans:plan": _noop("the plan"),
    "plans:make": _noop("the form to make a plan"),
    "plans:add_action": _noop("the form to add a plan action"),
    "plans:change_action": _noop("the form to change a plan action"),
    "plans:end_action": _noop("the form to end a plan action"),
    "plans:review": _noop("the form to review the plan"),
    "contacts:index": _noop("the contacts"),
    "contacts:create": _noop("the form to log a contact"),
    "handoffs:make": _noop("the form to hand off the work"),
    "work:close": _noop("the form to close the work"),
}
FORM_SENT = _noop("form sent")
NOT_ALLOCATED = _noop("record not allocated to their team")
BREAK_GLASS_OPENED = _noop("record opened for a stated reason")
BREAK_GLASS_NO_RECORD = _noop("asked for a council ID that has no record")
FOUND_BY_IDENTIFIER = _noop("found by an exact identifier in a search")
LIKELY_DUPLICATE = _noop("shown as a likely duplicate of a new record")


def page(request) -> str:
    """What the user saw: the page's words, or its route name as words."""
    match = getattr(request, "resolver_match", None)
    name = match.view_name if match else ""
    if name in PAGES:
        return PAGES[name]
    return name.rpartition(":")[2].replace("_", " ").replace("-", " ") or request.path
