"""The measure catalogue: each measure on a tiny journal worked out by hand.

Two months (March and April 2024). Every measure gets rows that count and
rows that must not (unknowns, nulls, invalid values), as its card says.
"""

from __future__ import annotations

import datetime as dt

import ibis
import pytest

from tests.check.conftest import day, journal
from whatmatters.check import demand, journeys, repeat_demand
from whatmatters.check.catalogue import MEASURES, RESULTS, Inputs, Measure, calendar, whole_periods
from whatmatters.check.events import ordered, usable
from whatmatters.check.params import EpisodeRules, Period
from whatmatters.check.window import Window, in_window

WINDOW = Window(dt.date(2024, 3, 1), dt.date(2024, 4, 30))
HOME = "Long term support: Community"
NURSING = "Long Term Support: Nursing Care"

ROWS = [
    # contacts: two in March, one in April; a contact with no start is left out
    dict(person_id="c1", kind="contact", start=day(2024, 3, 4), demand_type="Failure"),
    dict(person_id="c2", kind="contact", start=day(2024, 3, 5), demand_type="value"),
    dict(person_id="c3", kind="contact", start=day(2024, 4, 6), demand_type="not sure"),
    dict(person_id="c4", kind="contact", start=None),
    # requests: r1 asks twice (a repeat in April), r2 once; the look-back sees February
    dict(person_id="r1", kind="request", start=day(2024, 2, 20), demand_type="failure"),
    dict(person_id="r1", kind="request", start=day(2024, 4, 2)),
    dict(person_id="r2", kind="request", start=day(2024, 3, 9)),
    # assessments: both started in March (one ended in April, one has no end): counted at start
    dict(person_id="a1", kind="assessment", start=day(2024, 3, 28), end=day(2024, 4, 3)),
    dict(person_id="a2", kind="assessment", start=day(2024, 3, 12)),
    # care: a nursing placement from 10 April; home care with and without hours and cost
    dict(person_id="p1", kind="service", start=day(2024, 4, 10), service_type=NURSING),
    dict(
        person_id="h1",
        kind="service",
        start=day(2024, 3, 1),
        service_type=HOME,
        hours_per_week=7.0,
        weekly_cost=140.0,
    ),
    dict(
        person_id="h2",
        kind="service",
        start=day(2024, 3, 1),
        end=day(2024, 4, 15),
        service_type=HOME,
    ),
    # outcomes: o1 recorded in March and achieved in April, its rows told apart by reference;
    # o2 has no reference: its two rows share the person's words; o3 has neither, and counts
    # on its own (a row with status achieved, in April)
    dict(
        person_id="o1",
        kind="outcome",
        start=day(2024, 3, 2),
        event_reference="outcome 1",
        status="working_on_it",
        words="walk to the shop",
    ),
    dict(
        person_id="o1",
        kind="outcome",
        start=day(2024, 4, 2),
        event_reference="outcome 1",
        status="achieved",
        words="walk to the shop",
    ),
    dict(
        person_id="o1",
        kind="outcome",
        start=day(2024, 4, 20),
        event_reference="outcome 1",
        status="achieved",
        words="walk to the shop",
    ),
    dict(
        person_id="o2",
        kind="outcome",
        start=day(2024, 3, 3),
        status="working_on_it",
        words="see my grandson",
    ),
    dict(
        person_id="o2", kind="outcome", start=day(2024, 3, 30), status=None, words="see my grandson"
    ),
    dict(person_id="o3", kind="outcome", start=day(2024, 4, 8), status="achieved"),
    # plan actions: in March m1 does one thing, family another, a paid carer a third;
    # one has no doer and one an unknown doer (both left out); in April a paid service only
    dict(person_id="m1", kind="action", start=day(2024, 3, 6), action_by="self"),
    dict(person_id="m1", kind="action", start=day(2024, 3, 6), action_by="Family"),
    dict(person_id="m1", kind="action", start=day(2024, 3, 6), action_by="paid_service"),
    dict(person_id="m1", kind="action", start=day(2024, 3, 6), action_by=None),
    dict(person_id="m1", kind="action", start=day(2024, 3, 6), action_by="neighbour?"),
    dict(person_id="m2", kind="action", start=day(2024, 4, 9), action_by="paid_service"),
]


@pytest.fixture(scope="module")
def by_measure():
    table = ibis.duckdb.connect().create_table("journal", journal(ROWS))
    events = usable(table)
    steps = ordered(in_window(events, WINDOW), EpisodeRules(), WINDOW)
    inputs = Inputs(
        calendar(ibis.get_backend(table), whole_periods(WINDOW, Period.MONTH)),
        events,
        journeys.episodes(steps),
        repeat_demand.requests(events),
        demand.front_door(events, WINDOW),
        WINDOW,
        repeat_days=90,
    )
    out = {}
    for measure, info in MEASURES.items():
        rows = sorted(info.series(inputs).to_pyarrow().to_pylist(), key=lambda r: r["period_start"])
        out[measure] = [(r["numerator"], r["denominator"]) for r in rows]
    return out


@pytest.mark.parametrize(
    ("measure", "march", "april"),
    [
        (Measure.CONTACTS, (2, None), (1, None)),
        (Measure.REQUESTS, (1, None), (1, None)),  # February's is outside the window
        (Measure.REPEAT_SHARE, (0, 1), (1, 1)),  # r1 asked 42 days before
        (Measure.FAILURE_SHARE, (1, 2), (0, 0)),  # "not sure" and blank are unclassified
        (Measure.ASSESSMENTS, (2, None), (0, None)),
        (Measure.NEW_PLACEMENTS, (0, None), (1, None)),
        (Measure.PEOPLE_IN_PLACEMENT, (0, None), (1, None)),
        # h1's 7 hours; h2 has no planned hours, so it is not home care
        (Measure.CARE_HOURS, (7, 1), (7, 1)),
        # h1's £140 a week, 31 days and 30 days; h2 has no cost and is left out
        (Measure.WEEKLY_COST, (140 * 31 / 7, 31 / 7), (140 * 30 / 7, 30 / 7)),
        (Measure.MENU_INDEX, (2, 3), (0, 1)),  # self and family of 3 known; then 0 of 1
        (Measure.OUTCOMES_RECORDED, (2, None), (1, None)),  # o1, o2 in March; o3 in April
        (Measure.OUTCOMES_ACHIEVED, (0, None), (2, None)),  # o1 once, o3
    ],
)
def test_each_measure_counts_what_its_card_says(by_measure, measure, march, april):
    assert by_measure[measure] == [pytest.approx(march), pytest.approx(april)]


def test_end_to_end_time_is_days_over_journeys_starting_in_the_period(by_measure):
    # March starts: c1, c2, r2, a1 (6 days to its end on 3 April), a2, h1, h2 (a service
    # counts at its start), o1 (31 days to what matters achieved on 2 April), o2 (27 days
    # to its last outcome row on 30 March), m1; April starts: c3, r1, p1, o3, m2
    assert by_measure[Measure.END_TO_END] == [
        pytest.approx((6 + 31 + 27, 10)),
        pytest.approx((0, 5)),
    ]


def test_every_measure_has_a_whole_card_and_the_results_read_the_catalogue():
    assert set(MEASURES) == set(Measure)
    assert set(RESULTS) <= set(MEASURES) and len(RESULTS) == len(set(RESULTS))
    for info in MEASURES.values():
        card = info.card
        assert all((card.definition, card.numerator, card.denominator, card.prerequisites))
        assert "left out" in card.unknowns or "not" in card.unknowns, info.measure
        assert info.result_unit == ("share" if info.unit == "%" else info.unit)
