"""Capability charts: limits, periods, change dates, short series and the words."""

from __future__ import annotations

import datetime as dt
import doctest

import polars as pl
import pyarrow as pa
import pytest

from whatmatters.check import capability
from whatmatters.check.capability import PointType, XmrParams, xmr
from whatmatters.report.readings.capability import describe
from whatmatters.report.readings.colours import colour

WEEKS = [dt.date(2024, 1, 1) + dt.timedelta(weeks=i) for i in range(40)]


def test_limits_are_mean_plus_minus_2_66_mean_moving_ranges():
    result = xmr([10, 14, 12, 16, 14])  # moving ranges 4, 2, 4, 2: mean 3
    (segment,) = result.segments
    assert segment.mean == pytest.approx(13.2)
    assert segment.mean_moving_range == pytest.approx(3.0)
    assert segment.upper_limit == pytest.approx(13.2 + 2.66 * 3)
    assert segment.lower_limit == pytest.approx(13.2 - 2.66 * 3)
    assert segment.upper_2sigma == pytest.approx(13.2 + 1.7733333 * 3)
    assert segment.provisional  # fewer than 12 points
    assert result.table["moving_range"].to_list() == [None, 4.0, 2.0, 4.0, 2.0]


def test_fixed_limits_come_from_the_baseline_only():
    result = xmr([10, 12, 10, 12, 40, 41, 42], fix_after=4)
    (segment,) = result.segments
    assert segment.mean == pytest.approx(11.0)
    assert segment.mean_moving_range == pytest.approx(2.0)
    assert result.table["outside_limits"].to_list() == [False] * 4 + [True] * 3
    assert result.table["moving_range_used"].to_list() == [
        False,
        True,
        True,
        True,
        False,
        False,
        False,
    ]


def test_change_date_between_periods_starts_the_new_limits_at_the_next_period():
    values = [30.0, 34.0] * 8 + [20.0, 22.0] * 8
    result = xmr(values, periods=WEEKS[:32], change_at=dt.date(2024, 4, 18))
    first, second = result.segments
    assert WEEKS[second.start] == dt.date(2024, 4, 22)
    assert first.mean == pytest.approx(32.0)
    assert second.mean == pytest.approx(21.0)
    assert result.table["segment"].to_list() == [0] * 16 + [1] * 16


def test_datetime_periods_and_a_date_change_compare_alike():
    periods = [dt.datetime(2024, 1, 1) + dt.timedelta(days=i) for i in range(10)]
    result = xmr(list(range(10)), periods=periods, change_at=dt.date(2024, 1, 6))
    assert [s.start for s in result.segments] == [0, 5]


def test_change_date_as_text():
    result = xmr(list(range(10)), periods=WEEKS[:10], change_at="2024-01-29")
    assert [s.start for s in result.segments] == [0, 4]
    with pytest.raises(ValueError, match="not a date"):
        xmr(list(range(10)), periods=WEEKS[:10], change_at="soon")


def test_module_examples_run():
    failures, _ = doctest.testmod(capability)
    assert failures == 0


def test_changes_outside_the_series_are_ignored():
    result = xmr([1, 2, 3], change_at=[0, 1, 9])
    assert len(result.segments) == 1


def test_floor_at_zero_lifts_the_lower_limit_for_times():
    values = [1, 9, 2, 8, 1, 9, 2, 8, 1, 9, 2, 8]
    plain = xmr(values).segments[0]
    floored = xmr(values, params=XmrParams(floor_at_zero=True)).segments[0]
    assert plain.lower_limit < 0
    assert floored.lower_limit == 0
    assert floored.upper_limit == plain.upper_limit


def test_point_types_follow_the_improvement_direction():
    values = [8, 16] * 8 + [40]
    up = xmr(values, params=XmrParams(improvement="up")).point_types
    down = xmr(values, params=XmrParams(improvement="down")).point_types
    neutral = xmr(values).point_types
    assert up[-1] is PointType.IMPROVEMENT
    assert down[-1] is PointType.CONCERN
    assert neutral[-1] is PointType.NEUTRAL
    assert up[0] is PointType.COMMON_CAUSE
    assert colour(PointType.CONCERN) == "#e46c0a"
    assert colour(xmr(values).table["point_type"][-1]) == "#490092"


def test_empty_series_has_no_segments_and_says_so():
    result = xmr([])
    assert result.table.height == 0
    assert describe(result, "days", "week") == "No data yet: no week has a value."


def test_one_point_has_no_limits():
    result = xmr([7.0])
    assert result.segments[0].upper_limit is None
    assert result.table["point_type"].to_list() == ["common_cause"]
    assert "too few" in describe(result, "days", "week")


def test_missing_value_is_refused_naming_its_place():
    with pytest.raises(ValueError, match="value 3 of 4 is missing"):
        xmr([1.0, 2.0, None, 4.0])


def test_periods_out_of_order_are_refused():
    with pytest.raises(ValueError, match="period 3"):
        xmr([1, 2, 3], periods=[WEEKS[0], WEEKS[2], WEEKS[1]])


def test_wrong_number_of_periods_is_refused():
    with pytest.raises(ValueError, match="2 periods given for 3 values"):
        xmr([1, 2, 3], periods=WEEKS[:2])


def test_bad_parameters_are_refused():
    with pytest.raises(ValueError, match="run_length"):
        XmrParams(run_length=1)
    with pytest.raises(ValueError):
        XmrParams(two_of_three="sometimes")


def test_inputs_from_polars_and_arrow():
    values = pl.Series([3.0, 4.0, 5.0])
    periods = pa.array(WEEKS[:3])
    result = xmr(values, periods=periods)
    assert result.table["period"].to_list() == WEEKS[:3]
    table = result.to_arrow()
    assert isinstance(table, pa.Table)
    assert table.column_names[:3] == ["period", "value", "segment"]


# --- In words --------------------------------------------------------------------------


def test_describe_a_stable_process():
    values = [21, 26, 24, 30, 27, 25, 28, 23, 29, 26, 24, 27]
    text = describe(xmr(values, periods=WEEKS[:12]), "days", "week")
    assert text == "Predictably between 16 and 36 days, averaging 26; no sign of change."


def test_describe_names_the_signals_and_judges_them():
    values = [26, 24, 27, 25, 26, 24, 27, 25, 26, 24, 27, 25, 60, 20, 21, 20, 21, 20, 21, 20]
    result = xmr(values, periods=WEEKS[:20], params=XmrParams(improvement="down"))
    text = describe(result, "days", "week")
    assert "1 week above the upper limit, in the week of 2024-03-25 (a concern)" in text
    assert "a run of 7 weeks below the average from the week of 2024-04-01 (an improvement)" in text


def test_describe_a_change_gives_before_and_after():
    values = [30.0, 34.0] * 8 + [20.0, 22.0] * 8
    result = xmr(values, periods=WEEKS[:32], change_at=WEEKS[16])
    text = describe(result, "days", "week")
    assert text.startswith(
        "Since the week of 2024-04-22: predictably between 16 and 26 days, averaging 21"
    )
    assert "(before: predictably between 21 and 43 days, averaging 32)" in text


def test_describe_months_percentages_and_money():
    months = [dt.date(2023, m, 1) for m in range(1, 13)] + [dt.date(2024, m, 1) for m in (1, 2)]
    shares = [30, 32, 29, 31, 30, 33, 28, 30, 31, 29, 30, 32, 30, 31]
    assert describe(xmr(shares, periods=months), "%", "month").startswith(
        "Predictably between 25% and 36%, averaging 30%"
    )
    cost = [12000, 12500, 11800, 12200] * 3
    assert describe(xmr(cost), "£", "week").startswith(
        "Predictably between £10,868 and £13,382, averaging £12,125"
    )


def test_describe_says_provisional_when_short():
    text = describe(xmr([3, 5, 4, 6, 5]), "contacts", "week")
    assert text.endswith("limits are provisional, from only 5 weeks.")


def test_describe_never_says_a_negative_lower_bound_for_counts():
    text = describe(xmr([1, 9, 2, 8, 1, 9, 2, 8, 1, 9, 2, 8]), "placements", "month")
    assert text.startswith("Predictably between 0 and ")


def test_describe_a_process_with_signs_of_change_is_not_called_predictable():
    values = [26, 24, 27, 25, 26, 24, 27, 25, 26, 24, 27, 25, 60, 20, 21, 20, 21, 20, 21, 20]
    text = describe(xmr(values, periods=WEEKS[:20]), "days", "week")
    assert text.startswith("Not predictable, averaging 25, limits 21 to 30 days if it were stable")
    assert "predictably" not in text and "signs of change: " in text


def test_describe_before_a_change_judges_that_stretch_by_its_own_signals():
    rising = [30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41]
    values = rising + [20, 22] * 6
    text = describe(xmr(values, periods=WEEKS[:24], change_at=WEEKS[12]), "days", "week")
    assert "predictably between 16 and 26 days" in text
    assert "(before: not predictable, averaging 36, limits" in text


def test_describe_limits_of_no_width_give_no_range_and_no_signals():
    # One moving range of 1 among zeros is screened out: the limits have no width.
    text = describe(xmr([10, 10, 10, 10, 11, 10, 10, 10, 10, 10]), "people", "month")
    assert text == (
        "Averaging 10 people, with too little variation from point to point to set limits."
    )
