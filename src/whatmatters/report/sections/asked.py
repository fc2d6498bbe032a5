"""The report's "what people asked for": value demand by what was asked, beside failure demand.

Read from the contact's and request's own words (``check.asked``), with
verbatim examples; never the record type. Sentences are kept here, in one
place, in the report's language; the themes are named in it too (``theme``).
"""

from __future__ import annotations

from whatmatters import words
from whatmatters.check.asked import FAILURE, NOT_IN_WORDS, SOMETHING_ELSE, THEMES, VALUE
from whatmatters.check.run import CheckResult
from whatmatters.language import _, p_
from whatmatters.report.bars_and_lines import bar_chart
from whatmatters.report.figure import TOP, Figure, Section

NAMED = {name for name, _keys in THEMES} | {NOT_IN_WORDS, SOMETHING_ELSE}
"""The themes the check names (any other ``asked`` is a record's own type)."""


def theme(asked: str) -> str:
    """A theme of what was asked in the report's language (a record's own type as it is)."""
    return p_("asked", asked) if asked in NAMED else asked


def asked(result: CheckResult) -> Section:
    rows = result["asked_for"].to_pylist()
    intro = _(
        "What people asked for, read from what they said when they came (their words on the "
        "contact or request), never from the type of record. Value demand is what the "
        "service is there to do; failure demand, beside it, is what people asked for "
        "because something was not done, or not done right."
    )
    title = _("What people asked for, in their own words")
    return Section("asked", title, intro, [_value(rows, result), _beside(rows)])


def _themes(rows: list[dict], demand: str) -> list[dict]:
    return sorted((r for r in rows if r["demand"] == demand), key=lambda r: -r["count"])


def _value(rows: list[dict], result: CheckResult) -> Figure:
    value = _themes(rows, VALUE)
    said = [r for r in value if r["asked"] not in (NOT_IN_WORDS, SOMETHING_ELSE)]
    if said:
        top = said[0]
        first = {"asked": theme(top["asked"]), "share": words.percent(top["share"])}
        sentence = (
            _(
                "The commonest thing people asked for was {asked} ({share} of value demand), "
                "then {next} ({next_share})."
            ).format(
                next=theme(said[1]["asked"]), next_share=words.percent(said[1]["share"]), **first
            )
            if len(said) > 1
            else _(
                "The commonest thing people asked for was {asked} ({share} of value demand)."
            ).format(**first)
        )
    elif value:
        sentence = _("Value demand was recorded, but not in the words people used.")
    else:
        sentence = _("No contact or request is classed as value demand.")
    silent = next((r for r in value if r["asked"] == NOT_IN_WORDS), None)
    if silent:
        sentence += _(" {share} has no words recorded to say what was asked.").format(
            share=words.percent(silent["share"])
        )
    examples = result["asked_examples"].to_pylist()
    quotes = [
        (theme(r["asked"]), r["words"])
        for r in examples
        if r["demand"] == VALUE and r["example"] == 1
    ]
    title = _("What people asked for (value demand)")
    return Figure(
        "asked_value",
        title,
        sentence,
        chart=bar_chart(
            [{"asked": theme(r["asked"]), "count": r["count"]} for r in value[:15]],
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
        _(
            "Of failure demand said in words, the most was about {asked} ({share} of failure "
            "demand)."
        ).format(asked=theme(worst), share=words.percent(failure[worst]["share"]))
        if worst
        else _("No failure demand is said in words.")
    )

    def cell(table: dict, asked: str) -> tuple[str, str]:
        r = table.get(asked)
        return (words.number(r["count"]), words.percent(r["share"])) if r else ("0", "–")

    return Figure(
        "asked_beside",
        _("Value and failure demand, side by side"),
        sentence,
        tables=("asked_for",),
        columns=(
            _("what was asked"),
            p_("demand", "value"),
            _("share of value"),
            p_("demand", "failure"),
            _("share of failure"),
        ),
        rows=[(theme(a), *cell(value, a), *cell(failure, a)) for a in order],
    )
