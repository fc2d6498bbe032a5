"""The measures page's charts and results table, from a ``CheckResult``.

Everything is aggregate (no person or worker is named), so the same page
serves analysts, who see pseudonymised measures only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from whatmatters import words
from whatmatters.check.catalogue import MEASURES, Measure
from whatmatters.check.results import COST_AVOIDANCE_MEASURE

# The engine names its measures in English; the page names them in the reader's language.
TITLES = {
    Measure.END_TO_END: _("End-to-end time"),
    Measure.REPEAT_SHARE: _("Repeat requests"),
    Measure.FAILURE_SHARE: _("Failure demand"),
    Measure.CONTACTS: _("Contacts"),
    Measure.REQUESTS: _("Requests"),
    Measure.ASSESSMENTS: _("Assessments"),
    Measure.NEW_PLACEMENTS: _("New residential and nursing placements"),
    Measure.PEOPLE_IN_PLACEMENT: _("People in residential or nursing care"),
    Measure.CARE_HOURS: _("Mean care hours a week"),
    Measure.WEEKLY_COST: _("Weekly cost"),
    Measure.OUTCOMES_RECORDED: _("What matters recorded"),
    Measure.OUTCOMES_ACHIEVED: _("What matters achieved"),
    Measure.MENU_INDEX: _("Plan actions by the person and their own network"),
    Measure.MENU_INDEX_ACHIEVED: _("What matters achieved by the person and their own network"),
    Measure.REOPENED_28: _("Closed then re-opened within 28 days"),
    Measure.REOPENED_90: _("Closed then re-opened within 90 days"),
}
COST_AVOIDANCE = COST_AVOIDANCE_MEASURE
RESULT_NAMES = {
    **TITLES,
    # the before/after row adds up the planned cost of each stretch, not a week's
    Measure.WEEKLY_COST: _("Planned cost"),
    Measure.OUTCOMES_RECORDED: _("Outcomes recorded in the person's words"),
    Measure.OUTCOMES_ACHIEVED: _("Achieved, as the person sees it"),
    Measure.MENU_INDEX: _("Plan actions by the person, family, friends or community"),
    Measure.MENU_INDEX_ACHIEVED: _(
        "Actions behind what matters achieved, by the person's own network"
    ),
    Measure.REOPENED_28: _("Closures followed by a new request within 28 days"),
    Measure.REOPENED_90: _("Closures followed by a new request within 90 days"),
    COST_AVOIDANCE: _("Cost avoidance"),
}


@dataclass(frozen=True)
class Chart:
    title: str
    svg: str
    sentence: str  # the engine's own reading of the chart (English)


@dataclass(frozen=True)
class ResultLine:
    name: str
    before: str
    after: str
    change: str
    method: str  # how the figure is made (the engine's words, English)


def cached_charts(key: str, result) -> list[Chart]:
    """``capability_charts`` kept with the check's result under ``key``, per language:
    drawing them takes longer than the check itself."""
    from django.utils import translation

    from whatmatters.casework.measures.check import cached

    language = translation.get_language()
    return cached(f"{key}:charts:{language}", lambda: capability_charts(result))


def capability_charts(result) -> list[Chart]:
    """An XmR chart for every measure with enough whole periods, with its reading."""
    from whatmatters.report.charts import chart_svg, xmr_chart
    from whatmatters.report.readings.capability import describe

    period = result.params.period.value
    charts = []
    for measure, xmr in result.capability.items():
        info = MEASURES[measure]
        sentence = describe(xmr, info.unit, period)
        title = str(TITLES.get(measure, info.title))
        drawing = xmr_chart(  # the page prints the sentence under the chart: no subtitle
            xmr,
            title=title,
            unit=info.unit,
            period_word=period,
            description=sentence,
            subtitle=False,
        )
        charts.append(Chart(title, chart_svg(drawing), sentence))
    return charts


def result_lines(result) -> list[ResultLine]:
    """The before-and-after table, as the check's report words it, in the reader's language."""
    from whatmatters.report.readings import results as readings

    phrases = readings.Phrases(
        avoided=words.money,  # the page says the amount; the row's name says what it is
        within=lambda said: _("%(amount)s (within ordinary variation)") % {"amount": said},
        points=_points,
    )
    return [
        ResultLine(
            str(RESULT_NAMES.get(_measure(row["measure"]), row["name"])),
            readings.before(row),
            readings.after(row),
            readings.change(row, phrases),
            readings.method(row),
        )
        for row in result["results"].to_pylist()
    ]


def _points(difference: float | None) -> str:
    """A change between two shares in percentage points (−19 points), in the reader's language."""
    from django.utils.translation import ngettext

    if difference is None:
        return "–"
    sign, amount = words.signed_points(difference)
    count = int(amount) if amount.isdigit() else 100  # a plural for decimals
    return sign + ngettext("%(amount)s point", "%(amount)s points", count) % {"amount": amount}


def _measure(value: str):
    return next((m for m in Measure if m.value == value), value)


@dataclass(frozen=True)
class Demand:
    """Contacts by value and failure, and resolved at the first point (the check's tables)."""

    contacts: int
    failure: int
    failure_share: float | None  # of contacts whose type is known
    resolved: int
    resolved_share: float | None


def demand(result) -> Demand:
    by_type = {r["demand"]: r for r in result["value_failure"].to_pylist()}
    first = (result["first_point"].to_pylist() or [{}])[0]
    failure = by_type.get("failure", {})
    return Demand(
        contacts=sum(r["count"] for r in by_type.values()),
        failure=failure.get("count", 0),
        failure_share=failure.get("share_of_classified"),
        resolved=first.get("resolved", 0),
        resolved_share=first.get("share_resolved"),
    )


@dataclass(frozen=True)
class Referrals:
    """Referral rows in the window, and those of a team to itself (the page's "Handoffs")."""

    referrals: int
    to_own_team: int


def referrals(result) -> Referrals:
    rows = result["self_referrals"].to_pylist()
    return Referrals(
        referrals=sum(r["referrals"] for r in rows),
        to_own_team=sum(r["self_referrals"] for r in rows),
    )


@dataclass(frozen=True)
class WhatMatters:
    """People in the window, and outcomes recorded and achieved (the catalogue's counts)."""

    people: int
    outcomes_recorded: int
    outcomes_achieved: int


def what_matters(result) -> WhatMatters:
    from whatmatters.check.series import total

    def counted(measure: Measure) -> int:
        return round(total(result["series"], measure) or 0)

    return WhatMatters(
        people=result["people"].num_rows,
        outcomes_recorded=counted(Measure.OUTCOMES_RECORDED),
        outcomes_achieved=counted(Measure.OUTCOMES_ACHIEVED),
    )
