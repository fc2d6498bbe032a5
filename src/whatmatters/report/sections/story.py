"""The report's story: the most fragmented journey, told step by step, as the seed told Paul's.

The person is named by their pseudonymous id only. The story's sentences
are kept here, in one place, in the report's language (``whatmatters.language``).
"""

from __future__ import annotations

from whatmatters import words
from whatmatters.check.run import CheckResult
from whatmatters.check.story import steps, times_told
from whatmatters.language import _
from whatmatters.report.figure import Figure, Section
from whatmatters.report.story_chart import STEPS_SHOWN, story_chart, what_happened


def _story_by(measure: str) -> str:
    return {
        "records": _("the most records"),
        "teams": _("the most teams"),
        "workers": _("the most workers"),
        "assessments": _("the most assessments"),
    }[measure]


def story(result: CheckResult) -> Section | None:
    """The story section, or None when there is no one to follow."""
    person = result.timeline_person
    if person is None or "timeline" not in result.tables:
        return None
    timeline = result["timeline"]
    told = times_told(timeline)
    walked = steps(timeline)
    chosen = (
        _("{person} was asked for by id.").format(person=person)
        if result.params.person
        else _(
            "{person} is the journey with {most} (choose another measure with check "
            "--story-by, or a person with --person)."
        ).format(person=person, most=_story_by(result.params.story_by.value))
    )
    intro = f"{chosen} {_summary(person, walked)} {_told(told)}"
    title = _("One person's story: {person}").format(person=person)
    return Section("story", title, intro, [_steps(walked, timeline)])


def _summary(person: str, walked: list) -> str:
    if not walked:
        return _("{person} has no records in the window.").format(person=person)
    teams = {s.team for s in walked if s.team}
    workers = {s.worker for s in walked if s.worker}
    said = {
        "start": words.date(walked[0].start),
        "end": words.date(walked[-1].start),
        "things": words.plural(len(walked), "thing"),
        "person": person,
        "workers": words.plural(len(workers), "worker"),
        "teams": words.plural(len(teams), "team"),
    }
    if workers and teams:
        text = _(
            "From {start} to {end}, {things} happened to {person}, done by {workers} in {teams}."
        )
    elif workers:
        text = _("From {start} to {end}, {things} happened to {person}, done by {workers}.")
    elif teams:
        text = _("From {start} to {end}, {things} happened to {person}, in {teams}.")
    else:
        text = _("From {start} to {end}, {things} happened to {person}.")
    return text.format(**said)


def _told(told) -> str:
    if not told.total:
        return _("No record shows them telling their story.")
    how = [
        words.plural(told.assessments, "assessment") if told.assessments else None,
        words.plural(
            told.conversations,
            "conversation about what matters",
            "conversations about what matters",
        )
        if told.conversations
        else None,
        _("{calls} to tell it again").format(calls=words.plural(told.repeat_calls, "call"))
        if told.repeat_calls
        else None,
    ]
    parts = [h for h in how if h]
    said = (
        _("{some} and {last}").format(some=", ".join(parts[:-1]), last=parts[-1])
        if len(parts) > 1
        else parts[0]
    )
    return _("They told their story {times}: {how}.").format(
        times=words.plural(told.total, "time"), how=said
    )


def _steps(walked: list, timeline) -> Figure:
    said = [s for s in walked if s.words]
    sentence = (
        _(
            "Each step with its date, team and worker; the person's own words are shown on {steps}."
        ).format(steps=words.plural(len(said), "step"))
        if said
        else _("Each step with its date, team and worker; no words of theirs are recorded.")
    )
    if len(walked) > STEPS_SHOWN:
        sentence += _(" The chart shows the first {shown}; the table and timeline.csv all.").format(
            shown=STEPS_SHOWN
        )
    kinds = [r["kind"] for r in timeline.to_pylist()]
    title = _("The story, step by step")
    return Figure(
        "story",
        title,
        sentence,
        chart=story_chart(walked, kinds, title=title, description=sentence),
        tables=("timeline",),
        columns=(
            _("step"),
            _("date"),
            _("team"),
            _("worker"),
            _("what happened"),
            _("in their words"),
        ),
        rows=[
            (
                str(s.number),
                words.date(s.start),
                s.team or "–",
                s.worker or "–",
                what_happened(s),
                f"“{s.words}”" if s.words else "",
            )
            for s in walked
        ],
    )
