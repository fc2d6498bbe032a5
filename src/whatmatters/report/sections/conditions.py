"""The report's system conditions: targets that pull work inside them, and work closed too soon.

Deadline effects (``check.deadlines``: a council's targets, ``check
--targets FILE``) and closures re-opened within 28 and 90 days
(``check.reopened``; the measure's capability charts are in the capability
section). Sentences are kept here, in one place.
"""

from __future__ import annotations

from whatmatters import words
from whatmatters.check.deadlines import SIGNIFICANCE
from whatmatters.check.run import CheckResult
from whatmatters.report.charts import bar_chart
from whatmatters.report.figure import TOP, Figure, Section, share

TITLE = "System conditions: targets and work closed too soon"
NO_TARGETS = (
    "No targets were given, so deadline effects are not looked for: give the council's "
    "targets with check --targets FILE (docs/check.md has an example)."
)


def conditions(result: CheckResult) -> Section:
    intro = (
        "Targets and the way work is managed drive behaviour: work rushed or closed to meet "
        "a deadline, cases closed and opened again. "
        + ("" if result.params.targets else NO_TARGETS)
    ).strip()
    figures = []
    if result.params.targets:
        days = result["deadline_days"].to_pylist()
        for target in result["deadlines"].to_pylist():
            figures.append(_deadline(target, [d for d in days if d["target"] == target["target"]]))
    figures.append(_reopened(result["reopened"].to_pylist()))
    return Section("conditions", TITLE, intro, figures)


def heaping_sentence(t: dict) -> str:
    """A target's band in words: how many more steps end just inside it than a smooth curve."""
    band = f"days {t['band_first']}–{t['band_last']}"
    label = t["label"]
    on_time = words.percent(share(t["on_time"], t["steps"]))
    head = f"{on_time} of {words.number(t['steps'])} {label} took {t['within_days']} days or fewer."
    if t["expected"] is None:
        return f"{head} Too few {label} either side of {band} to tell whether work piles up there."
    if t["heaping"]:
        return (
            f"{head} {words.percent(t['excess'])} more {label} end on {band} than a smooth "
            f"curve predicts ({words.number(t['in_band'])} against "
            f"{words.number(round(t['expected']))}): work piles up just inside the target "
            f"(a count this high by chance: under 1 in {round(1 / SIGNIFICANCE):,})."
        )
    return (
        f"{head} The {words.number(t['in_band'])} ending on {band} are about what a smooth "
        f"curve predicts ({words.number(round(t['expected']))}): no sign of work piling up "
        "just inside the target."
    )


def _deadline(target: dict, days: list[dict]) -> Figure:
    sentence = heaping_sentence(target)
    shown_to = target["within_days"] + max(14, 2 * (target["band_last"] - target["band_first"] + 1))
    data = [{"days": d["days"], "count": d["count"]} for d in days if d["days"] <= shown_to]
    title = f"Days taken: {target['label']} (target {target['within_days']} days)"
    return Figure(
        f"deadline_{target['target']}",
        title,
        sentence,
        chart=bar_chart(
            data,
            category="days",
            value="count",
            title=title,
            horizontal=False,
            sort_by_value=False,
            description=sentence,
            unit=target["label"],
        )
        if data
        else None,
        tables=("deadlines", "deadline_days"),
    )


def reopened_sentence(rows: list[dict]) -> str:
    closures = sum(r["closures_28"] for r in rows)
    if not closures:
        return (
            "No closures are recorded with time to see a return, so re-opened work cannot be "
            "read here (a CLD return holds no closures)."
        )
    soon = sum(r["reopened_28"] for r in rows)
    later = sum(r["reopened_90"] for r in rows)
    later_of = sum(r["closures_90"] for r in rows)
    text = (
        f"{words.plural(soon, 'closure')} of {words.number(closures)} "
        f"({words.percent(share(soon, closures))}) were followed by a new request from the same "
        f"person within 28 days"
    )
    if later_of:
        text += f", and {words.percent(share(later, later_of))} within 90 days"
    worst = max(
        (r for r in rows if r["closures_28"] >= 20),
        key=lambda r: r["share_28"] or 0,
        default=None,
    )
    if worst is not None:
        text += (
            f"; most often after “{worst['reason']}” by {worst['team']} "
            f"({words.percent(worst['share_28'])} within 28 days)"
        )
    return text + "."


def _reopened(rows: list[dict]) -> Figure:
    shown = sorted(rows, key=lambda r: -r["closures_28"])[:TOP]
    return Figure(
        "reopened",
        "Closed, then opened again",
        reopened_sentence(rows),
        tables=("reopened",),
        columns=(
            "closure reason",
            "team",
            "closures",
            "re-opened within 28 days",
            "within 90 days",
        ),
        rows=[
            (
                r["reason"],
                r["team"],
                words.number(r["closures_28"]),
                words.percent(r["share_28"]),
                words.percent(r["share_90"]),
            )
            for r in shown
        ],
    )
