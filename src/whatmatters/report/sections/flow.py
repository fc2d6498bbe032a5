"""The report's flow section: how work moves through the system."""

from __future__ import annotations

from whatmatters import words
from whatmatters.check.flow import map_inputs
from whatmatters.check.run import CheckResult
from whatmatters.language import _
from whatmatters.report.figure import TOP, Figure, Section, share
from whatmatters.report.journey_charts import handoff_matrix_chart
from whatmatters.report.process_map import View, draw_process_map, map_graph
from whatmatters.report.process_map_graph import ProcessGraph, Selection, read_graph
from whatmatters.report.sections import sides
from whatmatters.report.side_charts import handoff_matrix_by_side

# Flow


def flow(result: CheckResult, threshold: float | None) -> Section:
    activities, edges = map_inputs(result["activities"], result["directly_follows"])
    full = read_graph(activities, edges)
    shown = map_graph(activities, edges, threshold)
    figures = [
        _process_map(
            "process_map_frequency",
            _("How work flows: how often"),
            _(
                "Each box is a step and each arrow one step followed by the next, thicker when it "
                "happens more often; {contents}."
            ).format(contents=_map_contents(shown)),
            shown,
            full,
            View.FREQUENCY,
        ),
        _process_map(
            "process_map_time",
            _("How work flows: how long people wait"),
            _(
                "The same map, each arrow labelled with the mean and median wait between the two "
                "steps (a wait below 0 means the next step began before the last one ended)."
            ),
            shown,
            full,
            View.TIME,
        ),
        *sides.process_maps(result, shown),
        _variants(result),
        *sides.variants(result),
        _handoffs(result),
        _self_referrals(result),
        _rework(result),
    ]
    intro = _(
        "Flow follows each case end to end. Handoffs, repeated assessments, waiting and "
        "rework are waste from the person's side."
    )
    return Section("flow", _("Flow: how work moves through the system"), intro, figures)


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
        return _("all {steps} and their paths are shown").format(
            steps=words.plural(shown.all_activities, "step")
        )
    numbers = {
        "steps": words.number(len(shown.activities)),
        "all_steps": words.number(shown.all_activities),
        "paths": words.number(len(shown.paths)),
        "all_paths": words.number(shown.all_paths),
        "share": words.percent(shown.steps_share),
        "threshold": words.percent(shown.threshold),
    }
    if shown.selection is Selection.COMMONEST:
        return _(
            "shown are the {steps} of {all_steps} commonest steps ({share} of all "
            "steps done) and the {paths} of {all_paths} busiest paths between them"
        ).format(**numbers)
    return _(
        "shown are {steps} of {all_steps} steps ({share} of all steps done) and "
        "{paths} of {all_paths} paths, those under {threshold} of the busiest hidden"
    ).format(**numbers)


def _map_left_out(shown: ProcessGraph) -> str:
    if shown.complete:
        return ""
    steps = shown.all_activities - len(shown.activities)
    paths = shown.all_paths - len(shown.paths)
    left = [
        words.plural(n, word) for n, word in ((steps, "rarer step"), (paths, "rarer path")) if n
    ]
    said = (
        _(
            "Left out to keep the map readable: {left}, {share} of the "
            "moves from one step to the next. The full map is in the files below."
        )
        if shown.selection is Selection.COMMONEST
        else _(
            "Left out at the threshold asked for: {left}, {share} of the "
            "moves from one step to the next. The full map is in the files below."
        )
    )
    return said.format(left=_(" and ").join(left), share=words.percent(1 - shown.moves_share))


def _variants(result: CheckResult) -> Figure:
    rows = result["variants"].to_pylist()
    shown = rows[:TOP]
    if rows:
        sentence = _("{journeys}; the {count} commonest cover {share} of people.").format(
            journeys=words.plural(len(rows), "different journey"),
            count=words.number(len(shown)),
            share=words.percent(shown[-1]["coverage"]),
        )
    else:
        sentence = _("There are no journeys in the window.")
    behind = sides.people_behind(
        result["variant_people"],
        "variant",
        {
            r["variant"]: _("the journey in row {row}").format(row=n)
            for n, r in enumerate(shown, start=1)
        },
        "variant_people",
    )
    return Figure(
        "variants",
        _("The commonest journeys, step by step"),
        sentence,
        tables=("variants", "variant_people"),
        people=behind,
        columns=(_("journey"), _("steps"), _("people"), _("share"), _("cumulative")),
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
    title = _("Who passes work to whom")
    sentence = (
        _("Work changed team {times}; {share} of next steps stayed with the same team.").format(
            times=words.plural(moves, "time"), share=words.percent(share(stays, moves + stays))
        )
        if rows
        else _("No teams were recorded, so handoffs cannot be seen.")
    )
    if not (rows and sides.has_sides(result)):
        chart = (
            handoff_matrix_chart(result["team_handoffs"], title=title, description=sentence)
            if rows
            else None
        )
        tables: tuple[str, ...] = ("team_handoffs", "worker_handoffs", "referrals")
    else:
        sentence += sides.handoff_words(result)
        by_period = result["team_handoffs_by_period"].to_pylist()
        chart = handoff_matrix_by_side(rows, by_period, title=title, description=sentence)
        tables = ("team_handoffs", "team_handoffs_by_period", "worker_handoffs", "referrals")
    return Figure("team_handoffs", title, sentence, chart=chart, tables=tables)


def _self_referrals(result: CheckResult) -> Figure:
    rows = sorted(
        result["self_referrals"].to_pylist(), key=lambda r: (-r["self_referrals"], r["team"])
    )
    selfish = [r for r in rows if r["self_referrals"]]
    if selfish:
        top = selfish[0]
        sentence = _(
            "{count} of {teams} referred people to themselves; "
            "{team} did so in {share} of its referrals."
        ).format(
            count=len(selfish),
            teams=words.plural(len(rows), "team"),
            team=top["team"],
            share=words.percent(top["share"]),
        )
    elif rows:
        sentence = _("No team referred people to itself.")
    else:
        sentence = _("No referrals were recorded.")
    by_side = sides.self_referral_shares(result)
    behind = sides.people_behind(
        result["self_referral_people"],
        "team",
        {r["team"]: _("{team}'s self-referrals").format(team=r["team"]) for r in selfish[:TOP]},
        "self_referral_people",
    )
    return Figure(
        "self_referrals",
        _("Teams referring to themselves"),
        sentence,
        tables=("self_referrals", "self_referrals_by_period", "self_referral_people", "referrals")
        if sides.has_sides(result)
        else ("self_referrals", "self_referral_people", "referrals"),
        people=behind,
        columns=(_("team"), _("referrals made"), _("to itself"), _("share"))
        + ((_("share before"), _("share after")) if sides.has_sides(result) else ()),
        rows=[
            (
                r["team"],
                words.number(r["referrals"]),
                words.number(r["self_referrals"]),
                words.percent(r["share"]),
                *by_side(r["team"]),
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
        sentence = _("“{step}” was done more than once for {people} ({share} of those who had it).")
        sentence = sentence.format(
            step=top["activity"],
            people=words.plural(top["cases_repeated"], "person", "people"),
            share=words.percent(top["share_repeated"]),
        )
    else:
        sentence = _("No step was repeated for the same person.")
    if len(rows) < len(repeated):
        sentence += _(
            " Reviews, services, outcomes and closures come again by design, so they are "
            "not listed here (the table has them)."
        )
    return Figure(
        "rework",
        _("Rework: the same step again"),
        sentence,
        tables=("rework",),
        columns=(_("step"), _("people"), _("more than once"), _("share"), _("repeats")),
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
