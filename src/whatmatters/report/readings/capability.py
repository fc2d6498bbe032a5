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
from whatmatters.language import _, for_period
from whatmatters.words import figure, month_year, plural


def describe(result: XmrResult, unit: str, period_word: str) -> str:
    """One plain sentence on what the process predictably does, and any signs of change.

    Uses the latest segment's limits ("predictably between X and Y"), names the signals
    in it, and mentions the limits before the latest change. The lower bound
    is said as no less than 0 when every value is 0 or more.
    """
    table, segments = result.table, result.segments
    if table.height == 0:
        return for_period(period_word, "No data yet: no {period} has a value.").format(
            period=period_word
        )
    values = table["value"].to_numpy()
    last = segments[-1]
    if not last.has_limits:
        latest = figure(values[-1], unit, with_word=True)
        if table.height == 1:
            return for_period(
                period_word,
                "Only one {period} so far ({latest}): too few to say what the "
                "process predictably does.",
            ).format(period=period_word, latest=latest)
        since = _when(table["period"][last.start], period_word)
        return for_period(
            period_word,
            "Too few {period}s for limits since {since} (latest {latest}): "
            "no telling yet what the process predictably does.",
        ).format(period=period_word, since=since, latest=latest)
    nonnegative = bool((values >= 0).all())

    def signals_in(segment: Segment) -> list[str]:
        return _signal_words(table.slice(segment.start, segment.points), period_word, result.params)

    if last.upper_limit == last.lower_limit:  # no width: every point would be a "signal"
        return _range_words(last, unit, nonnegative, stable=True) + "."
    signals = signals_in(last)
    sentence = _range_words(last, unit, nonnegative, stable=not signals)
    if len(segments) > 1:
        since = _when(table["period"][last.start], period_word)
        sentence = _("Since {when}: {what}").format(
            when=since, what=f"{sentence[0].lower()}{sentence[1:]}"
        )
        before = segments[-2]
        if before.has_limits:
            earlier = _range_words(before, unit, nonnegative, stable=not signals_in(before))
            sentence += _(" (before: {what})").format(what=f"{earlier[0].lower()}{earlier[1:]}")
    sentence += "; " + (
        _("signs of change: {signals}").format(signals="; ".join(signals))
        if signals
        else _("no sign of change")
    )
    if last.provisional:
        sentence += _("; limits are provisional, from only {periods}").format(
            periods=plural(last.baseline_points, period_word)
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
        return _(
            "Averaging {mean}, with too little variation from point to point to set limits"
        ).format(mean=mean)
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
        return _("Predictably between {low} and {high}, averaging {mean}").format(
            low=low, high=high, mean=mean
        )
    return _("Not predictable, averaging {mean}, limits {low} to {high} if it were stable").format(
        low=low, high=high, mean=mean
    )


def _when(period: Any, period_word: str) -> str:
    """A period in words: 'the week of 2024-03-04', 'March 2024', 'week 12'."""
    said = for_period(period_word, "the {period} of {date}")
    if isinstance(period, dt.datetime) and period.time() == dt.time():
        period = period.date()
    if isinstance(period, dt.date) and period_word == "month":
        return month_year(period)
    if isinstance(period, dt.date) and period_word == "year":
        return period.strftime("%Y")
    if isinstance(period, dt.date | dt.datetime):
        return said.format(period=period_word, date=period.isoformat())
    if isinstance(period, int):
        return for_period(period_word, "{period} {number}").format(
            period=period_word, number=period
        )
    return str(period)


def _signal_words(points: pl.DataFrame, period_word: str, params: XmrParams) -> list[str]:
    """Each signal as a phrase: '2 weeks above the upper limit ...', 'a run of 8 weeks ...'."""
    words = []

    def many(count: int) -> str:
        return plural(count, period_word)

    def when(part: pl.DataFrame, row: int) -> str:
        return _when(part["period"][row], period_word)

    outside = points.filter(pl.col("outside_limits"))
    for side, where in (("high", _("above the upper limit")), ("low", _("below the lower limit"))):
        hits = outside.filter(pl.col("side") == side)
        if hits.height == 1:
            one = for_period(period_word, "1 {period} {where}, in {when}")
            words.append(
                one.format(period=period_word, where=where, when=when(hits, 0)) + _judgement(hits)
            )
        elif hits.height:
            words.append(
                _("{count} {where}, the latest in {when}").format(
                    count=many(hits.height), where=where, when=when(hits, -1)
                )
                + _judgement(hits)
            )
    values = points["value"].to_numpy()
    for stretch in rules.trend_stretches(values, params.trend_length):
        part = points.slice(stretch.start, stretch.stop - stretch.start)
        trend = (
            _("a rising trend over {count} from {when}")
            if stretch.direction > 0
            else _("a falling trend over {count} from {when}")
        )
        words.append(trend.format(count=many(part.height), when=when(part, 0)) + _judgement(part))
    near = points.filter(pl.col("two_of_three"))
    for above in (True, False):
        hits = near.filter((pl.col("value") > pl.col("mean")) == above)
        close = (
            _("{count} close to the upper limit (2 of 3 beyond the 2σ line), the latest in {when}")
            if above
            else _(
                "{count} close to the lower limit (2 of 3 beyond the 2σ line), the latest in {when}"
            )
        )
        if hits.height:
            words.append(
                close.format(count=many(hits.height), when=when(hits, -1)) + _judgement(hits)
            )
    side = np.sign(values - points["mean"].to_numpy()).astype(int)
    for stretch in rules.run_stretches(side, params.run_length):
        part = points.slice(stretch.start, stretch.stop - stretch.start)
        run = (
            _("a run of {count} above the average from {when}")
            if stretch.direction > 0
            else _("a run of {count} below the average from {when}")
        )
        words.append(run.format(count=many(part.height), when=when(part, 0)) + _judgement(part))
    return words


def _judgement(points: pl.DataFrame) -> str:
    kinds = set(points["point_type"].to_list())
    if kinds == {PointType.IMPROVEMENT.value}:
        return _(" (an improvement)")
    if kinds == {PointType.CONCERN.value}:
        return _(" (a concern)")
    return ""
