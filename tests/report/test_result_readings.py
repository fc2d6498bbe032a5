"""How each results row was worked out, in words: made by the readings from the check's numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from whatmatters.check.certainty import BEYOND, NOT_ENOUGH_TO_SAY, WITHIN
from whatmatters.check.results import RESULTS_SCHEMA, NotCompared, comparison, results
from whatmatters.check.series import SERIES_SCHEMA, Span
from whatmatters.report.readings.results import WORDED_COLUMNS, method, worded


def row(**given) -> dict:
    blank = dict.fromkeys(RESULTS_SCHEMA.names)
    return blank | {"name": "Contacts", "measure": "contacts", "unit": "count"} | given


def cost(**given) -> dict:
    return row(name="Cost avoidance", measure="cost_avoidance", unit="£", **given)


def test_a_count_says_it_is_added_up_and_its_interval() -> None:
    said = method(row(change_low=-0.5, change_high=-0.25, certainty=BEYOND))
    assert said == (
        "Added up over each stretch. 95% interval of the change: −50% to −25% (beyond "
        "ordinary variation; a level-change regression of the periods, its spread from "
        "their own scatter and its carry-over from one period to the next)."
    )


def test_a_stock_is_said_against_its_baseline_carried_forward() -> None:
    stock = row(measure="people_in_placement", change_low=-0.1, change_high=0.3)
    said = method(stock | {"certainty": WITHIN, "change_estimate": 0.1})
    assert said.startswith("The average of the figure on the last day of each period")
    assert said.endswith(
        "Against the baseline carried forward (it carries over from month to month): +10%, "
        "95% interval −10% to +30% (within ordinary variation)."
    )


def test_too_few_numbers_and_nothing_recorded_are_said_plainly() -> None:
    assert method(row(certainty=NOT_ENOUGH_TO_SAY)).endswith(
        "Too few numbers to say how sure this is."
    )
    assert method(row()) == "Added up over each stretch."  # not compared: no sureness claimed
    nothing = row(not_compared=NotCompared.NONE_RECORDED)
    assert method(nothing) == "Not compared: the records hold none of this."


@pytest.mark.parametrize(
    ("reason", "said"),
    [
        (NotCompared.NO_CHANGE_DATE, "Not worked out: no change date was given"),
        (NotCompared.INCOMPLETE_BASELINE, "Not worked out: it needs the cost of every"),
        (NotCompared.AFTER_COST_MISSING, "Not worked out: the cost of some periods after"),
        (NotCompared.SHORT_BASELINE, "Not worked out: 8 periods before the change; at least 12"),
    ],
)
def test_cost_avoidance_not_worked_out_says_why(reason: NotCompared, said: str) -> None:
    assert method(cost(not_compared=reason, baseline_periods=8)).startswith(said)


def test_cost_avoidance_names_its_numbers_and_its_interval() -> None:
    # £10,000 predicted over 4 periods from 12, £9,000 spent: £1,000 avoided, band ±£500
    worked = cost(after=1_000.0, predicted=10_000.0, drift=-25.0, ordinary_variation=500.0)
    said = method(worked | {"baseline_periods": 12, "after_periods": 4, "certainty": BEYOND})
    assert "The weekly cost of the 12 periods before the change" in said
    assert "by its average change (−£25 a period), over the 4 periods after it" in said
    assert "predicts £10,000; the actual planned cost was £9,000." in said
    assert "beyond the 95% prediction interval (±£500 over the stretch)" in said
    inside = method(
        worked | {"baseline_periods": 12, "after_periods": 4, "ordinary_variation": 2e3}
    )
    assert "inside the 95% prediction interval" in inside and "no evidence that cost" in inside


def test_the_written_table_has_the_reports_columns_and_a_sentence_in_every_row() -> None:
    spans = [Span(dt.date(2024, m, 1), dt.date(2024, m + 1, 1)) for m in range(1, 7)]
    table = worded(results(SERIES_SCHEMA.empty_table(), comparison(spans, None), 90))
    assert tuple(table.column_names) == WORDED_COLUMNS
    assert all(table["method"].to_pylist())
