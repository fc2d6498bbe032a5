"""The report's content: sections of figures, each with one plain sentence.

A figure is a chart (or a process map, or a short table) with the sentence
that says what it shows, and the names of the check's tables behind it
(written beside the report as CSV and Parquet). The order follows the
Vanguard check: journeys, demand, flow, capability, then results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import altair as alt
import pyarrow as pa

from whatmatters import words
from whatmatters.check.catalogue import MEASURES, Measure
from whatmatters.check.results import charted_measure
from whatmatters.check.run import CheckResult
from whatmatters.check.series import recorded_measures
from whatmatters.report.charts import bar_chart, xmr_chart
from whatmatters.report.journey_charts import handoff_matrix_chart, timeline_chart
from whatmatters.report.process_map import View, draw_process_map, map_graph
from whatmatters.report.process_map_graph import END, START, ProcessGraph, Selection, read_graph
from whatmatters.report.readings import results as readings
from whatmatters.report.readings.capability import describe

TOP = 10


@dataclass
class Figure:
    """One chart, map or table, and the sentence that explains it."""

    key: str
    title: str
    sentence: str
    chart: alt.TopLevelMixin | None = None
    svg: str | None = None
    """A drawing made without Vega (the process maps)."""
    full_svg: str | None = None
    """The whole drawing when ``svg`` shows a simplified one (written beside it, not inline)."""
    tables: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    rows: list[tuple[str, ...]] = field(default_factory=list)
    quotes: list[tuple[str, str]] = field(default_factory=list)
    """(reason, words) said by people, verbatim."""
    note: str = ""
    """How the figure is counted, in a line under the sentence."""


@dataclass
class ResultLine:
    """One line of the results table, with the key of the chart beside it."""

    name: str
    before: str
    after: str
    change: str
    method: str
    chart: str | None


@dataclass
class Section:
    key: str
    title: str
    intro: str
    figures: list[Figure]
    results: list[ResultLine] = field(default_factory=list)


def sections(result: CheckResult, *, map_threshold: float | None = None) -> list[Section]:
    """Every section of the report, in reading order."""
    return [
        _journeys(result),
        _demand(result),
        _flow(result, map_threshold),
        _capability(result),
        _results(result),
    ]


# ---------------------------------------------------------------------------
# Journeys


def _journeys(result: CheckResult) -> Section:
    people = result["people"].to_pylist()
    episodes = result["episodes"]
    recorded = sum(p["what_matters_recorded"] for p in people)
    intro = (
        f"{words.plural(len(people), 'person', 'people')} had "
        f"{words.plural(episodes.num_rows, 'episode')} of work between "
        f"{words.date(result.window.start)} and {words.date(result.window.end)}. "
        + (
            f"What matters to them was recorded for {words.percent(recorded / len(people))}."
            if recorded
            else "No record says what matters to any of them."
        )
    )
    figures = [_fragmented(result)]
    if "timeline" in result.tables and result.timeline_person:
        figures.append(_timeline(result))
    return Section("journeys", "Journeys: following people through the system", intro, figures)


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def _counted(row: dict[str, Any], counts: tuple[tuple[str, str], ...]) -> str:
    """Like "3 teams and 5 workers": the counts of ``row`` that are not none, joined by "and"."""
    return " and ".join(words.plural(row[name], word) for name, word in counts if row[name])


def _fragmented(result: CheckResult) -> Figure:
    rows = result["fragmented"].to_pylist()[:TOP]
    if rows and not (rows[0]["teams"] or rows[0]["workers"]):
        sentence = (
            "No teams or workers are recorded, so handoffs cannot be seen; the journeys "
            "with the most records are listed."
        )
    elif rows:
        top = rows[0]
        through = _counted(top, (("teams", "team"), ("workers", "worker")))
        sentence = f"The most passed-around journey went through {through}"
        with_ = _counted(top, (("handoffs", "handoff"), ("assessments", "assessment")))
        sentence += f", with {with_}." if with_ else "."
    else:
        sentence = "There are no journeys in the window."
    return Figure(
        "fragmented",
        "The most fragmented journeys",
        sentence,
        tables=("fragmented", "people", "episodes"),
        columns=(
            "person",
            "records",
            "teams",
            "workers",
            "handoffs",
            "assessments",
            "referrals",
            "to themselves",
            "hospital stays",
            "days in hospital",
            "days in a care home",
            "what matters recorded",
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
                "yes" if r["what_matters_recorded"] else "no",
            )
            for r in rows
        ],
    )


def _journey_words(p: dict[str, Any]) -> str:
    """Like "179 records by 91 workers in 20 teams, 12 assessments", leaving out what is none."""
    said = words.plural(p["events"], "record")
    if p["workers"]:
        said += f" by {words.plural(p['workers'], 'worker')}"
    if p["teams"]:
        said += f" in {words.plural(p['teams'], 'team')}"
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
    p = next(r for r in result["people"].to_pylist() if r["person_id"] == person)
    asked = "what matters was recorded" if p["what_matters_recorded"] else "no one recorded"
    if not p["what_matters_recorded"]:
        asked += " what mattered to them"
    sentence = f"{person}: {_journey_words(p)} — and {asked}."
    title = f"One journey, event by event: {person}"
    return Figure(
        "timeline",
        title,
        sentence,
        chart=timeline_chart(result["timeline"], title=title, description=sentence),
        tables=("timeline",),
    )


# ---------------------------------------------------------------------------
# Demand


def _demand(result: CheckResult) -> Section:
    figures = [
        _by_type(result),
        _value_failure(result),
        _failure_reasons(result),
        _first_point(result),
        _repeats(result),
        _sequels(result),
    ]
    intro = (
        "Demand is what people ask for at the front door, in their terms. Failure demand is "
        "demand caused by a failure to do something, or to do it right: chasing, repeating, "
        "coming back. It is a measure to study for causes, never a target."
    )
    return Section("demand", "Demand: what people ask for", intro, figures)


def _by_type(result: CheckResult) -> Figure:
    totals: dict[str, int] = {}
    for r in result["demand_by_type"].to_pylist():
        totals[r["type"]] = totals.get(r["type"], 0) + r["count"]
    data = sorted(({"type": k, "count": v} for k, v in totals.items()), key=lambda r: -r["count"])
    everything = sum(totals.values())
    kinds = {r["kind"] for r in result["demand_by_type"].to_pylist()}
    noun = ("contact", "contacts") if kinds == {"contact"} else ("request", "requests")
    if len(kinds) > 1:
        noun = ("contact or request", "contacts and requests")
    if data:
        top = data[0]
        sentence = (
            f"{words.plural(everything, *noun)} came in; "
            f"the commonest was “{top['type']}” "
            f"({words.percent(_share(top['count'], everything))})."
        )
    else:
        sentence = "No contacts or requests were recorded in the window."
    title = "What people asked for"
    return Figure(
        "demand_by_type",
        title,
        sentence,
        chart=bar_chart(
            data[:15], category="type", value="count", title=title, description=sentence
        )
        if data
        else None,
        tables=("demand_by_type",),
    )


def _value_failure(result: CheckResult) -> Figure:
    rows = {r["demand"]: r for r in result["value_failure"].to_pylist()}
    failure = rows.get("failure", {}).get("share_of_classified")
    if failure is None:
        sentence = (
            "No contacts were classed as value or failure demand, so failure demand cannot be "
            "measured from these records."
        )
    else:
        sentence = (
            f"{words.percent(failure)} of the demand that was classed was failure demand: "
            "work the system made for itself."
        )
    title = "Value and failure demand"
    data = [{"demand": k, "count": r["count"]} for k, r in rows.items()]
    return Figure(
        "value_failure",
        title,
        sentence,
        chart=bar_chart(data, category="demand", value="count", title=title, description=sentence)
        if data
        else None,
        tables=("value_failure",),
    )


def _failure_reasons(result: CheckResult) -> Figure:
    reasons = sorted(result["failure_reasons"].to_pylist(), key=lambda r: -r["count"])
    title = "Why failure demand happened"
    if reasons:
        sentence = (
            f"The commonest reason was “{reasons[0]['reason']}” "
            f"({words.percent(reasons[0]['share'])} of failure demand); below, what people said."
        )
    else:
        sentence = "No failure demand was recorded."
    return Figure(
        "failure_reasons",
        title,
        sentence,
        chart=bar_chart(
            reasons, category="reason", value="count", title=title, description=sentence
        )
        if reasons
        else None,
        tables=("failure_reasons", "failure_examples"),
        # the same words said twice are shown once
        quotes=list(
            dict.fromkeys((r["reason"], r["words"]) for r in result["failure_examples"].to_pylist())
        ),
    )


def _first_point(result: CheckResult) -> Figure:
    row = result["first_point"].to_pylist()[0]
    if row["share_resolved"] is None:
        sentence = "Whether demand was resolved at the first point of contact was not recorded."
    else:
        sentence = (
            f"{words.percent(row['share_resolved'])} of contacts and requests where it was "
            f"recorded were resolved at the first point of contact "
            f"({words.number(row['unknown'])} not recorded)."
        )
    return Figure(
        "first_point", "Resolved at the first point of contact", sentence, tables=("first_point",)
    )


def _repeats(result: CheckResult) -> Figure:
    rows = result["repeat_requests"].to_pylist()
    parts = [f"{words.percent(r['share'])} within {r['days']} days" for r in rows]
    sentence = (
        "Requests from someone who had asked before: " + "; ".join(parts) + "."
        if rows and rows[0]["requests"]
        else "No requests were recorded in the window."
    )
    data = [
        {"within": f"{r['days']} days", "share": round(100 * (r["share"] or 0), 1)} for r in rows
    ]
    title = "People coming back"
    return Figure(
        "repeat_requests",
        title,
        sentence,
        chart=bar_chart(
            data,
            category="within",
            value="share",
            title=title,
            unit="% of requests",
            sort_by_value=False,
            description=sentence,
        )
        if rows and rows[0]["requests"]
        else None,
        tables=("repeat_requests",),
    )


def _sequels(result: CheckResult) -> Figure:
    rows = sorted(result["sequel_summary"].to_pylist(), key=lambda r: -r["requests"])
    total = sum(r["requests"] for r in rows)
    title = "What followed a request from a new client"
    if rows:
        sentence = (
            f"Of {words.plural(total, 'request')} from new clients, "
            f"{words.percent(rows[0]['share'])} ended in “{rows[0]['sequel']}”."
        )
    else:
        sentence = "No requests from new clients ended in the window."
    return Figure(
        "sequels",
        title,
        sentence,
        chart=bar_chart(
            rows, category="sequel", value="requests", title=title, description=sentence
        )
        if rows
        else None,
        tables=("sequel_summary", "sequels"),
    )


# ---------------------------------------------------------------------------
# Flow


def _flow(result: CheckResult, threshold: float | None) -> Section:
    activities, edges = map_tables(result)
    full = read_graph(activities, edges)
    shown = map_graph(activities, edges, threshold)
    figures = [
        _process_map(
            "process_map_frequency",
            "How work flows: how often",
            "Each box is a step and each arrow one step followed by the next, thicker when it "
            f"happens more often; {_map_contents(shown)}.",
            shown,
            full,
            View.FREQUENCY,
        ),
        _process_map(
            "process_map_time",
            "How work flows: how long people wait",
            "The same map, each arrow labelled with the mean and median wait between the two "
            "steps (a wait below 0 means the next step began before the last one ended).",
            shown,
            full,
            View.TIME,
        ),
        _variants(result),
        _handoffs(result),
        _self_referrals(result),
        _rework(result),
    ]
    intro = (
        "Flow follows each case end to end. Handoffs, repeated assessments, waiting and "
        "rework are waste from the person's side."
    )
    return Section("flow", "Flow: how work moves through the system", intro, figures)


def _process_map(
    key: str, title: str, sentence: str, shown: ProcessGraph, full: ProcessGraph, view: View
) -> Figure:
    return Figure(
        key,
        title,
        sentence,
        svg=draw_process_map(shown, view=view),
        full_svg=None if shown.complete else draw_process_map(full, view=view),
        note=_map_left_out(shown),
        tables=("activities", "directly_follows"),
    )


def _map_contents(shown: ProcessGraph) -> str:
    """What the map shows, in words."""
    if shown.complete:
        return f"all {words.plural(shown.all_activities, 'step')} and their paths are shown"
    steps = f"{words.number(len(shown.activities))} of {words.number(shown.all_activities)}"
    paths = f"{words.number(len(shown.paths))} of {words.number(shown.all_paths)}"
    if shown.selection is Selection.COMMONEST:
        return (
            f"shown are the {steps} commonest steps ({words.percent(shown.steps_share)} of all "
            f"steps done) and the {paths} busiest paths between them"
        )
    return (
        f"shown are {steps} steps ({words.percent(shown.steps_share)} of all steps done) and "
        f"{paths} paths, those under {words.percent(shown.threshold)} of the busiest hidden"
    )


def _map_left_out(shown: ProcessGraph) -> str:
    if shown.complete:
        return ""
    steps = shown.all_activities - len(shown.activities)
    paths = shown.all_paths - len(shown.paths)
    why = (
        "to keep the map readable"
        if shown.selection is Selection.COMMONEST
        else "at the threshold asked for"
    )
    left = [
        words.plural(n, word) for n, word in ((steps, "rarer step"), (paths, "rarer path")) if n
    ]
    return (
        f"Left out {why}: {' and '.join(left)}, {words.percent(1 - shown.moves_share)} of the "
        "moves from one step to the next. The full map is in the files below."
    )


def map_tables(result: CheckResult) -> tuple[pa.Table, pa.Table]:
    """The process map's inputs: step counts, and paths with the start and end added."""
    steps = result["activities"].to_pylist()
    activities = pa.Table.from_pylist(
        [{"activity": s["activity"], "count": s["events"]} for s in steps]
    )
    paths = [
        {k: r[k] for k in ("source", "target", "count", "mean_seconds", "median_seconds")}
        for r in result["directly_follows"].to_pylist()
    ]
    for s in steps:
        if s["starts"]:
            paths.append(_pseudo(START, s["activity"], s["starts"]))
        if s["ends"]:
            paths.append(_pseudo(s["activity"], END, s["ends"]))
    schema = pa.schema(
        [
            ("source", pa.string()),
            ("target", pa.string()),
            ("count", pa.int64()),
            ("mean_seconds", pa.float64()),
            ("median_seconds", pa.float64()),
        ]
    )
    return activities, pa.Table.from_pylist(paths, schema=schema)


def _pseudo(source: str, target: str, count: int) -> dict[str, Any]:
    return {
        "source": source,
        "target": target,
        "count": count,
        "mean_seconds": None,
        "median_seconds": None,
    }


def _variants(result: CheckResult) -> Figure:
    rows = result["variants"].to_pylist()
    shown = rows[:TOP]
    if rows:
        sentence = (
            f"{words.plural(len(rows), 'different journey')}; the "
            f"{words.plural(len(shown), 'commonest', 'commonest')} cover "
            f"{words.percent(shown[-1]['coverage'])} of people."
        )
    else:
        sentence = "There are no journeys in the window."
    return Figure(
        "variants",
        "The commonest journeys, step by step",
        sentence,
        tables=("variants",),
        columns=("journey", "steps", "people", "share", "cumulative"),
        rows=[
            (
                r["variant"],
                words.number(r["steps"]),
                words.number(r["cases"]),
                words.percent(r["share"]),
                words.percent(r["coverage"]),
            )
            for r in shown
        ],
    )


def _handoffs(result: CheckResult) -> Figure:
    rows = result["team_handoffs"].to_pylist()
    moves = sum(r["count"] for r in rows if not r["same"])
    stays = sum(r["count"] for r in rows if r["same"])
    title = "Who passes work to whom"
    sentence = (
        f"Work changed team {words.plural(moves, 'time')}; "
        f"{words.percent(_share(stays, moves + stays))} of next steps stayed with the same team."
        if rows
        else "No teams were recorded, so handoffs cannot be seen."
    )
    return Figure(
        "team_handoffs",
        title,
        sentence,
        chart=handoff_matrix_chart(result["team_handoffs"], title=title, description=sentence)
        if rows
        else None,
        tables=("team_handoffs", "worker_handoffs", "referrals"),
    )


def _self_referrals(result: CheckResult) -> Figure:
    rows = sorted(
        result["self_referrals"].to_pylist(), key=lambda r: (-r["self_referrals"], r["team"])
    )
    selfish = [r for r in rows if r["self_referrals"]]
    if selfish:
        top = selfish[0]
        sentence = (
            f"{len(selfish)} of {words.plural(len(rows), 'team')} referred people to themselves; "
            f"{top['team']} did so in {words.percent(top['share'])} of its referrals."
        )
    elif rows:
        sentence = "No team referred people to itself."
    else:
        sentence = "No referrals were recorded."
    return Figure(
        "self_referrals",
        "Teams referring to themselves",
        sentence,
        tables=("self_referrals", "referrals"),
        columns=("team", "referrals made", "to itself", "share"),
        rows=[
            (
                r["team"],
                words.number(r["referrals"]),
                words.number(r["self_referrals"]),
                words.percent(r["share"]),
            )
            for r in rows[:TOP]
        ],
    )


def _rework(result: CheckResult) -> Figure:
    repeated = [r for r in result["rework"].to_pylist() if r["cases_repeated"]]
    rows = sorted(
        (r for r in repeated if not r["by_design"]),
        key=lambda r: (-r["cases_repeated"], r["activity"]),
    )
    if rows:
        top = rows[0]
        sentence = (
            f"“{top['activity']}” was done more than once for "
            f"{words.plural(top['cases_repeated'], 'person', 'people')} "
            f"({words.percent(top['share_repeated'])} of those who had it)."
        )
    else:
        sentence = "No step was repeated for the same person."
    if len(rows) < len(repeated):
        sentence += (
            " Reviews, services, outcomes and closures come again by design, so they are "
            "not listed here (the table has them)."
        )
    return Figure(
        "rework",
        "Rework: the same step again",
        sentence,
        tables=("rework",),
        columns=("step", "people", "more than once", "share", "repeats"),
        rows=[
            (
                r["activity"],
                words.number(r["cases"]),
                words.number(r["cases_repeated"]),
                words.percent(r["share_repeated"]),
                words.number(r["repeats"]),
            )
            for r in rows[:TOP]
        ],
    )


# ---------------------------------------------------------------------------
# Capability and results


def capability_key(measure: Measure) -> str:
    return f"capability_{measure.value}"


def _warm_up_words(result: CheckResult, measure: Measure, first: Any) -> str:
    """Why a look-back measure's chart starts later than the others, or nothing."""
    if not result.periods or first <= result.periods[0].start:
        return ""
    params = result.params
    why = {
        Measure.REPEAT_SHARE: (
            f"until then the {params.repeat_days}-day look-back reaches back before the "
            "records begin"
        ),
        Measure.END_TO_END: (
            f"in the first {params.episodes.gap_days} days an episode may have begun before "
            "the records, and only short ones can have ended"
        ),
    }.get(measure)
    return f" It starts in {first:%B %Y}: {why}." if why else ""


def _capability(result: CheckResult) -> Section:
    period = result.params.period.value
    figures = []
    nothing = []
    held = recorded_measures(result["series"])
    for measure, chart in result.capability.items():
        info = MEASURES[measure]
        if measure not in held:
            nothing.append(info.title.lower())
            continue
        sentence = describe(chart, info.unit, period)
        figures.append(
            Figure(
                capability_key(measure),
                info.title,
                sentence,
                note=f"How it is counted: {info.card.definition} {info.card.unknowns}"
                + _warm_up_words(result, measure, chart.table["period"][0]),
                chart=xmr_chart(
                    chart,
                    title=info.title,
                    unit=info.unit,
                    period_word=period,
                    description=sentence,
                ),
                tables=("series", "capability"),
            )
        )
    intro = (
        f"Each chart plots one {period} at a time. The lines show what the system predictably "
        "does: points between the limits are the system's usual variation; coloured points are "
        "signs of change. The light 2σ lines, two thirds of the way to the limits, mark where "
        "two points out of three close to a limit count as a sign. No targets."
    )
    if result.params.change_date:
        intro += f" Limits are recalculated from {words.date(result.params.change_date)}."
    if nothing:
        intro += f" Not charted, as the records hold none: {', '.join(nothing)}."
    if not figures and not nothing:
        intro += " There are too few whole periods in the window to chart."
    return Section("capability", "Capability: what the system predictably does", intro, figures)


def _results(result: CheckResult) -> Section:
    lines = []
    nothing = []
    held = recorded_measures(result["series"])
    for r in result["results"].to_pylist():
        charted = charted_measure(r)
        if charted is not None and charted not in held:
            nothing.append(r["name"].lower())
            continue
        key = capability_key(charted) if charted in result.capability else None
        lines.append(
            ResultLine(
                r["name"],
                readings.before(r),
                readings.after(r),
                readings.change(r),
                r["method"],
                key,
            )
        )
    if result.params.change_date:
        intro = (
            f"Before and after the change on {words.date(result.params.change_date)}: "
            f"{result.comparison.words}."
        )
    else:
        intro = (
            "No change date was given, so this compares the first half of the window with "
            f"the second ({result.comparison.words}): it is not the before and after of any "
            "change, and counts that build up from where the records begin (people in care, "
            "cost) rise for that reason alone. Give the date the way of working changed "
            "(--change-date) to compare either side of it."
        )
    intro += (
        " Read each change with its capability chart: a difference between two stretches "
        "can be ordinary variation."
    )
    if nothing:
        intro += f" Not compared, as the records hold none: {', '.join(nothing)}."
    return Section("results", "Results: before and after", intro, [], results=lines)
