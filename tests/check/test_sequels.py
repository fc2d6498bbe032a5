"""SALT STS001-style sequels to requests from new clients (cld-algorithms.md §C)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.check.conftest import day, journal
from whatmatters.check import sequels
from whatmatters.check.events import usable
from whatmatters.check.params import SequelRules
from whatmatters.check.sequels import RecordType, Sequel
from whatmatters.check.window import Window

WINDOW = Window(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
ASSESS = "Progress to assessment, review or reassessment"
SIGNPOST = "NFA: Information and advice or signposting"


def request(person: str, start: dt.datetime, end: dt.datetime | None = None, outcome=ASSESS):
    return dict(person_id=person, kind="request", start=start, end=end or start, outcome=outcome)


def service(person: str, start: dt.datetime, kind: str, end: dt.datetime | None = None):
    return dict(person_id=person, kind="service", start=start, end=end, service_type=kind)


def event(person: str, kind: str, start: dt.datetime, end=None, outcome=None):
    return dict(person_id=person, kind=kind, start=start, end=end, outcome=outcome)


CASES = [
    # a: a service 10 days after the request (the assessment links them)
    request("a", day(2024, 2, 1), day(2024, 2, 2)),
    event("a", "assessment", day(2024, 2, 5), day(2024, 2, 10)),
    service("a", day(2024, 2, 12), "Long Term Support: Community"),
    # b: the first later event comes 40 days after: out of scope, the request's outcome stands
    request("b", day(2024, 3, 1), day(2024, 3, 2), SIGNPOST),
    service("b", day(2024, 4, 11), "Short term support: ST-Max", day(2024, 5, 1)),
    # c: a gap of 5 days breaks the chain before the service
    request("c", day(2024, 3, 1), day(2024, 3, 3)),
    event("c", "assessment", day(2024, 3, 4), day(2024, 3, 6)),
    service("c", day(2024, 3, 11), "Long term support: Residential care"),
    # d: two requests 3 days apart are one request; ST-Max beats nursing
    request("d", day(2024, 4, 1), day(2024, 4, 2)),
    request("d", day(2024, 4, 5), day(2024, 4, 6)),
    service("d", day(2024, 4, 8), "Long term support: Nursing care", day(2024, 4, 9)),
    service("d", day(2024, 4, 10), "Short term support: ST-Max"),
    # e: already in long-term support when asking: not a new client
    service("e", day(2023, 6, 1), "Long term support: Community"),
    request("e", day(2024, 2, 1)),
    # f: a later request stops the chain before its service
    request("f", day(2024, 5, 1), day(2024, 5, 1)),
    request("f", day(2024, 5, 10), day(2024, 5, 12)),
    service("f", day(2024, 5, 13), "Long term support: Community"),
    # g: no service, but a no-further-action outcome on a later review
    request("g", day(2024, 6, 1), day(2024, 6, 2)),
    event("g", "assessment", day(2024, 6, 3), day(2024, 6, 4), "NFA: Support declined"),
    # h: nothing after the request
    request("h", day(2024, 7, 1), day(2024, 7, 1), "NFA: Deceased"),
    # i: a same-day request whose first event comes 45 days later
    request("i", day(2024, 8, 1), day(2024, 8, 1)),
    service("i", day(2024, 9, 15), "Short term support: Ongoing low level", day(2024, 9, 20)),
    # j: the request ends after the window: not counted
    request("j", day(2024, 12, 30), day(2025, 1, 5)),
]


def by_person(rows) -> dict[tuple[str, dt.date], dict]:
    return {(r["person_id"], r["request_start"].date()): r for r in rows}


@pytest.fixture(scope="module")
def found(module_load):
    table = sequels.sequels(usable(module_load(journal(CASES))), WINDOW, SequelRules())
    return by_person(table.to_pyarrow().to_pylist())


def test_each_request_gets_its_sequel(found) -> None:
    assert {
        (p, d.month, d.day): (r["record_type"], r["sequel"]) for (p, d), r in found.items()
    } == {
        ("a", 2, 1): (RecordType.SERVICE, Sequel.COMMUNITY),
        ("b", 3, 1): (RecordType.OUT_OF_SCOPE, Sequel.UNIVERSAL),
        ("c", 3, 1): (RecordType.NO_SERVICE, Sequel.NO_SERVICE_FOUND),
        ("d", 4, 1): (RecordType.SERVICE, Sequel.ST_MAX),
        # the later request stops the chain; it is a request of its own
        ("f", 5, 1): (RecordType.OUT_OF_SCOPE, Sequel.UNCLASSIFIED),
        ("f", 5, 10): (RecordType.SERVICE, Sequel.COMMUNITY),
        ("g", 6, 1): (RecordType.NO_FURTHER_ACTION, Sequel.NO_SERVICES),
        ("h", 7, 1): (RecordType.NO_LATER_EVENTS, Sequel.DECEASED),
        ("i", 8, 1): (RecordType.OUT_OF_SCOPE, Sequel.UNCLASSIFIED),
    }


def test_requests_within_four_days_cluster_into_one(found) -> None:
    d = found[("d", dt.date(2024, 4, 1))]
    assert d["request_end"] == day(2024, 4, 6)
    assert ("d", dt.date(2024, 4, 5)) not in found


def test_the_same_day_quirk_is_reproduced_on_request(duck) -> None:
    rules = SequelRules(same_day_quirk=True)
    table = sequels.sequels(usable(duck(journal(CASES))), WINDOW, rules)
    rows = by_person(table.to_pyarrow().to_pylist())
    # NHS England's code never applies the 28-day window to a same-day request
    i = rows[("i", dt.date(2024, 8, 1))]
    assert (i["record_type"], i["sequel"]) == (RecordType.SERVICE, Sequel.LOW_LEVEL)
    # a request lasting two days keeps its window either way
    assert rows[("b", dt.date(2024, 3, 1))]["record_type"] == RecordType.OUT_OF_SCOPE


def test_summary_shares_add_up(load) -> None:
    table = sequels.sequels(usable(load(journal(CASES))), WINDOW, SequelRules())
    rows = sequels.summary(table).to_pyarrow().to_pylist()
    assert sum(r["requests"] for r in rows) == 9
    assert sum(r["share"] for r in rows) == pytest.approx(1.0)
