"""Before and after side by side, and the people behind a figure, for the report's sections.

With a change date the journeys, demand and flow sections each add their
before-and-after figures from the check's ``*_by_period`` tables
(``check.sides``); without one these functions add nothing. The people
behind a figure are listed from the check's people tables: the first
``PEOPLE_SHOWN`` pseudonymous ids, with the full list in the table.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

import pyarrow as pa

from whatmatters import words
from whatmatters.check.flow import map_inputs
from whatmatters.check.run import CheckResult
from whatmatters.check.sides import AFTER, BEFORE
from whatmatters.language import _, p_
from whatmatters.report.figure import PEOPLE_SHOWN, TOP, Figure, PeopleBehind, share
from whatmatters.report.process_map import View
from whatmatters.report.process_map_graph import ProcessGraph, read_graph
from whatmatters.report.process_map_pair import draw_pair, on_shown
from whatmatters.report.side_charts import paired_bars
from whatmatters.report.side_names import SIDES, side_names, side_phrases


def columns() -> tuple[str, ...]:
    """A before-and-after table's headings: the row's label, then each side."""
    names = side_names()
    return ("", *(names[s] for s in SIDES))


def has_sides(result: CheckResult) -> bool:
    return "journeys_by_period" in result.tables


def _by_side(table: pa.Table) -> dict[str, list[dict[str, Any]]]:
    """A ``*_by_period`` table's rows, each side's apart (read from Arrow once)."""
    rows: dict[str, list[dict[str, Any]]] = {side: [] for side in SIDES}
    for r in table.to_pylist():
        rows[r["period"]].append(r)
    return rows


def _change(result: CheckResult) -> str:
    return words.date(result.params.change_date)


# Journeys


def journeys(result: CheckResult) -> list[Figure]:
    """The typical and the most passed-around journey on each side."""
    if not has_sides(result):
        return []
    rows = {r["period"]: r for r in result["journeys_by_period"].to_pylist()}
    before, after = rows[BEFORE], rows[AFTER]
    top = {p: rows[:1] for p, rows in _by_side(result["fragmented_by_period"]).items()}

    number = words.number

    def most(period: str) -> str:
        first = top[period]
        if not first:
            return "–"
        return _("{person} ({teams})").format(
            person=first[0]["person_id"], teams=words.plural(first[0]["teams"], "team")
        )

    lines = [
        (_("people"), "people", words.number),
        (_("episodes of work begun"), "episodes", words.number),
        (_("records, typical journey"), "median_events", number),
        (_("teams, typical journey"), "median_teams", number),
        (_("workers, typical journey"), "median_workers", number),
        (_("handoffs, typical journey"), "median_handoffs", number),
        (_("assessments, typical journey"), "median_assessments", number),
        (_("end-to-end days, typical episode"), "median_end_to_end_days", number),
        (_("what matters recorded"), "what_matters_recorded", words.percent),
    ]
    table = [(label, show(before[key]), show(after[key])) for label, key, show in lines]
    table.append((_("most passed-around journey"), most(BEFORE), most(AFTER)))
    sentence = _(
        "Before {date} a typical journey went through {teams_before} teams with "
        "{handoffs_before} handoffs; after it, {teams_after} teams with {handoffs_after} handoffs."
    ).format(
        date=_change(result),
        teams_before=number(before["median_teams"]),
        handoffs_before=number(before["median_handoffs"]),
        teams_after=number(after["median_teams"]),
        handoffs_after=number(after["median_handoffs"]),
    )
    return [
        Figure(
            "journeys_sides",
            _("Journeys before and after the change"),
            sentence,
            note=_(
                "Each side is counted as a window of its own; an episode's end-to-end time "
                "falls on the side where it began. Typical is the median."
            ),
            tables=("journeys_by_period", "fragmented_by_period"),
            columns=columns(),
            rows=table,
        )
    ]


# Demand


def demand(result: CheckResult) -> list[Figure]:
    """Value and failure demand, and what people asked for, on each side."""
    if not has_sides(result):
        return []
    return [_value_failure(result), _by_type(result)]


def _value_failure(result: CheckResult) -> Figure:
    table = result["value_failure_by_period"]
    failure = {
        r["period"]: r["share_of_classified"] for r in table.to_pylist() if r["demand"] == "failure"
    }
    if failure.get(BEFORE) is None and failure.get(AFTER) is None:
        sentence = _("No demand was classed as value or failure on either side of the change.")
    else:
        sentence = _(
            "Failure demand was {before} of classed demand before {date} and {after} after it."
        ).format(
            before=words.percent(failure.get(BEFORE)),
            date=_change(result),
            after=words.percent(failure.get(AFTER)),
        )
    title = _("Value and failure demand, before and after")
    data = [
        {"period": r["period"], "demand": p_("demand", r["demand"]), "count": r["count"]}
        for r in table.to_pylist()
    ]
    return _paired_figure(
        "value_failure_sides", title, sentence, data, "demand", "value_failure_by_period"
    )


def _by_type(result: CheckResult) -> Figure:
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for r in result["demand_by_type_by_period"].to_pylist():
        totals[(r["period"], r["type"])] += r["count"]
    overall: dict[str, int] = defaultdict(int)
    for (_side_name, kind), count in totals.items():
        overall[kind] += count
    types = sorted(overall, key=lambda t: (-overall[t], t))[:TOP]
    data = [{"period": p, "type": t, "count": totals.get((p, t), 0)} for t in types for p in SIDES]
    came = {p: sum(c for (q, _), c in totals.items() if q == p) for p in SIDES}
    sentence = _(
        "{before} approaches came in before {date} and {after} after it; the commonest of "
        "each side are compared."
    ).format(
        before=words.number(came[BEFORE]), date=_change(result), after=words.number(came[AFTER])
    )
    title = _("What people asked for, before and after")
    return _paired_figure(
        "demand_by_type_sides", title, sentence, data, "type", "demand_by_type_by_period"
    )


def _paired_figure(
    key: str, title: str, sentence: str, data: list[dict[str, Any]], category: str, table: str
) -> Figure:
    """A figure of each ``category``'s count on each side, from ``table`` (no chart without
    rows)."""
    chart = (
        paired_bars(data, category=category, value="count", title=title, description=sentence)
        if data
        else None
    )
    return Figure(key, title, sentence, chart=chart, tables=(table,))


def first_point_words(result: CheckResult) -> str:
    """Demand resolved at the first point on each side, in a sentence ("" without a change
    date, or where neither side recorded it)."""
    if not has_sides(result):
        return ""
    shares = {r["period"]: r["share_resolved"] for r in result["first_point_by_period"].to_pylist()}
    if shares.get(BEFORE) is None and shares.get(AFTER) is None:
        return ""

    def said(period: str) -> str:
        share = shares.get(period)
        return _("not recorded") if share is None else words.percent(share)

    return _(" Resolved there: {before} before {date}, {after} after it.").format(
        before=said(BEFORE), date=_change(result), after=said(AFTER)
    )


# Flow


def process_maps(result: CheckResult, shown: ProcessGraph) -> list[Figure]:
    """The process map before and after, side by side: same steps, layout and scale."""
    if not has_sides(result):
        return []
    steps = _without_period(result["activities_by_period"])
    follows = _without_period(result["directly_follows_by_period"])
    graphs = [on_shown(read_graph(*map_inputs(steps[p], follows[p])), shown) for p in SIDES]
    names = tuple(side_phrases()[p] for p in SIDES)
    figures = []
    for view, key, title in (
        (
            View.FREQUENCY,
            "process_map_sides",
            _("How work flows before and after the change: how often"),
        ),
        (
            View.TIME,
            "process_map_time_sides",
            _("How work flows before and after the change: how long people wait"),
        ),
    ):
        figures.append(
            Figure(
                key,
                title,
                _(
                    "The map's steps and paths on each side of {date}, drawn in the same places "
                    "and to the same scale; a path one side never took is drawn thin."
                ).format(date=_change(result)),
                svg=draw_pair(*graphs, view=view, names=names),
                tables=("activities_by_period", "directly_follows_by_period"),
            )
        )
    return figures


def _without_period(table: pa.Table) -> dict[str, pa.Table]:
    """Each side's rows of a ``*_by_period`` table, as the whole window's table."""
    schema = table.schema.remove(0)
    return {
        side: pa.Table.from_pylist(
            [{k: v for k, v in r.items() if k != "period"} for r in rows], schema=schema
        )
        for side, rows in _by_side(table).items()
    }


def variants(result: CheckResult) -> list[Figure]:
    """The commonest journeys with their share of people on each side."""
    if not has_sides(result):
        return []
    sides = {
        p: {r["variant"]: r for r in rows}
        for p, rows in _by_side(result["variants_by_period"]).items()
    }
    people = {p: sum(r["cases"] for r in sides[p].values()) for p in SIDES}
    both = set(sides[BEFORE]) | set(sides[AFTER])
    order = sorted(
        both,
        key=lambda v: (-sum(sides[p].get(v, {}).get("cases", 0) for p in SIDES), v),
    )[:TOP]

    def cell(period: str, variant: str) -> tuple[str, str]:
        row = sides[period].get(variant)
        return (words.number(row["cases"]), words.percent(row["share"])) if row else ("0", "–")

    sentence = _(
        "{journeys_before} among {people_before} before {date}, {journeys_after} among "
        "{people_after} after it."
    ).format(
        journeys_before=words.plural(len(sides[BEFORE]), "different journey"),
        people_before=words.plural(people[BEFORE], "person", "people"),
        date=_change(result),
        journeys_after=words.plural(len(sides[AFTER]), "different journey"),
        people_after=words.plural(people[AFTER], "person", "people"),
    )
    return [
        Figure(
            "variants_sides",
            _("The commonest journeys, before and after"),
            sentence,
            tables=("variants_by_period",),
            columns=(
                _("journey"),
                _("people before"),
                _("share before"),
                _("people after"),
                _("share after"),
            ),
            rows=[(v, *cell(BEFORE, v), *cell(AFTER, v)) for v in order],
        )
    ]


def handoff_words(result: CheckResult) -> str:
    """Handoffs on each side, in a sentence ("" without a change date)."""
    if not has_sides(result):
        return ""
    said = []
    phrases = side_phrases()
    for period, rows in _by_side(result["team_handoffs_by_period"]).items():
        moves = sum(r["count"] for r in rows if not r["same"])
        stays = sum(r["count"] for r in rows if r["same"])
        said.append(
            _("{side}, work changed team {times} ({share} of next steps)").format(
                side=phrases[period],
                times=words.plural(moves, "time"),
                share=words.percent(share(moves, moves + stays)),
            )
        )
    return " " + "; ".join(said).capitalize() + "."


# The people behind a figure


def people_behind(
    table: pa.Table, key: str, labels: dict[Any, str], name: str
) -> list[PeopleBehind]:
    """For each ``key`` value in ``labels`` (in that order), the people ``table`` lists."""
    ids: dict[Any, list[str]] = defaultdict(list)
    for r in table.select([key, "person_id"]).to_pylist():
        ids[r[key]].append(r["person_id"])
    return [
        PeopleBehind(
            _("The {people} behind {what}").format(
                people=words.plural(len(ids[value]), "person", "people"), what=label
            ),
            ids[value][:PEOPLE_SHOWN],
            len(ids[value]),
            name,
        )
        for value, label in labels.items()
        if ids.get(value)
    ]


def self_referral_shares(result: CheckResult) -> Callable[[str], tuple[str, ...]]:
    """Each team's share of referrals to itself before and after, in words: a function of
    the team, the table read once ("–" for a side with no row; nothing without a change
    date)."""
    if not has_sides(result):
        return lambda team: ()
    said = {
        (r["period"], r["team"]): words.percent(r["share"])
        for r in result["self_referrals_by_period"].to_pylist()
    }
    return lambda team: tuple(said.get((p, team), "–") for p in SIDES)
