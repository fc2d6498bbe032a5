"""Reading a person's story at any version."""

from __future__ import annotations

from dataclasses import dataclass

from whatmatters.casework.stories.models import Conversation, StoryEntry
from whatmatters.casework.stories.sections import Section


@dataclass(frozen=True)
class SectionText:
    section: Section
    entries: list[StoryEntry]

    @property
    def known(self) -> bool:
        return bool(self.entries)


def latest_version(person) -> int:
    last = Conversation.objects.filter(person=person).order_by("-number").first()
    return last.number if last else 0


def story(person, version: int | None = None) -> list[SectionText]:
    """Every section with what was said in it up to ``version`` (default: latest)."""
    entries = StoryEntry.objects.filter(conversation__person=person).select_related(
        "conversation", "conversation__worker"
    )
    if version is not None:
        entries = entries.filter(conversation__number__lte=version)
    by_section: dict[str, list[StoryEntry]] = {s.value: [] for s in Section}
    for entry in entries:
        by_section[entry.section].append(entry)
    return [SectionText(Section(s), items) for s, items in by_section.items()]
