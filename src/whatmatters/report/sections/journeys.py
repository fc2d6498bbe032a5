"""The report's first section: following people through the system."""

from __future__ import annotations

from typing import Any

import pyarrow.compute as pc

from whatmatters import words
from whatmatters.check.journeys import what_matters_share
from whatmatters.check.run import CheckResult
from whatmatters.language import _
from whatmatters.report.figure import TOP, Figure, Section
from whatmatters.report.journey_charts import timeline_chart
from whatmatters.report.readings.rules import episode_rule
from whatmatters.report.sections import sides

# Journeys


def journeys(result: CheckResult) -> Section:
    people = result["people"]
    episodes = result["episodes"]
    recorded = what_matters_share(people)
    intro = (
        _("{people} had {episodes} of work between {start} and {end}. ").format(
            people=words.plural(people.num_rows, "person", "people"),
            episodes=words.plural(episodes.num_rows, "episode"),
            start=words.date(result.window.start),
            end=words.date(result.window.end),
        )
        + (
            _("What matters to them was recorded for {share}.").format(
                share=words.percent(recorded)
            )
            if recorded
            else _("No record says what matters to any of them.")
        )
        + " "
        + episode_rule(result.params.episodes)
    )
    figures = [_fragmented(result), *sides.journeys(result)]
    if "timeline" in result.tables and result.timeline_person:
        figures.append(_timeline(result))
    return Section("journeys", _("Journeys: following people through the system"), intro, figures)


def _counted(row: dict[str, Any], counts: tuple[tuple[str, str], ...]) -> str:
    """Like "3 teams and 5 workers": the counts of ``row`` that are not none, joined by "and"."""
    return _(" and ").join(words.plural(row[name], word) for name, word in counts if row[name])


def _fragmented(result: CheckResult) -> Figure:
    rows = result["fragmented"].to_pylist()[:TOP]
    if rows and not (rows[0]["teams"] or rows[0]["workers"]):
        sentence = _(
            "No teams or workers are recorded, so handoffs cannot be seen; the journeys "
            "with the most records are listed."
        )
    elif rows:
        top = rows[0]
        through = _counted(top, (("teams", "team"), ("workers", "worker")))
        with_ = _counted(top, (("handoffs", "handoff"), ("assessments", "assessment")))
        sentence = (
            _("The most passed-around journey went through {through}, with {counts}.")
            if with_
            else _("The most passed-around journey went through {through}.")
        ).format(through=through, counts=with_)
    else:
        sentence = _("There are no journeys in the window.")
    return Figure(
        "fragmented",
        _("The most fragmented journeys"),
        sentence,
        tables=("fragmented", "people", "episodes"),
        columns=(
            _("person"),
            _("records"),
            _("teams"),
            _("workers"),
            _("handoffs"),
            _("assessments"),
            _("referrals"),
            _("to themselves"),
            _("hospital stays"),
            _("days in hospital"),
            _("days in a care home"),
            _("what matters recorded"),
        ),
        rows=[
            (
                r["person_id"],
                words.number(r["events"]),
                words.number(r["teams"]),
                words.number(r["workers"]),
                words.number(r["handoffs"]),
                words.number(r["assessments"]),
                words.number(r["referrals"]),
                words.number(r["self_referrals"]),
                words.number(r["hospital_admissions"]),
                words.number(r["hospital_days"]),
                words.number(r["care_home_days"]),
                _("yes") if r["what_matters_recorded"] else _("no"),
            )
            for r in rows
        ],
    )


def _journey_words(p: dict[str, Any]) -> str:
    """Like "179 records by 91 workers in 20 teams, 12 assessments", leaving out what is none."""
    said = words.plural(p["events"], "record")
    if p["workers"]:
        said += _(" by {workers}").format(workers=words.plural(p["workers"], "worker"))
    if p["teams"]:
        said += _(" in {teams}").format(teams=words.plural(p["teams"], "team"))
    hospital = words.plural(p["hospital_admissions"], "hospital admission")
    counted = [
        words.plural(p["assessments"], "assessment") if p["assessments"] else None,
        words.plural(p["referrals"], "referral") if p["referrals"] else None,
        f"{hospital} ({words.plural(p['hospital_days'], 'day')})"
        if p["hospital_admissions"]
        else None,
        words.plural(p["plans"], "plan") if p["plans"] else None,
    ]
    return ", ".join([said, *(c for c in counted if c)])


def _timeline(result: CheckResult) -> Figure:
    person = result.timeline_person
    people = result["people"]  # one row wanted: found before any row becomes Python
    p = people.filter(pc.equal(people["person_id"], person)).to_pylist()[0]
    sentence = (
        _("{person}: {journey} — and what matters was recorded.")
        if p["what_matters_recorded"]
        else _("{person}: {journey} — and no one recorded what mattered to them.")
    ).format(person=person, journey=_journey_words(p))
    title = _("One journey, event by event: {person}").format(person=person)
    return Figure(
        "timeline",
        title,
        sentence,
        chart=timeline_chart(result["timeline"], title=title, description=sentence),
        tables=("timeline",),
    )
