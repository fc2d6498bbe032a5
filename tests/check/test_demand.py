"""Demand at the front door and repeat requests, on hand-made journals."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.check.conftest import day, journal
from whatmatters.check import demand, repeat_demand
from whatmatters.check.events import usable
from whatmatters.check.window import Window

WINDOW = Window(dt.date(2024, 1, 1), dt.date(2024, 12, 31))

CONTACTS = [
    dict(
        person_id="a",
        kind="contact",
        activity="Chasing",
        start=day(2024, 1, 5),
        channel="phone",
        demand_type="failure",
        demand_reason="chasing",
        words="I rang last week and nobody called back",
        resolved_first_point=False,
    ),
    dict(
        person_id="b",
        kind="contact",
        activity="Chasing",
        start=day(2024, 1, 3),
        channel="phone",
        demand_type="Failure",
        demand_reason="chasing",
        words="Still waiting for the assessment",
        resolved_first_point=False,
    ),
    dict(
        person_id="c",
        kind="contact",
        activity="Chasing",
        start=day(2024, 1, 9),
        channel="phone",
        demand_type="failure",
        demand_reason="chasing",
        words="Third time I have called",
        resolved_first_point=True,
    ),
    dict(
        person_id="d",
        kind="contact",
        activity="Repeating the story",
        start=day(2024, 2, 1),
        channel="email",
        demand_type="failure",
        demand_reason=None,
        words="I told the last person all of this",
    ),
    dict(
        person_id="e",
        kind="contact",
        activity="Help at home",
        start=day(2024, 2, 2),
        channel="phone",
        demand_type="value",
        resolved_first_point=True,
    ),
    dict(
        person_id="f",
        kind="contact",
        activity="Help at home",
        start=day(2024, 2, 3),
        channel=None,
        demand_type=None,
    ),
    dict(
        person_id="g",
        kind="request",
        activity="Request",
        start=day(2024, 2, 4),
        channel="phone",
        demand_type="value",
    ),
    dict(
        person_id="h",
        kind="contact",
        activity="Help at home",
        start=day(2023, 12, 31),
        channel="phone",
        demand_type="value",
    ),
    dict(person_id="i", kind="assessment", activity="Assessment", start=day(2024, 2, 4)),
]


@pytest.fixture(scope="module")
def front(module_load):
    return demand.front_door(usable(module_load(journal(CONTACTS))), WINDOW)


def test_contacts_by_type_and_channel(front) -> None:
    rows = demand.by_type_and_channel(front).to_pyarrow().to_pylist()
    counts = {(r["kind"], r["type"], r["channel"]): r["count"] for r in rows}
    assert counts == {
        ("contact", "Chasing", "phone"): 3,
        ("contact", "Repeating the story", "email"): 1,
        ("contact", "Help at home", "phone"): 1,
        ("contact", "Help at home", demand.NOT_RECORDED): 1,
        ("request", "Request", "phone"): 1,
    }
    assert sum(r["share"] for r in rows) == pytest.approx(1.0)


def test_value_and_failure_demand_leave_unknowns_out_of_the_share(front) -> None:
    rows = {r["demand"]: r for r in demand.value_and_failure(front).to_pyarrow().to_pylist()}
    assert {k: r["count"] for k, r in rows.items()} == {"failure": 4, "value": 2, "unknown": 1}
    assert rows["failure"]["share_of_classified"] == pytest.approx(4 / 6)
    assert rows["failure"]["share"] == pytest.approx(4 / 7)
    assert rows["unknown"]["share_of_classified"] is None


def test_failure_reasons_and_verbatim_examples_in_order(front) -> None:
    reasons = {
        r["reason"]: r["count"] for r in demand.failure_reasons(front).to_pyarrow().to_pylist()
    }
    assert reasons == {"chasing": 3, demand.NOT_RECORDED: 1}
    examples = demand.failure_examples(front, 2).to_pyarrow().to_pylist()
    chasing = [e["words"] for e in examples if e["reason"] == "chasing"]
    assert chasing == [
        "Still waiting for the assessment",
        "I rang last week and nobody called back",
    ]
    assert [e["example"] for e in examples if e["reason"] == "chasing"] == [1, 2]


def test_first_point_resolution_counts_unknowns_apart(front) -> None:
    row = demand.first_point_resolution(front).to_pyarrow().to_pylist()[0]
    assert row == {
        "demand": 7,
        "resolved": 2,
        "not_resolved": 2,
        "unknown": 3,
        "share_resolved": pytest.approx(0.5),
    }


PAIRED = [
    # One approach: a phone call on 5 March, written down as a request the same day.
    dict(person_id="p", kind="contact", start=day(2024, 3, 5, 9), demand_type="value"),
    dict(person_id="p", kind="request", start=day(2024, 3, 5, 11)),
    # A request the next day is another approach (a request with no contact that day).
    dict(person_id="p", kind="request", start=day(2024, 3, 6)),
    # Someone else's contact the same day does not pair with this request.
    dict(person_id="q", kind="request", start=day(2024, 3, 5)),
    dict(person_id="r", kind="contact", start=day(2024, 3, 5), demand_type="failure"),
]


def test_a_request_with_a_contact_the_same_day_is_one_approach(load) -> None:
    front = demand.front_door(usable(load(journal(PAIRED))), WINDOW).to_pyarrow()
    counted = sorted(zip(front["person_id"].to_pylist(), front["kind"].to_pylist(), strict=True))
    assert counted == [
        ("p", "contact"),
        ("p", "request"),
        ("q", "request"),
        ("r", "contact"),
    ]
    request = [r for r in front.to_pylist() if r["person_id"] == "p" and r["kind"] == "request"]
    assert request[0]["start"].day == 6
    shares = {
        r["demand"]: r["count"]
        for r in demand.value_and_failure(demand.front_door(usable(load(journal(PAIRED))), WINDOW))
        .to_pyarrow()
        .to_pylist()
    }
    assert shares == {"value": 1, "failure": 1, "unknown": 2}


REQUESTS = [
    dict(
        person_id="a", kind="request", start=day(2023, 12, 20)
    ),  # before the window: looked back to
    dict(person_id="a", kind="request", start=day(2024, 1, 10)),  # 21 days later
    dict(person_id="a", kind="request", start=day(2024, 3, 1)),  # 51 days later
    dict(person_id="a", kind="request", start=day(2024, 8, 1)),  # 153 days later
    dict(person_id="b", kind="request", start=day(2024, 5, 1)),
    dict(person_id="b", kind="request", start=day(2024, 5, 1, 15)),  # same day
    dict(person_id="c", kind="contact", start=day(2024, 5, 2)),
]


def test_repeat_requests_within_28_90_182_days_look_back_before_the_window(load) -> None:
    all_requests = repeat_demand.requests(usable(load(journal(REQUESTS))))
    table = repeat_demand.repeat_requests(all_requests, WINDOW, (28, 90, 182))
    rows = {r["days"]: r for r in table.to_pyarrow().to_pylist()}
    assert {d: (r["requests"], r["repeats"]) for d, r in rows.items()} == {
        28: (5, 2),
        90: (5, 3),
        182: (5, 4),
    }
    assert rows[90]["share"] == pytest.approx(3 / 5)
