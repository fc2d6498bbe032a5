"""A capability (XmR) chart in one plain sentence: what the process predictably does.

The chart's numbers are the check's (``check/capability.py``); the words are
here, with the report's other readings.

>>> from whatmatters.check.capability import xmr
>>> describe(xmr([21, 26, 24, 30, 27, 25, 28, 23, 29, 26, 24, 27]), "days", "week")
'Predictably between 16 and 36 days, averaging 26; no sign of change.'
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import polars as pl

from whatmatters.check import capability_rules as rules
from whatmatters.check.capability import PointType, Segment, XmrParams, XmrResult
from whatmatters.words import figure, plural


def describe(result: XmrResult, unit: str, period_word: str) -> str:
    """One plain sentence on what the process predictably does, and any signs of change.

    Uses the latest segment's limits ("predictably between X and Y"), names the signals
    in it, and mentions the limits before the latest change. The lower bound
    is said as no less than 0 when every value is 0 or more.
    """
    table, segments = result.table, result.segments
    if table.height == 0:
        return f"No data yet: no {period_word} has a value."
    values = table["value"].to_numpy()
    last = segments[-1]
    if not last.has_limits:
        latest = figure(values[-1], unit, with_word=True)
        if table.height == 1:
            return (
                f"Only one {period_word} so far ({latest}): too few to say what the "
                "process predictably does."
            )
        since = _when(table["period"][last.start], period_word)
        return (
            f"Too few {period_word}s for limits since {since} (latest {latest}): "
            "no telling yet what the process predictably does."
        )
    nonnegative = bool((values >= 0).all())

    def signals_in(segment: Segment) -> list[str]:
        return _signal_words(table.slice(segment.start, segment.points), period_word, result.params)

    if last.upper_limit == last.lower_limit:  # no width: every point would be a "signal"
        return _range_words(last, unit, nonnegative, stable=True) + "."
    signals = signals_in(last)
    sentence = _range_words(last, unit, nonnegative, stable=not signals)
    if len(segments) > 1:
        since = _when(table["period"][last.start], period_word)
        sentence = f"Since {since}: {sentence[0].lower()}{sentence[1:]}"
        before = segments[-2]
        if before.has_limits:
            earlier = _range_words(before, unit, nonnegative, stable=not signals_in(before))
            sentence += f" (before: {earlier[0].lower()}{earlier[1:]})"
    sentence += "; " + (
        "signs of change: " + "; ".join(signals) if signals else "no sign of change"
    )
    if last.provisional:
        sentence += (
            f"; limits are provisional, from only {plural(last.baseline_points, period_word)}"
        )
    return sentence + "."


def _range_words(segment: Segment, unit: str, nonnegative: bool, *, stable: bool) -> str:
    """The segment's limits in words: "predictably" only when it shows no sign of change.

    A process with signs of change is not predictable: its limits are only
    what it would do if it settled. Limits of no width (every moving range
    screened out or 0) give no range to speak of.
    """
    lower = max(segment.lower_limit, 0.0) if nonnegative else segment.lower_limit
    upper = segment.upper_limit
    if upper == lower:
        mean = figure(segment.mean, unit, with_word=True)
        return f"Averaging {mean}, with too little variation from point to point to set limits"
    # Limits that round to the same number ("between 14 and 14") get the decimals that part them.
    places = next(
        (
            d
            for d in (None, 1, 2, 3)
            if figure(lower, unit, places=d) != figure(upper, unit, places=d)
        ),
        None,
    )
    low = figure(lower, unit, places=places)
    high = figure(upper, unit, with_word=True, places=places)
    mean = figure(segment.mean, unit, places=places)
    if stable:
        return f"Predictably between {low} and {high}, averaging {mean}"
    return f"Not predictable, averaging {mean}, limits {low} to {high} if it were stable"


def _when(period: Any, period_word: str) -> str:
    """A period in words: 'the week of 2024-03-04', 'March 2024', 'week 12'."""
    if isinstance(period, dt.datetime) and period.time() == dt.time():
        period = period.date()
    if isinstance(period, dt.date) and period_word == "month":
        return period.strftime("%B %Y")
    if isinstance(period, dt.date) and period_word == "year":
        return period.strftime("%Y")
    if isinstance(period, dt.date | dt.datetime):
        return f"the {period_word} of {period.isoformat()}"
    if isinstance(period, int):
        return f"{period_word} {period}"
    return str(period)


def _signal_words(points: pl.DataFrame, period_word: str, params: XmrParams) -> list[str]:
    """Each signal as a phrase: '2 weeks above the upper limit ...', 'a run of 8 weeks ...'."""
    words = []

    def many(count: int) -> str:
        return plural(count, period_word)

    def when(part: pl.DataFrame, row: int) -> str:
        return _when(part["period"][row], period_word)

    outside = points.filter(pl.col("outside_limits"))
    for side, where in (("high", "above the upper limit"), ("low", "below the lower limit")):
        hits = outside.filter(pl.col("side") == side)
        if hits.height == 1:
            words.append(f"1 {period_word} {where}, in {when(hits, 0)}{_judgement(hits)}")
        elif hits.height:
            words.append(
                f"{many(hits.height)} {where}, the latest in {when(hits, -1)}{_judgement(hits)}"
            )
    values = points["value"].to_numpy()
    for stretch in rules.trend_stretches(values, params.trend_length):
        part = points.slice(stretch.start, stretch.stop - stretch.start)
        words.append(
            f"a {'rising' if stretch.direction > 0 else 'falling'} trend over "
            f"{many(part.height)} from {when(part, 0)}{_judgement(part)}"
        )
    near = points.filter(pl.col("two_of_three"))
    for above, where in ((True, "upper"), (False, "lower")):
        hits = near.filter((pl.col("value") > pl.col("mean")) == above)
        if hits.height:
            words.append(
                f"{many(hits.height)} close to the {where} limit (2 of 3 beyond the 2σ line), "
                f"the latest in {when(hits, -1)}{_judgement(hits)}"
            )
    side = np.sign(values - points["mean"].to_numpy()).astype(int)
    for stretch in rules.run_stretches(side, params.run_length):
        part = points.slice(stretch.start, stretch.stop - stretch.start)
        words.append(
            f"a run of {many(part.height)} {'above' if stretch.direction > 0 else 'below'} "
            f"the average from {when(part, 0)}{_judgement(part)}"
        )
    return words


def _judgement(points: pl.DataFrame) -> str:
    kinds = set(points["point_type"].to_list())
    if kinds == {PointType.IMPROVEMENT.value}:
        return " (an improvement)"
    if kinds == {PointType.CONCERN.value}:
        return " (a concern)"
    return ""
