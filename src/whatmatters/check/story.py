"""One person's story, as the seed told Paul's: the most fragmented journeys, step by step.

``StoryBy`` chooses what "most fragmented" means (``check --story-by``):
most records, teams, workers or assessments first (then the usual order,
``journeys.FRAGMENTATION_ORDER``). ``times_told`` counts the times the
person had to tell their story: each assessment, each what-matters
conversation, and each contact made to repeat it. ``steps`` turns the
person's timeline into steps: date, team, worker, what happened and
their own words where recorded. People are named by their pseudonymous id
only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from whatmatters.check import journeys
from whatmatters.check.journeys import NO_TEAM
from whatmatters.check.params import StoryBy
from whatmatters.journal.schema import Kind

REPEATING = "repeating the story"
"""The failure-demand reason of a contact made to tell the story again (the synthetic
council's ``DemandReason.REPEATING_STORY``; the check reads journals, not the council)."""


def most_fragmented(people: pa.Table, by: StoryBy, n: int) -> pa.Table:
    """The ``n`` journeys with most ``by`` first, then by the usual fragmentation order."""
    return journeys.most_fragmented(people, n, by.column)


@dataclass(frozen=True)
class Told:
    """The times a person told their story, and how."""

    assessments: int
    conversations: int
    repeat_calls: int

    @property
    def total(self) -> int:
        return self.assessments + self.conversations + self.repeat_calls


def _repeating(row: dict[str, Any]) -> bool:
    """A contact made to tell the story again."""
    return row["kind"] == Kind.CONTACT.value and (row.get("reason") or "").lower() == REPEATING


def times_told(timeline: pa.Table) -> Told:
    """Assessments, what-matters conversations and contacts to repeat the story, in a timeline."""
    rows = timeline.to_pylist()
    kinds = [r["kind"] for r in rows]
    repeats = sum(1 for r in rows if _repeating(r))
    return Told(kinds.count(Kind.ASSESSMENT.value), kinds.count(Kind.CONVERSATION.value), repeats)


@dataclass(frozen=True)
class Step:
    """One step of a story, ready to read."""

    number: int
    start: Any
    team: str | None
    worker: str | None
    what: str
    words: str | None
    to_team: str | None = None
    """The team a referral went to (the report says it in the reader's language)."""
    repeating: bool = False
    """A contact made to tell the story again."""


def steps(timeline: pa.Table) -> list[Step]:
    """Each event of a timeline as a step: what happened, who did it, and the person's words."""
    out = []
    for r in timeline.to_pylist():
        team = None if r["lane"] == NO_TEAM else r["lane"]
        referred = r.get("to_team") if r["kind"] == Kind.REFERRAL.value else None
        repeating = _repeating(r)
        what = r["activity"] or r["kind"]
        out.append(
            Step(r["pos"] + 1, r["start"], team, r["worker"], what, r["words"], referred, repeating)
        )
    return out
