"""The report's "what people asked for": value demand by what was asked, beside failure demand.

Read from the contact's and request's own words (``check.asked``), with
verbatim examples; never the record type. Sentences are kept here, in one
place.
"""

from __future__ import annotations

from whatmatters import words
from whatmatters.check.asked import FAILURE, NOT_IN_WORDS, SOMETHING_ELSE, VALUE
from whatmatters.check.run import CheckResult
from whatmatters.report.charts import bar_chart
from whatmatters.report.figure import TOP, Figure, Section

TITLE = "What people asked for, in their own words"


def asked(result: CheckResult) -> Section:
    rows = result["asked_for"].to_pylist()
    intro = (
        "What people asked for, read from what they said when they came (their words on the "
        "contact or request), never from the type of record. Value demand is what the "
        "service is there to do; failure demand, beside it, is what people asked for "
        "because something was not done, or not done right."
    )
    return Section("asked", TITLE, intro, [_value(rows, result), _beside(rows)])


def _themes(rows: list[dict], demand: str) -> list[dict]:
    return sorted((r for r in rows if r["demand"] == demand), key=lambda r: -r["count"])


def _value(rows: list[dict], result: CheckResult) -> Figure:
    value = _themes(rows, VALUE)
    said = [r for r in value if r["asked"] not in (NOT_IN_WORDS, SOMETHING_ELSE)]
    if said:
        top = said[0]
        sentence = (
            f"The commonest thing people asked for was {top['asked']} "
            f"({words.percent(top['share'])} of value demand)"
            + (
                f", then {said[1]['asked']} ({words.percent(said[1]['share'])})."
                if len(said) > 1
                else "."
            )
        )
    elif value:
        sentence = "Value demand was recorded, but not in the words people used."
    else:
        sentence = "No contact or request is classed as value demand."
    silent = next((r for r in value if r["asked"] == NOT_IN_WORDS), None)
    if silent:
        sentence += (
            f" {words.percent(silent['share'])} has no words recorded to say what was asked."
        )
    examples = result["asked_examples"].to_pylist()
    quotes = [
        (r["asked"], r["words"]) for r in examples if r["demand"] == VALUE and r["example"] == 1
    ]
    title = "What people asked for (value demand)"
    return Figure(
        "asked_value",
        title,
        sentence,
        chart=bar_chart(
            [{"asked": r["asked"], "count": r["count"]} for r in value[:15]],
            category="asked",
            value="count",
            title=title,
            description=sentence,
        )
        if value
        else None,
        tables=("asked_for", "asked_examples"),
        quotes=quotes[:TOP],
    )


def _beside(rows: list[dict]) -> Figure:
    value = {r["asked"]: r for r in _themes(rows, VALUE)}
    failure = {r["asked"]: r for r in _themes(rows, FAILURE)}
    order = sorted(
        set(value) | set(failure),
        key=lambda a: (
            -((value.get(a) or {}).get("count", 0) + (failure.get(a) or {}).get("count", 0))
        ),
    )
    worst = max(
        (a for a in failure if a not in (NOT_IN_WORDS, SOMETHING_ELSE)),
        key=lambda a: failure[a]["count"],
        default=None,
    )
    sentence = (
        f"Of failure demand said in words, the most was about {worst} "
        f"({words.percent(failure[worst]['share'])} of failure demand)."
        if worst
        else "No failure demand is said in words."
    )

    def cell(table: dict, asked: str) -> tuple[str, str]:
        r = table.get(asked)
        return (words.number(r["count"]), words.percent(r["share"])) if r else ("0", "–")

    return Figure(
        "asked_beside",
        "Value and failure demand, side by side",
        sentence,
        tables=("asked_for",),
        columns=("what was asked", "value", "share of value", "failure", "share of failure"),
        rows=[(a, *cell(value, a), *cell(failure, a)) for a in order],
    )
