"""The audit log's words: what was seen or done, in plain language.

Entries keep the English words (``gettext_noop``); the audit pages show
them in the reader's language (``{% translate entry.what %}``), so an entry
written today reads in Welsh tomorrow. A page not named here is described by
its route name in words ("add action"), never by a function's name.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_noop

# Route name → what the user saw on it.
PAGES = {
    "person:overview": gettext_noop("the record's overview"),
    "person:details": gettext_noop("the form to change personal details"),
    "person:timeline": gettext_noop("the timeline"),
    "person:audit": gettext_noop("who has seen this record"),
    "stories:current": gettext_noop("the story"),
    "stories:version": gettext_noop("an earlier version of the story"),
    "stories:record": gettext_noop("the form to record a conversation"),
    "outcomes:create": gettext_noop("the form to record what matters"),
    "outcomes:detail": gettext_noop("one thing that matters"),
    "outcomes:rate": gettext_noop("the form to rate what matters"),
    "outcomes:status": gettext_noop("the form to change what matters' status"),
    "plans:plan": gettext_noop("the plan"),
    "plans:make": gettext_noop("the form to make a plan"),
    "plans:add_action": gettext_noop("the form to add a plan action"),
    "plans:change_action": gettext_noop("the form to change a plan action"),
    "plans:end_action": gettext_noop("the form to end a plan action"),
    "plans:done_action": gettext_noop("the form to mark a plan action done"),
    "plans:review": gettext_noop("the form to review the plan"),
    "contacts:index": gettext_noop("the contacts"),
    "contacts:create": gettext_noop("the form to log a contact"),
    "handoffs:make": gettext_noop("the form to hand off the work"),
    "work:close": gettext_noop("the form to close the work"),
    "person_view:invitations": gettext_noop("the invitations to the person's own view"),
    "person_view:revoke": gettext_noop("the form to revoke an invitation"),
    "person_view:their_words": gettext_noop("what the person added in their own words"),
    "person_view:reviewed": gettext_noop("the form to mark the person's words reviewed"),
    "person_view:my_plan": gettext_noop("the printable plan for the person"),
    "exports:index": gettext_noop("the copies of the person's records"),
    "exports:download": gettext_noop("a copy of the person's records"),
}
FORM_SENT = gettext_noop("form sent")
NOT_ALLOCATED = gettext_noop("record not allocated to their team")
BREAK_GLASS_OPENED = gettext_noop("record opened for a stated reason")
BREAK_GLASS_NO_RECORD = gettext_noop("asked for a council ID that has no record")
BREAK_GLASS_READ_ONLY = gettext_noop("a change through break-glass access, which only reads")
FOUND_BY_IDENTIFIER = gettext_noop("found by an exact identifier in a search")
LIKELY_DUPLICATE = gettext_noop("shown as a likely duplicate of a new record")

# What a change was made to (after "Created:" or "Changed:"). The numbers and
# names that say which one go in the entry's detail, never into these words.
THE_RECORD = gettext_noop("the record")
THE_DETAILS = gettext_noop("the person's details")
THE_STORY = gettext_noop("the story, from a conversation")
WHAT_MATTERS = gettext_noop("something that matters to the person")
A_RATING = gettext_noop("a rating of how far they have got")
WHAT_MATTERS_STATUS = gettext_noop("whether something that matters is achieved")
A_PLAN = gettext_noop("a plan")
A_PLAN_ACTION = gettext_noop("an action in the plan")
A_PLAN_ACTION_DONE = gettext_noop("an action in the plan, marked done")
A_PLAN_ACTION_STOPPED = gettext_noop("an action in the plan, stopped")
A_PLAN_REVIEW = gettext_noop("the plan, reviewed")
A_CONTACT = gettext_noop("a contact")
THE_TEAM = gettext_noop("the team the record is allocated to")
THE_WORK = gettext_noop("a piece of work")
THE_WORK_CLOSED = gettext_noop("the work, closed")
AN_EXPORT = gettext_noop("a copy of the person's records")


def in_english(*labels) -> str:
    """Labels (a field's name, a choice's) for an entry's detail, which is kept
    in English like its words, whatever language the user is working in."""
    with translation.override(settings.LANGUAGE_CODE):
        return ", ".join(str(label) for label in labels)


def page(request) -> str:
    """What the user saw: the page's words, or its route name as words."""
    match = getattr(request, "resolver_match", None)
    name = match.view_name if match else ""
    if name in PAGES:
        return PAGES[name]
    return name.rpartition(":")[2].replace("_", " ").replace("-", " ") or request.path
