"""The report's capability and results sections: charts, and before and after."""

from __future__ import annotations

from typing import Any

from whatmatters import words
from whatmatters.check.capability import Rule, XmrResult
from whatmatters.check.catalogue import MEASURES, STOCKS, Measure
from whatmatters.check.results import charted_measure
from whatmatters.check.run import CheckResult
from whatmatters.check.series import recorded_measures
from whatmatters.language import _, for_period
from whatmatters.report.bars_and_lines import line_chart
from whatmatters.report.charts import xmr_chart
from whatmatters.report.figure import Figure, ResultLine, Section
from whatmatters.report.readings import results as readings
from whatmatters.report.readings.capability import describe
from whatmatters.report.readings.rules import episode_rule

# Capability and results


def capability_key(measure: Measure) -> str:
    return f"capability_{measure.value}"


def _warm_up_words(result: CheckResult, measure: Measure, first: Any) -> str:
    """Why a look-back measure's chart starts later than the others, or nothing."""
    if not result.periods or first <= result.periods[0].start:
        return ""
    params = result.params
    why = {
        Measure.REPEAT_SHARE: _(
            " It starts in {month}: until then the {days}-day look-back reaches back before the "
            "records begin."
        ),
        Measure.END_TO_END: _(
            " It starts in {month}: in the first {days} days an episode may have begun before "
            "the records, and only short ones can have ended."
        ),
    }.get(measure)
    days = params.repeat_days if measure is Measure.REPEAT_SHARE else params.episodes.gap_days
    return why.format(month=words.month_year(first), days=days) if why else ""


# Demand that breeds demand: people chase while they wait, repeat their story after a
# handoff and come back when what mattered was not achieved, so one period's count carries
# into the next and the pattern rules sound more often than on independent periods
# (docs/capability.md, "Front-door counts carry over too"; decision 64).
CARRIES_OVER = frozenset(
    {Measure.CONTACTS, Measure.REQUESTS, Measure.ASSESSMENTS, Measure.FAILURE_SHARE}
)
PATTERN_RULES = (Rule.RUN, Rule.TREND, Rule.TWO_OF_THREE)


def _carry_over_words(measure: Measure, chart: XmrResult, period: str) -> str:
    """A caution under a front-door chart whose sign of change is a pattern, or nothing."""
    if measure not in CARRIES_OVER or chart.table.height == 0:
        return ""
    last = chart.table.filter(chart.table["segment"] == chart.table["segment"].max())
    if not any(last[rule.value].any() for rule in PATTERN_RULES):
        return ""
    return " " + for_period(
        period,
        "Read its run, trend or two-of-three with care: where people chase while they wait "
        "and come back when what mattered was not achieved, one {period}'s demand carries "
        "into the next, and these patterns appear more often than on independent "
        "{period}s (on stable synthetic councils of the menu design, up to twice as "
        "often). Look at the people behind it before calling it a change.",
    ).format(period=period)


def _projection(result: CheckResult) -> list[dict] | None:
    """The projected weekly cost and its 95% band, drawn on the cost chart."""
    table = result.tables.get("cost_projection")
    if table is None or table.num_rows == 0:
        return None
    return [
        {"period": r["period_start"], **{k: r[k] for k in ("predicted", "lower", "upper")}}
        for r in table.to_pylist()
    ]


def _level(result: CheckResult, measure: Measure, period: str) -> Figure:
    """A stock's level as a plain line, with the cost's projected baseline if there is one.

    No limits: the level carries over from one period to the next, so the
    capability rules are applied to its change (the chart after this one).
    """
    info = MEASURES[measure]
    rows = [
        {"period": r["period_start"], "value": r["value"]}
        for r in result["series"].to_pylist()
        if r["measure"] == measure.value and r["value"] is not None
    ]
    sentence = for_period(
        period,
        "It carries over from one {period} to the next (people stay in care for months or "
        "years), so it is drawn as a plain line; the rules for signs of change are applied "
        "to its change from the {period} before, charted next.",
    ).format(period=period)
    projection = _projection(result) if measure is Measure.WEEKLY_COST else None
    if projection:
        sentence += _(
            " The dotted line is the weekly cost the baseline projects after the change, in "
            "its 95% prediction band: cost avoidance is read against it."
        )
    title = _(info.title)
    return Figure(
        f"level_{measure.value}",
        title,
        sentence,
        chart=line_chart(
            rows,
            x="period",
            y="value",
            title=title,
            unit=info.unit,
            description=sentence,
            projection=projection,
        ),
        tables=("series", "cost_projection") if projection else ("series",),
    )


def capability(result: CheckResult) -> Section:
    period = result.params.period.value
    figures = []
    nothing = []
    held = recorded_measures(result["series"])
    for measure, chart in result.capability.items():
        info = MEASURES[measure]
        if measure not in held:
            nothing.append(_(info.title).lower())
            continue
        sentence = describe(chart, info.unit, period) + _carry_over_words(measure, chart, period)
        title = _(info.title)
        if measure in STOCKS:
            figures.append(_level(result, measure, period))
            title = for_period(period, "{measure}: change from the {period} before").format(
                measure=title, period=period
            )
        rule = " " + episode_rule(result.params.episodes) if measure is Measure.END_TO_END else ""
        figures.append(
            Figure(
                capability_key(measure),
                title,
                sentence,
                note=_("How it is counted: {definition} {unknowns}").format(
                    definition=_(info.card.definition), unknowns=_(info.card.unknowns)
                )
                + rule
                + _warm_up_words(result, measure, chart.table["period"][0]),
                chart=xmr_chart(
                    chart,
                    title=title,
                    unit=info.unit,
                    period_word=period,
                    description=sentence,
                ),
                tables=("series", "capability"),
            )
        )
    intro = for_period(
        period,
        "Each chart plots one {period} at a time. The lines show what the system predictably "
        "does: points between the limits are the system's usual variation; coloured points are "
        "signs of change. The light 2σ lines, two thirds of the way to the limits, mark where "
        "two points out of three close to a limit count as a sign. No targets.",
    ).format(period=period)
    if result.params.change_date:
        intro += _(" Limits are recalculated from {date}.").format(
            date=words.date(result.params.change_date)
        )
    if nothing:
        intro += _(" Not charted, as the records hold none: {measures}.").format(
            measures=", ".join(nothing)
        )
    if not figures and not nothing:
        intro += _(" There are too few whole periods in the window to chart.")
    title = _("Capability: what the system predictably does")
    return Section("capability", title, intro, figures)


def _with_latest(row: dict) -> str:
    """The after figure, with the latest period's beside the average of a level."""
    said = readings.after(row)
    if row.get("latest") is None or row["after"] is None:
        return said
    latest = words.amount(row["latest"], row["unit"])
    return _("{figure} (latest {latest})").format(figure=said, latest=latest)


def _how_sure(row: dict) -> str:
    """How sure a change is, in words: its 95% interval, or that it is ordinary variation."""
    certainty = readings.certainty(row)
    if not certainty or readings.is_cost_avoidance(row):
        return ""
    if row.get("change_low") is None:
        return f" ({certainty})"
    low, high = words.change(row["change_low"]), words.change(row["change_high"])
    return _(" ({certainty}; 95% interval {low} to {high})").format(
        certainty=certainty, low=low, high=high
    )


def results(result: CheckResult) -> Section:
    lines = []
    nothing = []
    held = recorded_measures(result["series"])
    for r in result["results"].to_pylist():
        name = readings.name(r, result.params.repeat_days)
        charted = charted_measure(r)
        if charted is not None and charted not in held:
            nothing.append(name.lower())
            continue
        key = capability_key(charted) if charted in result.capability else None
        lines.append(
            ResultLine(
                name,
                readings.before(r),
                _with_latest(r),
                readings.change(r) + _how_sure(r),
                readings.method(r),
                key,
            )
        )
    compared = readings.compared(result.comparison)
    if result.params.change_date:
        intro = _("Before and after the change on {date}: {compared}.").format(
            date=words.date(result.params.change_date), compared=compared
        )
    else:
        intro = _(
            "No change date was given, so this compares the first half of the window with "
            "the second ({compared}): it is not the before and "
            "after of any change, and counts that build up from where the records begin "
            "(people in care, cost) rise for that reason alone. Give the date the way of "
            "working changed (--change-date) to compare either side of it."
        ).format(compared=compared)
    intro += _(
        " Read each change with its capability chart: a difference between two stretches "
        "can be ordinary variation."
    )
    if nothing:
        intro += _(" Not compared, as the records hold none: {measures}.").format(
            measures=", ".join(nothing)
        )
    return Section("results", _("Results: before and after"), intro, [], results=lines)
