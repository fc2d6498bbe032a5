"""The report's system conditions: targets that pull work inside them, and work closed too soon.

Deadline effects (``check.deadlines``: a council's targets, ``check
--targets FILE``) and closures re-opened within 28 and 90 days
(``check.reopened``; the measure's capability charts are in the capability
section). Sentences are kept here, in one place, in the report's language.
"""

from __future__ import annotations

from whatmatters import words
from whatmatters.check.deadlines import SIGNIFICANCE
from whatmatters.check.run import CheckResult
from whatmatters.language import N_, _
from whatmatters.report.bars_and_lines import bar_chart
from whatmatters.report.figure import TOP, Figure, Section, share

NO_TARGETS = N_(
    "No targets were given, so deadline effects are not looked for: give the council's "
    "targets with check --targets FILE (docs/check.md has an example)."
)


def conditions(result: CheckResult) -> Section:
    intro = (
        _(
            "Targets and the way work is managed drive behaviour: work rushed or closed to meet "
            "a deadline, cases closed and opened again. "
        )
        + ("" if result.params.targets else _(NO_TARGETS))
    ).strip()
    figures = []
    if result.params.targets:
        days = result["deadline_days"].to_pylist()
        for target in result["deadlines"].to_pylist():
            figures.append(_deadline(target, [d for d in days if d["target"] == target["target"]]))
    figures.append(_reopened(result["reopened"].to_pylist()))
    title = _("System conditions: targets and work closed too soon")
    return Section("conditions", title, intro, figures)


def heaping_sentence(t: dict) -> str:
    """A target's band in words: how many more steps end just inside it than a smooth curve."""
    said = {
        "band": _("days {first}–{last}").format(first=t["band_first"], last=t["band_last"]),
        "label": t["label"],
        "on_time": words.percent(share(t["on_time"], t["steps"])),
        "steps": words.number(t["steps"]),
        "days": t["within_days"],
        "in_band": words.number(t["in_band"]),
    }
    head = _("{on_time} of {steps} {label} took {days} days or fewer.").format(**said)
    if t["expected"] is None:
        tail = _("Too few {label} either side of {band} to tell whether work piles up there.")
        return f"{head} {tail.format(**said)}"
    said["expected"] = words.number(round(t["expected"]))
    if t["heaping"]:
        tail = _(
            "{excess} more {label} end on {band} than a smooth curve predicts ({in_band} "
            "against {expected}): work piles up just inside the target (a count this high by "
            "chance: under 1 in {odds})."
        ).format(
            excess=words.percent(t["excess"]), odds=words.number(round(1 / SIGNIFICANCE)), **said
        )
        return f"{head} {tail}"
    tail = _(
        "The {in_band} ending on {band} are about what a smooth curve predicts ({expected}): "
        "no sign of work piling up just inside the target."
    ).format(**said)
    return f"{head} {tail}"


def _deadline(target: dict, days: list[dict]) -> Figure:
    sentence = heaping_sentence(target)
    shown_to = target["within_days"] + max(14, 2 * (target["band_last"] - target["band_first"] + 1))
    data = [{"days": d["days"], "count": d["count"]} for d in days if d["days"] <= shown_to]
    title = _("Days taken: {label} (target {days} days)").format(
        label=target["label"], days=target["within_days"]
    )
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
        return _(
            "No closures are recorded with time to see a return, so re-opened work cannot be "
            "read here (a CLD return holds no closures)."
        )
    soon = sum(r["reopened_28"] for r in rows)
    later = sum(r["reopened_90"] for r in rows)
    later_of = sum(r["closures_90"] for r in rows)
    text = _(
        "{soon} of {closures} ({share}) were followed by a new request from the same person "
        "within 28 days"
    ).format(
        soon=words.plural(soon, "closure"),
        closures=words.number(closures),
        share=words.percent(share(soon, closures)),
    )
    if later_of:
        text += _(", and {share} within 90 days").format(
            share=words.percent(share(later, later_of))
        )
    worst = max(
        (r for r in rows if r["closures_28"] >= 20),
        key=lambda r: r["share_28"] or 0,
        default=None,
    )
    if worst is not None:
        text += _("; most often after “{reason}” by {team} ({share} within 28 days)").format(
            reason=worst["reason"], team=worst["team"], share=words.percent(worst["share_28"])
        )
    return text + "."


def _reopened(rows: list[dict]) -> Figure:
    shown = sorted(rows, key=lambda r: -r["closures_28"])[:TOP]
    return Figure(
        "reopened",
        _("Closed, then opened again"),
        reopened_sentence(rows),
        tables=("reopened",),
        columns=(
            _("closure reason"),
            _("team"),
            _("closures"),
            _("re-opened within 28 days"),
            _("within 90 days"),
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
