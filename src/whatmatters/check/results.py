"""Results: the seed's before/after table, read off the capability series.

Two stretches of equal length are compared: the whole periods (weeks or
months) just before the change date and as many just after it (without a
change date, the first half of the window against the second). Each figure
is added up from the same per-period numerators and denominators the
capability charts plot, so the table and the chart beside it cannot
disagree. A percentage change read off two points can mislead: the report
always shows the chart next to it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

import pyarrow as pa

from whatmatters.check.catalogue import (
    MEASURES,
    RESULTS,
    STOCKS,
    Combine,
    Measure,
    MeasureInfo,
    Span,
)
from whatmatters.check.certainty import BEYOND, NOT_ENOUGH, WITHIN, against_projection, level_change
from whatmatters.check.projection import Projection, TooShort, project
from whatmatters.check.series import recorded_measures

COST_AVOIDANCE = "Cost avoidance"
COST_AVOIDANCE_MEASURE = "cost_avoidance"
"""The results row of cost avoidance: one amount (kept as ``after``), not a measure."""


class NotCompared(StrEnum):
    """Why a row has no figure (the ``not_compared`` column; ``report.readings`` says it)."""

    NONE_RECORDED = "none_recorded"
    NO_CHANGE_DATE = "no_change_date"
    INCOMPLETE_BASELINE = "incomplete_baseline"
    SHORT_BASELINE = "short_baseline"
    AFTER_COST_MISSING = "after_cost_missing"


@dataclass(frozen=True)
class Comparison:
    """The periods compared: ``before`` and ``after`` have the same number."""

    before: list[Span]
    after: list[Span]
    baseline: list[Span]
    """Every whole period before the change: the cost trend is fitted to these."""
    change_date: dt.date | None = None
    """None: no change was given, and the window's halves are compared."""


def comparison(spans: list[Span], change_date: dt.date | None) -> Comparison:
    """Equal stretches of whole periods either side of the change date.

    A period containing the change date belongs to neither side.
    """
    if change_date is None:
        half = len(spans) // 2
        return Comparison(spans[:half], spans[len(spans) - half :], spans[:half], None)
    before = [s for s in spans if s.stop <= change_date]
    after = [s for s in spans if s.start >= change_date]
    k = min(len(before), len(after))
    return Comparison(before[len(before) - k :], after[:k], before, change_date)


def results(series: pa.Table, compare: Comparison, repeat_days: int) -> pa.Table:
    """The before/after table, in numbers (``report.readings.results`` words it).

    Columns: ``name``, ``measure``, ``unit``, ``before``, ``after``,
    ``change`` (after − before), ``change_pct`` ((after − before) / before,
    empty when before is 0), ``ordinary_variation`` (cost avoidance only: ±
    the 95% prediction interval of the amount, £; an amount within it is no
    evidence that cost changed), ``change_low`` and ``change_high`` (the 95%
    interval of the relative change, ``certainty`` module), ``certainty``
    (one of three labels: ``WITHIN``, ``BEYOND``, ``NOT_ENOUGH.verdict``),
    ``latest`` (levels only: the last period's figure, beside the stretch's
    average), then what the method's words are made from: ``not_compared``
    (a ``NotCompared`` reason), ``change_estimate`` (the central relative
    change; for a stock, against its baseline carried forward), and for cost
    avoidance ``baseline_periods``, ``after_periods``, ``predicted`` (£ the
    baseline projects over the after stretch) and ``drift`` (£ a period);
    ``after_periods`` also on a sum compared over shorter stretches than the
    table's (each side that many periods: ``_judged_stretches``).
    The report's table (``method`` in words) is ``readings.results.worded``.
    """
    by_measure = _by_measure(series)
    held = recorded_measures(series)
    rows = []
    for measure in RESULTS:
        info = MEASURES[measure]
        name, unit = info.result_name, info.result_unit
        if measure is Measure.REPEAT_SHARE:
            name = f"{name} (within {repeat_days} days)"
        if measure not in held:  # blank, not a row of zeros an analyst might believe
            rows.append(_row(name, measure.value, unit, None, None, NotCompared.NONE_RECORDED))
            continue
        points = by_measure.get(measure, {})
        stretches = _judged_stretches(points, compare, info.combine)
        before = _combine(points, stretches.before, info.combine)
        after = _combine(points, stretches.after, info.combine)
        row = _row(name, measure.value, unit, before, after)
        if before is not None and after is not None:
            row |= _how_sure(measure, info, points, stretches)
        if stretches is not compare and before is not None and after is not None:
            row["after_periods"] = len(stretches.after)  # each stretch's periods, said in words
        rows.append(row)
    avoided = (
        cost_avoidance(by_measure.get(Measure.WEEKLY_COST, {}), compare)
        if Measure.WEEKLY_COST in held
        else Avoidance(None, NotCompared.NONE_RECORDED)
    )
    rows.append(_avoidance_row(avoided))
    return pa.Table.from_pylist(rows, schema=RESULTS_SCHEMA)


def _avoidance_row(avoided: Avoidance) -> dict:
    row = _row(COST_AVOIDANCE, COST_AVOIDANCE_MEASURE, "£", None, avoided.amount, avoided.reason)
    row["ordinary_variation"] = avoided.band
    if avoided.amount is not None and avoided.band is not None:
        row["certainty"] = WITHIN if abs(avoided.amount) <= avoided.band else BEYOND
    row["baseline_periods"] = avoided.baseline_periods
    row["after_periods"] = len(avoided.periods) or None
    if avoided.projection is not None:
        row["predicted"] = avoided.projection.total_predicted
        row["drift"] = avoided.projection.drift
    return row


PROJECTION_SCHEMA = pa.schema(
    [
        ("period_start", pa.date32()),
        ("predicted", pa.float64()),
        ("lower", pa.float64()),
        ("upper", pa.float64()),
    ]
)


def cost_projection(series: pa.Table, compare: Comparison) -> pa.Table:
    """The weekly cost the baseline projects for each after period, with its 95% band.

    Empty when cost avoidance is not worked out (no change date, a baseline
    too short to say, costs missing). The cost chart draws it.
    """
    points = _by_measure(series).get(Measure.WEEKLY_COST, {})
    avoided = cost_avoidance(points, compare) if points else None
    if avoided is None or avoided.projection is None:
        return PROJECTION_SCHEMA.empty_table()
    p = avoided.projection
    return pa.table(
        {
            "period_start": list(avoided.periods),
            "predicted": p.predicted.tolist(),
            "lower": p.lower.tolist(),
            "upper": p.upper.tolist(),
        },
        schema=PROJECTION_SCHEMA,
    )


RESULTS_SCHEMA = pa.schema(
    [
        ("name", pa.string()),
        ("measure", pa.string()),
        ("unit", pa.string()),
        ("before", pa.float64()),
        ("after", pa.float64()),
        ("change", pa.float64()),
        ("change_pct", pa.float64()),
        ("ordinary_variation", pa.float64()),
        ("change_low", pa.float64()),
        ("change_high", pa.float64()),
        ("certainty", pa.string()),
        ("latest", pa.float64()),
        ("not_compared", pa.string()),
        ("change_estimate", pa.float64()),
        ("baseline_periods", pa.int64()),
        ("after_periods", pa.int64()),
        ("predicted", pa.float64()),
        ("drift", pa.float64()),
    ]
)
MADE_FROM = ("not_compared", "change_estimate", "baseline_periods", "after_periods")
MADE_FROM += ("predicted", "drift")
"""The columns the method's words are made from: the report's table has ``method`` instead."""


def _row(
    name: str,
    measure: str,
    unit: str,
    before: float | None,
    after: float | None,
    not_compared: NotCompared | None = None,
) -> dict:
    change = None if before is None or after is None else after - before
    pct = None if change is None or before == 0 else change / before
    return {
        "name": name,
        "measure": measure,
        "unit": unit,
        "before": before,
        "after": after,
        "change": change,
        "change_pct": pct,
        "ordinary_variation": None,
        "change_low": None,
        "change_high": None,
        "certainty": None,
        "latest": None,
        "not_compared": not_compared,
        "change_estimate": None,
        "baseline_periods": None,
        "after_periods": None,
        "predicted": None,
        "drift": None,
    }


def _judged_stretches(
    points: dict[dt.date, Point], compare: Comparison, how: Combine
) -> Comparison:
    """The stretches a sum or a census is compared over: both shortened alike when the
    measure's first periods are left out where the records begin (``series.judged_from``:
    what matters recorded, in the records' first episode gap), so it is still compared.

    A ratio pools the cases of the periods it has, and a gap later on leaves a sum with
    no figure: both as before.
    """
    if how is Combine.RATIO:
        return compare
    before = list(compare.before)
    while before and before[0].start not in points:
        before.pop(0)
    if not before or len(before) == len(compare.before):
        return compare
    return dataclasses.replace(compare, before=before, after=compare.after[: len(before)])


def _how_sure(
    measure: Measure, info: MeasureInfo, points: dict[dt.date, Point], compare: Comparison
) -> dict:
    """The row's interval of the change, whether it is beyond chance, and its latest level."""
    before = [points.get(s.start) for s in compare.before]
    after = [points.get(s.start) for s in compare.after]
    if info.combine is Combine.RATIO:  # pooled cases: the periods it has (as ``_combine``)
        before = [p for p in before if p is not None]
        after = [p for p in after if p is not None]
    if not before or not after or any(p is None for p in before + after):
        return {"certainty": NOT_ENOUGH.verdict}
    if measure in STOCKS:
        baseline = [_value(points[s.start]) for s in compare.baseline if s.start in points]
        values = [_value(p) for p in after]
        weights = [s.days / 7 for s in compare.after] if info.combine is Combine.SUM else None
        sure = against_projection(baseline, values, weights)
    elif info.combine is Combine.RATIO:
        sure = level_change(
            [n or 0.0 for n, _ in before],
            [n or 0.0 for n, _ in after],
            [d or 0.0 for _, d in before],
            [d or 0.0 for _, d in after],
        )
    else:
        sure = level_change([n or 0.0 for n, _ in before], [n or 0.0 for n, _ in after])
    extra = {
        "change_low": sure.low,
        "change_high": sure.high,
        "certainty": sure.verdict,
        "change_estimate": sure.estimate,
    }
    if info.combine is not Combine.SUM:  # a level: the latest period beside the average
        extra["latest"] = _value(after[-1])
    return extra


def _value(point: Point) -> float | None:
    num, den = point
    if den is None:
        return num
    return num / den if den else None


Point = tuple[float | None, float | None]


def _by_measure(series: pa.Table) -> dict[Measure, dict[dt.date, Point]]:
    out: dict[Measure, dict[dt.date, Point]] = {}
    for r in series.to_pylist():
        out.setdefault(Measure(r["measure"]), {})[r["period_start"]] = (
            r["numerator"],
            r["denominator"],
        )
    return out


def _combine(points: dict[dt.date, Point], spans: list[Span], how: Combine) -> float | None:
    chosen = [points[s.start] for s in spans if s.start in points]
    # A ratio pools the cases of the periods it has (a look-back measure has none
    # near where the records begin); a sum or a census needs every period.
    if not chosen or (len(chosen) < len(spans) and how is not Combine.RATIO):
        return None
    if how is Combine.SUM:
        return float(sum(num or 0.0 for num, _ in chosen))
    if how is Combine.CENSUS:  # one day can mislead: the average of each period's last day
        days = [num if den is None else (num / den if den else None) for num, den in chosen]
        known = [d for d in days if d is not None]
        return sum(known) / len(known) if known else None
    numerator = sum(num or 0.0 for num, _ in chosen)
    denominator = sum(den or 0.0 for _, den in chosen)
    return numerator / denominator if denominator else None


class Avoidance(NamedTuple):
    amount: float | None  # None: not worked out (``reason`` says why)
    reason: NotCompared | None
    band: float | None = None  # ± the 95% prediction interval of the after stretch's cost
    projection: Projection | None = None  # the projected weekly cost, for the cost chart
    periods: tuple[dt.date, ...] = ()  # the after periods the projection covers
    baseline_periods: int | None = None  # the whole periods before the change it starts from


def cost_avoidance(points: dict[dt.date, Point], compare: Comparison) -> Avoidance:
    """Cost the baseline predicts for the after stretch, less the actual cost.

    The weekly cost of every whole period before the change is carried
    forward over the after stretch (``projection.project``: its average change
    a period continued from the last baseline period, with a 95% prediction
    interval that carries the trend's uncertainty and the month-to-month
    carry-over of a stock of people in care). Each period's projected weekly
    cost times its weeks is added up. The amount is called beyond chance only
    outside that interval; a baseline shorter than ``MIN_BASELINE`` periods is
    too short to say.
    """
    if compare.change_date is None:  # no change to credit with cost avoided
        return Avoidance(None, NotCompared.NO_CHANGE_DATE)
    baseline = [points[s.start] for s in compare.baseline if s.start in points]
    if len(baseline) < len(compare.baseline) or not compare.after:
        return Avoidance(None, NotCompared.INCOMPLETE_BASELINE)
    weeks = [s.days / 7 for s in compare.after]
    try:
        p = project([num / den for num, den in baseline], weeks)
    except TooShort:
        return Avoidance(None, NotCompared.SHORT_BASELINE, baseline_periods=len(baseline))
    actual = _combine(points, compare.after, Combine.SUM)
    if actual is None:
        return Avoidance(None, NotCompared.AFTER_COST_MISSING)
    periods = tuple(s.start for s in compare.after)
    avoided = p.total_predicted - actual
    return Avoidance(avoided, None, p.total_half_width, p, periods, baseline_periods=len(baseline))


def charted_measure(row: dict) -> Measure | None:
    """The catalogue measure whose chart stands beside a results row (cost avoidance: cost)."""
    if row["measure"] == COST_AVOIDANCE_MEASURE:
        return Measure.WEEKLY_COST
    return next((m for m in Measure if m.value == row["measure"]), None)


def within_ordinary_variation(row: dict) -> bool:
    """Whether a results row's cost avoidance lies inside its 95% prediction interval."""
    avoided, band = row["after"], row["ordinary_variation"]
    return avoided is not None and band is not None and abs(avoided) <= band
