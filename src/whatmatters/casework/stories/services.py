"""Recording a conversation: it adds to the story, never rewrites it."""

from __future__ import annotations

import datetime

from django.db import transaction

from whatmatters.casework.audit import log, wording
from whatmatters.casework.audit.models import AuditAction
from whatmatters.casework.common.concurrency import EditConflict
from whatmatters.casework.journal_rows import write
from whatmatters.casework.people.models import Person
from whatmatters.casework.stories.models import Conversation, StoryEntry
from whatmatters.casework.stories.sections import Section
from whatmatters.casework.stories.story import latest_version
from whatmatters.casework.work.services import ensure_open
from whatmatters.journal.schema import Kind


class NothingSaid(ValueError):
    """A conversation with nothing written in any section."""


@transaction.atomic
def record_conversation(
    actor,
    person,
    *,
    held_on: datetime.date,
    supported_by: str,
    texts: dict[Section, str],
    opened_at_version: int,
    language: str = "",
    active_offer_made: bool | None = None,
) -> Conversation:
    """Add a conversation as the story's next version.

    ``opened_at_version`` is the version the worker saw when they started:
    if someone has added to the story since, ``EditConflict`` is raised so
    the worker can read what is new before saving (their text is kept).
    """
    said = {s: t for s, t in texts.items() if t and t.strip()}
    if not said:
        raise NothingSaid
    Person.objects.select_for_update().filter(pk=person.pk).first()  # one writer at a time
    current = latest_version(person)
    if current != opened_at_version:
        raise EditConflict
    ensure_open(actor, person)
    conversation = Conversation.objects.create(
        person=person,
        number=current + 1,
        held_on=held_on,
        supported_by=supported_by,
        language=language,
        active_offer_made=active_offer_made,
        worker=actor,
    )
    StoryEntry.objects.bulk_create(
        StoryEntry(conversation=conversation, section=s, text=t) for s, t in said.items()
    )
    write.row(
        Kind.CONVERSATION,
        "What matters conversation",
        person=person,
        actor=actor,
        start=datetime.datetime.combine(held_on, datetime.time(), tzinfo=datetime.UTC),
        source_row=conversation.pk,
        words=said.get(Section.MOST_IMPORTANT),
        words_by="person",
        event_reference=f"story v{conversation.number}",
        conversation_language=language or None,
        active_offer_made=active_offer_made,
    )
    log.record(
        actor,
        AuditAction.CHANGE,
        wording.THE_STORY,
        person=person,
        detail=f"version {conversation.number}: "
        + wording.in_english(*(Section(s).label for s in said)),
    )
    return conversation
