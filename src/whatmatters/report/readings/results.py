"""The before/after table in words: each change said one way, for the report and the page.

Every word is said in the report's language (``whatmatters.language``): the
report's, and the casework measures page's in the reader's. Cost avoidance
is one amount (kept as ``after``): it is said as the change, and whether it
lies within ordinary variation. The check makes the table in numbers
(``check.results``); ``method`` says how each row was worked out, and
``worded`` is the table as the report writes it (CSV and Parquet, always in
English), with that sentence in place of the numbers it is made from.
"""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

from whatmatters import words
from whatmatters.check.catalogue import MEASURES, STOCKS, Combine, Measure, Span
from whatmatters.check.certainty import BEYOND, NOT_ENOUGH_TO_SAY, WITHIN
from whatmatters.check.projection import LEVEL, MIN_BASELINE
from whatmatters.check.results import (
    COST_AVOIDANCE_MEASURE,
    MADE_FROM,
    Comparison,
    NotCompared,
    within_ordinary_variation,
)
from whatmatters.language import SOURCE, _, n_, use


def _avoided(amount: float) -> str:
    if amount >= 0:
        return _("{amount} avoided").format(amount=words.money(amount))
    return _("{amount} above the trend").format(amount=words.money(-amount))


def _within(said: str) -> str:
    return _("{amount} (within ordinary variation: no evidence of a change)").format(amount=said)


def is_cost_avoidance(row: dict) -> bool:
    return row["measure"] == COST_AVOIDANCE_MEASURE


def before(row: dict) -> str:
    return "–" if is_cost_avoidance(row) else words.amount(row["before"], row["unit"])


def after(row: dict) -> str:
    return "–" if is_cost_avoidance(row) else words.amount(row["after"], row["unit"])


def name(row: dict, repeat_days: int) -> str:
    """A results row's name in the report's language (the check names it in English)."""
    if is_cost_avoidance(row):
        return _("Cost avoidance")
    measure = Measure(row["measure"])
    said = _(MEASURES[measure].result_name)
    if measure is Measure.REPEAT_SHARE:
        return n_("{name} (within {days} day)", "{name} (within {days} days)", repeat_days).format(
            name=said, days=repeat_days
        )
    return said


def certainty(row: dict) -> str | None:
    """How sure a row's change is, in the report's language (None: not said)."""
    said = row.get("certainty")
    if said == WITHIN:
        return _("within ordinary variation")
    if said == BEYOND:
        return _("beyond ordinary variation (95%)")
    if said == NOT_ENOUGH_TO_SAY:
        return _("not enough to say")
    return said


def change(row: dict) -> str:
    """A results row's change as a reader compares it: shares in points, others in %."""
    if not is_cost_avoidance(row):
        if row["unit"] == "share":
            return words.points(row["change"])
        return words.change(row["change_pct"])
    avoided = row["after"]
    said = "–" if avoided is None else _avoided(avoided)
    return _within(said) if within_ordinary_variation(row) else said


def compared(compare: Comparison) -> str:
    """The two stretches compared, in words: "1 January 2024 to … against … (4 periods each)"."""
    if not compare.before:
        return _("There are not enough whole periods on both sides to compare.")
    return _("{before} against {after} ({periods} each)").format(
        before=_stretch(compare.before),
        after=_stretch(compare.after),
        periods=words.plural(len(compare.before), "period"),
    )


def _stretch(spans: list[Span]) -> str:
    last = spans[-1].stop - dt.timedelta(days=1)
    return _("{start} to {end}").format(
        start=words.long_date(spans[0].start), end=words.long_date(last)
    )


# How each row was worked out -------------------------------------------------


def _combined(how: Combine) -> str:
    if how is Combine.SUM:
        return _("Added up over each stretch.")
    if how is Combine.CENSUS:
        return _(
            "The average of the figure on the last day of each period in the stretch "
            "(steadier than one day's count)."
        )
    return _("All of each stretch's cases together (not an average of the periods).")


def _not_compared(reason: NotCompared, row: dict) -> str:
    if reason is NotCompared.NONE_RECORDED:
        return _("Not compared: the records hold none of this.")
    if reason is NotCompared.NO_CHANGE_DATE:
        return _(
            "Not worked out: no change date was given, so there is no change to credit with "
            "cost avoided (give the date the way of working changed)."
        )
    if reason is NotCompared.INCOMPLETE_BASELINE:
        return _(
            "Not worked out: it needs the cost of every whole period before the change, and "
            "periods after it."
        )
    if reason is NotCompared.AFTER_COST_MISSING:
        return _("Not worked out: the cost of some periods after the change is missing.")
    return _(
        "Not worked out: {periods} before the change; at least {needed} are needed to "
        "project a baseline (too short to tell a trend from a wander)."
    ).format(periods=words.plural(row["baseline_periods"], "period"), needed=MIN_BASELINE)


def method(row: dict) -> str:
    """How a results row was worked out, and how sure it is, in words."""
    reason = row.get("not_compared")
    if reason is not None:
        return _not_compared(NotCompared(reason), row)
    if is_cost_avoidance(row):
        return _cost_avoidance(row)
    measure = Measure(row["measure"])
    said = _combined(MEASURES[measure].combine)
    if row.get("after_periods"):  # a shorter comparison than the table's
        said += " " + _(
            "Compared over {periods} on each side, fewer than the table's: this "
            "measure leaves out the first weeks of the records, where it would count what "
            "began before them."
        ).format(periods=words.plural(row["after_periods"], "period"))
    return said if row.get("certainty") is None else f"{said} {_how_sure(row, measure)}"


def _how_sure(row: dict, measure: Measure) -> str:
    if row["certainty"] == NOT_ENOUGH_TO_SAY:
        return _("Too few numbers to say how sure this is.")
    low, high = words.change(row["change_low"]), words.change(row["change_high"])
    where = certainty(row) if row["certainty"] != BEYOND else _("beyond ordinary variation")
    if measure in STOCKS:
        return _(
            "Against the baseline carried forward (it carries over from month to month): "
            "{estimate}, {level} interval {low} to {high} ({where})."
        ).format(
            estimate=words.change(row["change_estimate"]),
            level=words.percent(LEVEL),
            low=low,
            high=high,
            where=where,
        )
    return _(
        "{level} interval of the change: {low} to {high} ({where}; a level-change regression "
        "of the periods, its spread from their own scatter and its carry-over from one period "
        "to the next)."
    ).format(level=words.percent(LEVEL), low=low, high=high, where=where)


def _cost_avoidance(row: dict) -> str:
    predicted, band = row["predicted"], row["ordinary_variation"]
    actual = predicted - row["after"]
    said = _(
        "The weekly cost of the {before} before the change, carried forward from the last of "
        "them by its average change ({drift} a period), over the {after} after it, predicts "
        "{predicted}; the actual planned cost was {actual}. Cost avoidance is the difference."
    ).format(
        before=words.plural(row["baseline_periods"], "period"),
        drift=words.money(row["drift"]),
        after=words.plural(row["after_periods"], "period"),
        predicted=words.money(predicted),
        actual=words.money(actual),
    )
    return " ".join(
        (
            said,
            _against_interval(row["after"], band),
            _(
                "The interval allows for the trend being uncertain and for cost carrying over "
                "from month to month (people stay in care); read it with the cost chart, "
                "which draws the projection and its band."
            ),
        )
    )


def _against_interval(avoided: float, band: float) -> str:
    values = {"level": words.percent(LEVEL), "band": words.money(band)}
    if abs(avoided) <= band:
        return _(
            "That is inside the {level} prediction interval (±{band} over the stretch): within "
            "ordinary variation, no evidence that cost changed."
        ).format(**values)
    return _(
        "That is beyond the {level} prediction interval (±{band} over the stretch): more than "
        "chance alone would explain, though not by itself proof of what caused it."
    ).format(**values)


WORDED_COLUMNS = (
    "name", "measure", "unit", "before", "after", "change", "change_pct", "method",
    "ordinary_variation", "change_low", "change_high", "certainty", "latest",
)  # fmt: skip


def worded(table: pa.Table) -> pa.Table:
    """The results table as the report writes it: ``method`` in words, in place of the
    numbers it is made from (the columns of ``docs/check.md``). The tables are data, in
    the check's one vocabulary whatever the page's language: ``method`` is in English."""
    with use(SOURCE):
        said = pa.array([method(r) for r in table.to_pylist()], pa.string())
    kept = table.drop_columns(list(MADE_FROM)).append_column("method", said)
    return kept.select(list(WORDED_COLUMNS))
