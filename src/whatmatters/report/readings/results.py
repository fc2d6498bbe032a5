"""The before/after table in words: each change said one way, for the report and the page.

The report says it in English; the casework page passes ``Phrases`` in the
reader's language. Cost avoidance is one amount (kept as ``after``): it is
said as the change, and whether it lies within ordinary variation. The check
makes the table in numbers (``check.results``); ``method`` says how each row
was worked out, and ``worded`` is the table as the report writes it (CSV and
Parquet), with that sentence in place of the numbers it is made from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pyarrow as pa

from whatmatters import words
from whatmatters.check.catalogue import MEASURES, STOCKS, Combine, Measure, Span
from whatmatters.check.certainty import BEYOND, NOT_ENOUGH_TO_SAY
from whatmatters.check.projection import LEVEL, MIN_BASELINE
from whatmatters.check.results import (
    COST_AVOIDANCE_MEASURE,
    MADE_FROM,
    Comparison,
    NotCompared,
    within_ordinary_variation,
)


def _avoided(amount: float) -> str:
    if amount >= 0:
        return f"{words.money(amount)} avoided"
    return f"{words.money(-amount)} above the trend"


@dataclass(frozen=True)
class Phrases:
    """How a language says the changes (English unless given)."""

    avoided: Callable[[float], str] = _avoided
    """Cost avoided (or, below 0, cost above the trend)."""
    within: Callable[[str], str] = "{} (within ordinary variation: no evidence of a change)".format
    """A cost avoidance within ordinary variation."""
    points: Callable[[float | None], str] = words.points
    """A change between two shares, in percentage points."""


ENGLISH = Phrases()


def is_cost_avoidance(row: dict) -> bool:
    return row["measure"] == COST_AVOIDANCE_MEASURE


def before(row: dict) -> str:
    return "–" if is_cost_avoidance(row) else words.amount(row["before"], row["unit"])


def after(row: dict) -> str:
    return "–" if is_cost_avoidance(row) else words.amount(row["after"], row["unit"])


def change(row: dict, phrases: Phrases = ENGLISH) -> str:
    """A results row's change as a reader compares it: shares in points, others in %."""
    if not is_cost_avoidance(row):
        if row["unit"] == "share":
            return phrases.points(row["change"])
        return words.change(row["change_pct"])
    avoided = row["after"]
    said = "–" if avoided is None else phrases.avoided(avoided)
    return phrases.within(said) if within_ordinary_variation(row) else said


def compared(compare: Comparison) -> str:
    """The two stretches compared, in words: "1 January 2024 to … against … (4 periods each)"."""
    if not compare.before:
        return "There are not enough whole periods on both sides to compare."
    return (
        f"{_stretch(compare.before)} against {_stretch(compare.after)} "
        f"({words.plural(len(compare.before), 'period')} each)"
    )


def _stretch(spans: list[Span]) -> str:
    last = spans[-1].stop - dt.timedelta(days=1)
    return f"{spans[0].start:%-d %B %Y} to {last:%-d %B %Y}"


# How each row was worked out -------------------------------------------------

COMBINED = {
    Combine.SUM: "Added up over each stretch.",
    Combine.CENSUS: (
        "The average of the figure on the last day of each period in the stretch "
        "(steadier than one day's count)."
    ),
    Combine.RATIO: "All of each stretch's cases together (not an average of the periods).",
}
NOT_COMPARED = {
    NotCompared.NONE_RECORDED: "Not compared: the records hold none of this.",
    NotCompared.NO_CHANGE_DATE: (
        "Not worked out: no change date was given, so there is no change to credit with "
        "cost avoided (give the date the way of working changed)."
    ),
    NotCompared.INCOMPLETE_BASELINE: (
        "Not worked out: it needs the cost of every whole period before the change, and "
        "periods after it."
    ),
    NotCompared.AFTER_COST_MISSING: (
        "Not worked out: the cost of some periods after the change is missing."
    ),
}
TOO_FEW = "Too few numbers to say how sure this is."


def method(row: dict) -> str:
    """How a results row was worked out, and how sure it is, in words."""
    reason = row.get("not_compared")
    if reason == NotCompared.SHORT_BASELINE:
        return (
            f"Not worked out: {row['baseline_periods']} periods before the change; at least "
            f"{MIN_BASELINE} are needed to project a baseline (too short to tell a trend "
            "from a wander)."
        )
    if reason is not None:
        return NOT_COMPARED[NotCompared(reason)]
    if is_cost_avoidance(row):
        return _cost_avoidance(row)
    measure = Measure(row["measure"])
    said = COMBINED[MEASURES[measure].combine]
    return said if row.get("certainty") is None else f"{said} {_how_sure(row, measure)}"


def _how_sure(row: dict, measure: Measure) -> str:
    if row["certainty"] == NOT_ENOUGH_TO_SAY:
        return TOO_FEW
    low, high = words.change(row["change_low"]), words.change(row["change_high"])
    where = "beyond" if row["certainty"] == BEYOND else "within"
    if measure in STOCKS:
        return (
            "Against the baseline carried forward (it carries over from month to month): "
            f"{words.change(row['change_estimate'])}, {LEVEL:.0%} interval {low} to {high} "
            f"({where} ordinary variation)."
        )
    return (
        f"{LEVEL:.0%} interval of the change: {low} to {high} ({where} ordinary variation; "
        "a level-change regression of the periods, its spread from their own scatter and its "
        "carry-over from one period to the next)."
    )


def _cost_avoidance(row: dict) -> str:
    predicted, band = row["predicted"], row["ordinary_variation"]
    actual = predicted - row["after"]
    return (
        f"The weekly cost of the {row['baseline_periods']} periods before the change, carried "
        f"forward from the last of them by its average change ({words.money(row['drift'])} "
        f"a period), over the {row['after_periods']} periods after it, predicts "
        f"{words.money(predicted)}; the actual planned cost was {words.money(actual)}. "
        f"Cost avoidance is the difference. {_against_interval(row['after'], band)} The "
        "interval allows for the trend being uncertain and for cost carrying over from "
        "month to month (people stay in care); read it with the cost chart, which draws "
        "the projection and its band."
    )


def _against_interval(avoided: float, band: float) -> str:
    interval = f"{LEVEL:.0%} prediction interval (±{words.money(band)} over the stretch)"
    if abs(avoided) <= band:
        return (
            f"That is inside the {interval}: within ordinary variation, no evidence that cost "
            "changed."
        )
    return (
        f"That is beyond the {interval}: more than chance alone would explain, though not by "
        "itself proof of what caused it."
    )


WORDED_COLUMNS = (
    "name", "measure", "unit", "before", "after", "change", "change_pct", "method",
    "ordinary_variation", "change_low", "change_high", "certainty", "latest",
)  # fmt: skip


def worded(table: pa.Table) -> pa.Table:
    """The results table as the report writes it: ``method`` in words, in place of the
    numbers it is made from (the columns of ``docs/check.md``)."""
    said = pa.array([method(r) for r in table.to_pylist()], pa.string())
    kept = table.drop_columns(list(MADE_FROM)).append_column("method", said)
    return kept.select(list(WORDED_COLUMNS))
