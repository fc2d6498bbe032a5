"""The default window starts where the front door's records begin, not at the oldest service."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.check.conftest import day, journal
from whatmatters.check.events import usable
from whatmatters.check.params import CheckParams, Period
from whatmatters.check.run import run_check
from whatmatters.check.series import Measure, whole_periods
from whatmatters.check.window import Window, WindowBasis, window_of

PLACEMENT = "Long Term Support: Nursing Care"


def front_door(first: dt.date, months: int, per_month: int = 4) -> list[dict]:
    """Contacts (and every other one a request) on days 3, 9, 15, … of each month."""
    rows = []
    for m in range(months):
        month = dt.date(first.year + (first.month - 1 + m) // 12, (first.month - 1 + m) % 12 + 1, 1)
        for k in range(per_month):
            when = dt.datetime.combine(month.replace(day=3 + 6 * k), dt.time(10))
            person = f"p{m}-{k}"
            rows.append(dict(person_id=person, kind="contact", start=when, team="Front door"))
            if k % 2:
                rows.append(dict(person_id=person, kind="request", start=when, team="Duty"))
    return rows


OLD_PLACEMENT = dict(
    person_id="old",
    kind="service",
    activity="Nursing home",
    start=day(2005, 6, 1),
    service_type=PLACEMENT,
    weekly_cost=700.0,
)
STRAY_REQUEST = dict(person_id="stray", kind="request", start=day(2016, 3, 4))
COUNCIL = [
    OLD_PLACEMENT,
    STRAY_REQUEST,
    *front_door(dt.date(2023, 1, 1), 24),
    dict(person_id="old", kind="review", start=day(2024, 11, 20), team="Review team"),
]


def test_the_window_starts_with_the_steady_front_door_not_the_oldest_service(duck) -> None:
    window = window_of(usable(duck(journal(COUNCIL))), None, None)
    # records from the 3rd: within GRACE_DAYS of the 1st, so January is whole
    assert (window.start, window.end) == (dt.date(2023, 1, 1), dt.date(2024, 12, 21))
    assert window.basis is WindowBasis.FRONT_DOOR
    assert (window.recorded_from, window.recorded_to) == (window.start, window.end)
    assert (window.earlier, window.later) == (2, 0)  # the placement and the stray request


def test_a_month_whose_records_begin_late_still_starts_the_window(duck) -> None:
    rows = [*front_door(dt.date(2023, 1, 1), 12)]
    rows += [dict(person_id="early", kind="request", start=day(2022, 12, 27))]
    rows += [dict(person_id="late", kind="contact", start=day(2022, 12, 29))]
    window = window_of(usable(duck(journal(rows))), None, None)
    assert window.start == dt.date(2022, 12, 27)  # 2 of a typical 6: a month begun late


def test_without_contacts_or_requests_the_window_is_first_to_last_event(duck) -> None:
    rows = [dict(person_id="a", kind="other", activity="register", start=day(2009, 5, 2))]
    for month in range(1, 13):
        for k in range(5):
            start = day(2011, month, 1 + 5 * k)
            rows.append(dict(person_id=f"p{month}", kind="other", activity="work", start=start))
    window = window_of(usable(duck(journal(rows))), None, None)
    assert (window.start, window.end) == (dt.date(2009, 5, 2), dt.date(2011, 12, 21))
    assert window.basis is WindowBasis.ALL_EVENTS
    # charts cover only the months of steady records, not the stray one before
    assert (window.charted.start, window.charted.end) == (dt.date(2011, 1, 1), window.end)


def test_given_days_are_kept_and_the_records_still_found(duck) -> None:
    events = usable(duck(journal(COUNCIL)))
    window = window_of(events, dt.date(2000, 1, 1), dt.date(2030, 12, 31))
    assert (window.start, window.end, window.basis) == (
        dt.date(2000, 1, 1),
        dt.date(2030, 12, 31),
        WindowBasis.GIVEN,
    )
    assert (window.charted.start, window.charted.end) == (
        dt.date(2023, 1, 1),  # records from the 3rd: January whole (GRACE_DAYS)
        dt.date(2024, 12, 21),
    )


def test_an_empty_journal_needs_given_days_and_then_checks_to_empty_tables(duck) -> None:
    from whatmatters.check.errors import CheckError

    empty = duck(journal([dict(person_id=None, kind="contact", start=day(2024, 3, 1))]))
    with pytest.raises(CheckError, match="no events with a person and a start"):
        window_of(usable(empty), None, dt.date(2024, 12, 31))
    given = CheckParams(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    checked = run_check(empty, given)
    assert checked.window == Window(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert checked["people"].num_rows == 0 and checked["left_out"].num_rows == 1


def test_a_hand_made_window_is_taken_as_recorded_throughout() -> None:
    window = Window(dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    assert window.charted == window
    assert window.look_back_complete(90) == window.start


@pytest.fixture(scope="module")
def result():
    import ibis

    from whatmatters.check.backends import upload

    table = upload(ibis.duckdb.connect(), "journal", journal(COUNCIL))
    return run_check(table, CheckParams(change_date=dt.date(2024, 1, 1), repeat_days=90))


def periods(result, measure: Measure) -> list[dt.date]:
    return [r["period_start"] for r in result["series"].to_pylist() if r["measure"] == measure]


def test_charts_begin_with_the_records_and_no_month_before_is_a_zero(result) -> None:
    # January's records began on the 3rd: within GRACE_DAYS, so January is charted
    assert result.periods[0].start == dt.date(2023, 1, 1)
    assert result.periods[-1].start == dt.date(2024, 11, 1)  # December ended on the 21st
    assert periods(result, Measure.CONTACTS)[0] == dt.date(2023, 1, 1)
    assert all(r["value"] == 4 for r in result["series"].to_pylist() if r["measure"] == "contacts")


def test_a_service_started_before_the_window_still_counts_while_it_runs(result) -> None:
    series = result["series"].to_pylist()
    in_care = [r["value"] for r in series if r["measure"] == Measure.PEOPLE_IN_PLACEMENT]
    assert in_care == [1.0] * len(result.periods)
    cost = [r["value"] for r in series if r["measure"] == Measure.WEEKLY_COST]
    assert cost == pytest.approx([700.0] * len(result.periods))
    assert "old" in result["people"]["person_id"].to_pylist()  # seen through the review


def test_repeat_share_is_charted_once_its_look_back_lies_in_the_records(result) -> None:
    # records from 1 January (3rd, within GRACE_DAYS) + 90 days: 1 April
    assert periods(result, Measure.REPEAT_SHARE)[0] == dt.date(2023, 4, 1)
    assert periods(result, Measure.END_TO_END)[0] == dt.date(2023, 4, 1)
    repeat = next(r for r in result["results"].to_pylist() if r["measure"] == "repeat_share")
    assert repeat["before"] == 0.0  # judged over the periods it has, not left blank


def test_what_matters_recorded_is_charted_once_journeys_begun_before_are_seen(duck) -> None:
    # An outcome recorded before the records begin first shows when it is achieved, in
    # January; one new outcome is recorded in each month. The first 90 days would count
    # January twice, so the series starts when episodes begun before can be told apart.
    rows = [*front_door(dt.date(2023, 1, 1), 12)]
    rows.append(
        dict(
            person_id="old",
            kind="outcome",
            start=day(2023, 1, 10),
            status="achieved",
            event_reference="before",
            words="To walk to the shops again",
        )
    )
    for m in range(1, 13):
        rows.append(
            dict(
                person_id=f"p{m}",
                kind="outcome",
                start=day(2023, m, 20),
                status="working_on_it",
                event_reference=f"o{m}",
                words="To see my sister",
            )
        )
    result = run_check(duck(journal(rows)), CheckParams(repeat_days=90))
    recorded = [
        (r["period_start"], r["value"])
        for r in result["series"].to_pylist()
        if r["measure"] == Measure.OUTCOMES_RECORDED
    ]
    assert recorded[0] == (dt.date(2023, 4, 1), 1)  # January's 2 is left out
    assert {value for _, value in recorded} == {1}

    # A window chosen later than the records loses none of its own months to this: the
    # first 90 days of the records are left out, not the first 90 days of the window.
    def first_month(start: dt.date) -> dt.date:
        checked = run_check(duck(journal(rows)), CheckParams(repeat_days=90, start=start))
        return periods(checked, Measure.OUTCOMES_RECORDED)[0]

    assert first_month(dt.date(2023, 2, 1)) == dt.date(2023, 4, 1)
    assert first_month(dt.date(2023, 6, 1)) == dt.date(2023, 6, 1)


def test_records_ending_a_day_or_two_before_the_month_does_still_chart_that_month(duck) -> None:
    # A year's return: requests from 3 April to 30 March (31 March was a Sunday).
    rows = [*front_door(dt.date(2024, 4, 1), 12)]
    rows += [dict(person_id="last", kind="request", start=day(2025, 3, 30))]
    window = window_of(usable(duck(journal(rows))), None, None)
    assert (window.start, window.end) == (dt.date(2024, 4, 1), dt.date(2025, 3, 31))
    spans = whole_periods(window.charted, Period.MONTH)
    assert len(spans) == 12 and spans[-1].start == dt.date(2025, 3, 1)


def test_a_returns_stated_reporting_periods_bound_the_window(duck) -> None:
    # Two yearly returns, 1 April 2024 to 31 March 2026: the first request is on
    # the 18th of April and the last on the 20th of March, yet both months are whole.
    stated = dict(
        reporting_period_start=dt.date(2024, 4, 1), reporting_period_end=dt.date(2026, 3, 31)
    )
    edges = [
        dict(person_id="first", kind="request", start=day(2024, 4, 18)),
        dict(person_id="last", kind="request", start=day(2026, 3, 20)),
        dict(person_id="old", kind="service", start=day(2019, 6, 1), service_type=PLACEMENT),
    ]
    rows = [{**r, **stated} for r in [*front_door(dt.date(2024, 5, 1), 22), *edges]]
    window = window_of(usable(duck(journal(rows))), None, None)
    assert window.basis is WindowBasis.REPORTING_PERIODS
    assert (window.start, window.end) == (dt.date(2024, 4, 1), dt.date(2026, 3, 31))
    spans = whole_periods(window.charted, Period.MONTH)
    assert len(spans) == 24
    assert (spans[0].start, spans[-1].start) == (dt.date(2024, 4, 1), dt.date(2026, 3, 1))
    assert window.earlier == 1  # the placement from 2019, still counted where running


def test_a_given_start_still_wins_over_the_reporting_periods(duck) -> None:
    stated = dict(
        reporting_period_start=dt.date(2024, 4, 1), reporting_period_end=dt.date(2025, 3, 31)
    )
    rows = [{**r, **stated} for r in front_door(dt.date(2024, 4, 1), 12)]
    window = window_of(usable(duck(journal(rows))), dt.date(2024, 7, 1), None)
    assert window.basis is WindowBasis.GIVEN
    assert (window.start, window.end) == (dt.date(2024, 7, 1), dt.date(2025, 3, 31))
