"""The report's demand section: what people ask for."""

from __future__ import annotations

from whatmatters import words
from whatmatters.check.demand import totals_by_type
from whatmatters.check.run import CheckResult
from whatmatters.report.charts import bar_chart
from whatmatters.report.figure import Figure, Section, share
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
    intro = (
        "Demand is what people ask for at the front door, in their terms. Failure demand is "
        "demand caused by a failure to do something, or to do it right: chasing, repeating, "
        "coming back. It is a measure to study for causes, never a target."
    )
    return Section("demand", "Demand: what people ask for", intro, figures)


def _by_type(result: CheckResult) -> Figure:
    data = totals_by_type(result["demand_by_type"])
    everything = sum(r["count"] for r in data)
    kinds = {r["kind"] for r in result["demand_by_type"].to_pylist()}
    noun = ("contact", "contacts") if kinds == {"contact"} else ("request", "requests")
    if len(kinds) > 1:
        noun = ("contact or request", "contacts and requests")
    if data:
        top = data[0]
        sentence = (
            f"{words.plural(everything, *noun)} came in; "
            f"the commonest recorded type was “{top['type']}” "
            f"({words.percent(share(top['count'], everything))}). A type says how the record "
            "was filed; what people asked for is under “What people asked for, in their own "
            "words”."
        )
    else:
        sentence = "No contacts or requests were recorded in the window."
    title = "Contacts and requests by recorded type"
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
    sentence += sides.first_point_words(result)
    return Figure(
        "first_point",
        "Resolved at the first point of contact",
        sentence,
        tables=("first_point", "first_point_by_period")
        if sides.has_sides(result)
        else ("first_point",),
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
    behind = sides.people_behind(
        result["repeat_request_people"],
        "days",
        {r["days"]: f"the repeats within {r['days']} days" for r in rows},
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
            unit="% of requests",
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
    title = "What followed a request from a new client"
    if rows:
        sentence = (
            f"Of {words.plural(total, 'request')} from new clients, "
            f"{words.percent(rows[0]['share'])} ended in “{rows[0]['sequel']}”."
        )
    else:
        sentence = "No requests from new clients ended in the window."
    sentence += " " + result.params.sequels.describe()
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
