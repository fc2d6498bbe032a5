"""The report's demand section: what people ask for."""

from __future__ import annotations

from whatmatters import words
from whatmatters.check.demand import totals_by_type
from whatmatters.check.run import CheckResult
from whatmatters.language import _, p_
from whatmatters.report.bars_and_lines import bar_chart
from whatmatters.report.figure import Figure, Section, share
from whatmatters.report.readings.rules import sequel_rules
from whatmatters.report.sections import sides

# Demand


def demand(result: CheckResult) -> Section:
    figures = [
        _by_type(result),
        _value_failure(result),
        *sides.demand(result),
        _failure_reasons(result),
        _first_point(result),
        _repeats(result),
        _sequels(result),
    ]
    intro = _(
        "Demand is what people ask for at the front door, in their terms. Failure demand is "
        "demand caused by a failure to do something, or to do it right: chasing, repeating, "
        "coming back. It is a measure to study for causes, never a target."
    )
    return Section("demand", _("Demand: what people ask for"), intro, figures)


def _by_type(result: CheckResult) -> Figure:
    data = totals_by_type(result["demand_by_type"])
    everything = sum(r["count"] for r in data)
    kinds = {r["kind"] for r in result["demand_by_type"].to_pylist()}
    noun = ("contact", "contacts") if kinds == {"contact"} else ("request", "requests")
    if len(kinds) > 1:
        noun = ("contact or request", "contacts and requests")
    if data:
        top = data[0]
        sentence = _(
            "{count} came in; the commonest recorded type was “{type}” ({share}). A type says "
            "how the record was filed; what people asked for is under “What people asked for, "
            "in their own words”."
        ).format(
            count=words.plural(everything, *noun),
            type=top["type"],
            share=words.percent(share(top["count"], everything)),
        )
    else:
        sentence = _("No contacts or requests were recorded in the window.")
    title = _("Contacts and requests by recorded type")
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
        sentence = _(
            "No contacts were classed as value or failure demand, so failure demand cannot be "
            "measured from these records."
        )
    else:
        sentence = _(
            "{share} of the demand that was classed was failure demand: "
            "work the system made for itself."
        ).format(share=words.percent(failure))
    title = _("Value and failure demand")
    data = [{"demand": p_("demand", k), "count": r["count"]} for k, r in rows.items()]
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
    title = _("Why failure demand happened")
    if reasons:
        sentence = _(
            "The commonest reason was “{reason}” ({share} of failure demand); below, what "
            "people said."
        ).format(reason=reasons[0]["reason"], share=words.percent(reasons[0]["share"]))
    else:
        sentence = _("No failure demand was recorded.")
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
        sentence = _("Whether demand was resolved at the first point of contact was not recorded.")
    else:
        sentence = _(
            "{share} of contacts and requests where it was recorded were resolved at the first "
            "point of contact ({unknown} not recorded)."
        ).format(share=words.percent(row["share_resolved"]), unknown=words.number(row["unknown"]))
    sentence += sides.first_point_words(result)
    return Figure(
        "first_point",
        _("Resolved at the first point of contact"),
        sentence,
        tables=("first_point", "first_point_by_period")
        if sides.has_sides(result)
        else ("first_point",),
    )


def _repeats(result: CheckResult) -> Figure:
    rows = result["repeat_requests"].to_pylist()
    parts = [
        _("{share} within {days} days").format(share=words.percent(r["share"]), days=r["days"])
        for r in rows
    ]
    sentence = (
        _("Requests from someone who had asked before: {shares}.").format(shares="; ".join(parts))
        if rows and rows[0]["requests"]
        else _("No requests were recorded in the window.")
    )
    data = [
        {"within": words.days(r["days"]), "share": round(100 * (r["share"] or 0), 1)} for r in rows
    ]
    title = _("People coming back")
    behind = sides.people_behind(
        result["repeat_request_people"],
        "days",
        {r["days"]: _("the repeats within {days} days").format(days=r["days"]) for r in rows},
        "repeat_request_people",
    )
    return Figure(
        "repeat_requests",
        title,
        sentence,
        chart=bar_chart(
            data,
            category="within",
            value="share",
            title=title,
            unit=_("% of requests"),
            sort_by_value=False,
            description=sentence,
        )
        if rows and rows[0]["requests"]
        else None,
        tables=("repeat_requests", "repeat_request_people"),
        people=behind,
    )


def _sequels(result: CheckResult) -> Figure:
    rows = sorted(result["sequel_summary"].to_pylist(), key=lambda r: -r["requests"])
    total = sum(r["requests"] for r in rows)
    title = _("What followed a request from a new client")
    if rows:
        sentence = _("Of {requests} from new clients, {share} ended in “{sequel}”.").format(
            requests=words.plural(total, "request"),
            share=words.percent(rows[0]["share"]),
            sequel=rows[0]["sequel"],
        )
    else:
        sentence = _("No requests from new clients ended in the window.")
    sentence += " " + sequel_rules(result.params.sequels)
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
