"""The person's story as a PRSB "About Me" (v2.0) document.

The seven sections, their SNOMED CT codes, "Supported to write this by"
(at most 150 characters) and "Date last updated" follow the standard
(docs/person-exports.md §3). What the person added through their own view
is kept under its section, marked as written by them.
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone

from whatmatters.casework.person_view.models import TheirWords
from whatmatters.casework.stories.models import Conversation
from whatmatters.casework.stories.sections import Section
from whatmatters.casework.stories.story import story

STANDARD = "PRSB About Me v2.0"
SNOMED = "http://snomed.info/sct"
SECTION_CODES = {
    Section.MOST_IMPORTANT: "1515861000000103",
    Section.PEOPLE: "1515871000000105",
    Section.COMMUNICATION: "1515881000000107",
    Section.WELLNESS: "1515891000000109",
    Section.DO_AND_DONT: "1515901000000105",
    Section.SUPPORT: "1515911000000107",
    Section.ALSO: "1515921000000101",
}
# The standard's own headings (English), whatever language the page is in.
HEADINGS = {s: str(s.label) for s in Section}
SUPPORTED_BY_MAX = 150


def about_me(person) -> dict:
    """The document as data: one entry a section, in the standard's order."""
    own = TheirWords.objects.filter(person=person).exclude(section="").order_by("added_at", "pk")
    conversations = Conversation.objects.filter(person=person)
    sections = []
    for part in story(person):
        entries = [{"text": e.text, "by": "told to a worker"} for e in part.entries]
        entries += [
            {"text": w.text, "by": "written by the person"}
            for w in own
            if w.section == part.section
        ]
        sections.append(
            {
                "heading": HEADINGS[part.section],
                "heading_shown": str(part.section.label),
                "snomed": SECTION_CODES[part.section],
                "entries": entries,
            }
        )
    last = conversations.order_by("-number").first()
    moments = [c.recorded_at for c in conversations] + [w.added_at for w in own]
    return {
        "standard": STANDARD,
        "code_system": SNOMED,
        "council_id": person.council_id,
        "name": person.full_name,
        "supported_to_write_this_by": (last.supported_by if last else "")[:SUPPORTED_BY_MAX],
        "date_last_updated": max(moments) if moments else None,
        "sections": sections,
    }


def as_json(person) -> str:
    return json.dumps(about_me(person), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def as_html(person) -> str:
    return render_to_string(
        "exports/about_me.html",
        {"doc": about_me(person), "person": person, "made_at": timezone.now()},
    )
