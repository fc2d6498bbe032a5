"""The before/after table in words: each change said one way, for the report and the page.

The report says it in English; the casework page passes ``Phrases`` in the
reader's language. Cost avoidance is one amount (kept as ``after``): it is
said as the change, and whether it lies within ordinary variation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from whatmatters import words
from whatmatters.check.catalogue import Span
from whatmatters.check.results import (
    COST_AVOIDANCE_MEASURE,
    Comparison,
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
