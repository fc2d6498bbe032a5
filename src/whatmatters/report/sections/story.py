"""The report's story: the most fragmented journey, told step by step, as the seed told Paul's.

The person is named by their pseudonymous id only. The story's sentences
are kept here, in one place (the Welsh report routes them through its
translation function).
"""

from __future__ import annotations

from whatmatters import words
from whatmatters.check.run import CheckResult
from whatmatters.check.story import steps, times_told
from whatmatters.report.figure import Figure, Section
from whatmatters.report.story_chart import STEPS_SHOWN, story_chart

TITLE = "One person's story"
STORY_BY = {
    "records": "the most records",
    "teams": "the most teams",
    "workers": "the most workers",
    "assessments": "the most assessments",
}


def story(result: CheckResult) -> Section | None:
    """The story section, or None when there is no one to follow."""
    person = result.timeline_person
    if person is None or "timeline" not in result.tables:
        return None
    timeline = result["timeline"]
    told = times_told(timeline)
    walked = steps(timeline)
    chosen = (
        f"{person} was asked for by id."
        if result.params.person
        else f"{person} is the journey with {STORY_BY[result.params.story_by.value]} "
        "(choose another measure with check --story-by, or a person with --person)."
    )
    intro = f"{chosen} {_summary(person, walked)} {_told(told)}"
    return Section("story", f"{TITLE}: {person}", intro, [_steps(walked, timeline)])


def _summary(person: str, walked: list) -> str:
    if not walked:
        return f"{person} has no records in the window."
    teams = {s.team for s in walked if s.team}
    workers = {s.worker for s in walked if s.worker}
    text = (
        f"From {words.date(walked[0].start)} to {words.date(walked[-1].start)}, "
        f"{words.plural(len(walked), 'thing')} happened to {person}"
    )
    if workers:
        text += f", done by {words.plural(len(workers), 'worker')}"
    if teams:
        text += (
            f" in {words.plural(len(teams), 'team')}"
            if workers
            else f", in {words.plural(len(teams), 'team')}"
        )
    return text + "."


def _told(told) -> str:
    if not told.total:
        return "No record shows them telling their story."
    how = [
        words.plural(told.assessments, "assessment") if told.assessments else None,
        words.plural(told.conversations, "conversation about what matters")
        if told.conversations
        else None,
        f"{words.plural(told.repeat_calls, 'call')} to tell it again"
        if told.repeat_calls
        else None,
    ]
    parts = [h for h in how if h]
    said = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    return f"They told their story {words.plural(told.total, 'time')}: {said}."


def _steps(walked: list, timeline) -> Figure:
    said = [s for s in walked if s.words]
    sentence = (
        f"Each step with its date, team and worker; the person's own words are shown on "
        f"{words.plural(len(said), 'step')}."
        if said
        else "Each step with its date, team and worker; no words of theirs are recorded."
    )
    if len(walked) > STEPS_SHOWN:
        sentence += f" The chart shows the first {STEPS_SHOWN}; the table and timeline.csv all."
    kinds = [r["kind"] for r in timeline.to_pylist()]
    title = "The story, step by step"
    return Figure(
        "story",
        title,
        sentence,
        chart=story_chart(walked, kinds, title=title, description=sentence),
        tables=("timeline",),
        columns=("step", "date", "team", "worker", "what happened", "in their words"),
        rows=[
            (
                str(s.number),
                words.date(s.start),
                s.team or "–",
                s.worker or "–",
                s.what,
                f"“{s.words}”" if s.words else "",
            )
            for s in walked
        ],
    )
