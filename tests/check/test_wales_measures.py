"""The Welsh measures equal hand counts on a small journal, on every backend."""

from __future__ import annotations

import datetime as dt

import ibis

from tests.check.conftest import Load, day, journal
from whatmatters.check.catalogue import MEASURES, Inputs, Measure, Span, calendar
from whatmatters.check.catalogue.wales import NOT_OFFICIAL, WALES, holds_welsh_rows
from whatmatters.check.events import usable
from whatmatters.check.window import Window
from whatmatters.check.working_days import working_days_between

WINDOW = Window(dt.date(2023, 7, 1), dt.date(2024, 7, 31))
JAN, FEB, MAR, APR = (dt.date(2024, m, 1) for m in (1, 2, 3, 4))
SPANS = [Span(JAN, FEB), Span(FEB, MAR), Span(MAR, APR), Span(APR, dt.date(2024, 5, 1))]


def contact(person: str, start: dt.datetime, advice: bool | None = None) -> dict:
    return dict(person_id=person, kind="contact", start=start, advice_and_assistance=advice)


def assessment(person: str, end: dt.datetime, outcome: str | None) -> dict:
    start = end - dt.timedelta(days=20)
    return dict(
        person_id=person, kind="assessment", start=start, end=end, eligibility_outcome_wales=outcome
    )


def reablement(person: str, end: dt.datetime | None, outcome: str | None) -> dict:
    return dict(
        person_id=person,
        kind="service",
        service_component="Reablement",
        start=day(2023, 12, 1),
        end=end,
        reablement_outcome=outcome,
    )


def safeguarding(person: str, start: dt.datetime, end: dt.datetime | None, stage: str) -> dict:
    return dict(
        person_id=person, kind="safeguarding", start=start, end=end, safeguarding_stage=stage
    )


def closure(person: str, start: dt.datetime, achieved: str | None) -> dict:
    return dict(
        person_id=person,
        kind="closure",
        start=start,
        reason="outcomes met",
        closure_outcomes_achieved=achieved,
    )


ROWS = [
    # Advice: P1 comes back within six months; P2 only the same day and after eight
    # months; P3's six months are not yet over when the records end (not judged);
    # P4's contact gave no advice (not counted).
    contact("P1", day(2024, 1, 10), True),
    contact("P1", day(2024, 3, 1), False),
    contact("P2", day(2024, 1, 15), True),
    contact("P2", day(2024, 1, 15)),
    contact("P2", day(2024, 8, 1)),
    contact("P3", day(2024, 2, 5), True),
    contact("P4", day(2024, 2, 6), False),
    # Assessments, by the day they ended.
    assessment("A1", day(2024, 1, 5), "met_through_plan"),
    assessment("A2", day(2024, 1, 25), "met_through_plan"),
    assessment("A3", day(2024, 1, 30), "no_eligible_needs"),
    assessment("A4", day(2024, 2, 12), "met_without_plan"),
    assessment("A5", day(2024, 2, 13), None),  # an English assessment: not counted
    # Reablement, by the day it was completed.
    reablement("R1", day(2024, 1, 20), "reduced"),
    reablement("R2", day(2024, 1, 25), "maintained"),
    reablement("R3", day(2024, 2, 10), "none"),
    reablement("R4", None, None),  # still going
    # Enquiries: from the report's receipt to completion, in Welsh working days.
    # S1: Thu 21 Mar to Tue 2 Apr 2024 is 6 working days (Good Friday and Easter Monday).
    safeguarding("S1", day(2024, 3, 21), None, "report"),
    safeguarding("S1", day(2024, 3, 21), day(2024, 4, 2), "enquiry"),
    # S2: Mon 8 Apr to Thu 18 Apr is 8 working days.
    safeguarding("S2", day(2024, 4, 8), day(2024, 4, 18), "enquiry"),
    # S3: received on a Saturday, completed on the 6th working day after.
    safeguarding("S3", day(2024, 1, 6), day(2024, 1, 15), "enquiry"),
    safeguarding("S4", day(2024, 1, 6), None, "enquiry"),  # not completed
    # Closures in February: fully, partly, not, and one with no evaluation.
    closure("C1", day(2024, 2, 1), "fully"),
    closure("C2", day(2024, 2, 2), "partly"),
    closure("C3", day(2024, 2, 3), "not"),
    closure("C4", day(2024, 2, 4), None),
]

# Measure → (numerator, denominator) for January, February, March, April.
EXPECTED = {
    Measure.WALES_NO_RECONTACT: [(1, 2), (0, 0), (0, 0), (0, 0)],
    Measure.WALES_MET_THROUGH_PLAN: [(2, 3), (0, 1), (0, 0), (0, 0)],
    Measure.WALES_MET_WITHOUT_PLAN: [(0, 3), (1, 1), (0, 0), (0, 0)],
    Measure.WALES_NO_ELIGIBLE_NEEDS: [(1, 3), (0, 1), (0, 0), (0, 0)],
    Measure.WALES_REABLEMENT_REDUCED: [(1, 2), (0, 1), (0, 0), (0, 0)],
    Measure.WALES_REABLEMENT_HELPED: [(2, 2), (0, 1), (0, 0), (0, 0)],
    Measure.WALES_ENQUIRIES_IN_TIME: [(1, 1), (0, 0), (0, 0), (1, 2)],
    Measure.WALES_CLOSED_ACHIEVED: [(0, 0), (1, 3), (0, 0), (0, 0)],
}


def test_welsh_measures_equal_hand_counts(load: Load) -> None:
    events = usable(load(journal(ROWS)))
    con = ibis.get_backend(events)
    assert holds_welsh_rows(events)
    got = {info.measure: _counts(info, _inputs(con, events)) for info in WALES}
    assert got == EXPECTED


def _inputs(con: ibis.BaseBackend, events: ibis.Table) -> Inputs:
    """What the measures are made from: the Welsh ones read the calendar, events and window."""
    return Inputs(calendar(con, SPANS), events, None, None, None, WINDOW, 30)  # type: ignore[arg-type]


def _counts(info, inputs: Inputs) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    rows = sorted(info.series(inputs).to_pyarrow().to_pylist(), key=lambda r: r["period_start"])
    return [(r["numerator"], r["denominator"]) for r in rows]


def test_an_english_journal_holds_no_welsh_rows_and_gets_no_welsh_values() -> None:
    con = ibis.duckdb.connect()
    english = [
        contact("P1", day(2024, 1, 1)),
        dict(person_id="P1", kind="request", start=day(2024, 1, 2)),
    ]
    assert not holds_welsh_rows(usable(con.create_table("journal", journal(english))))
    old = con.create_table("old", journal(english).drop(["advice_and_assistance"]))
    assert not holds_welsh_rows(usable(old))  # a journal from before schema 1.1
    for info in WALES:
        assert _counts(info, _inputs(con, usable(old))) == [(0, 0)] * len(SPANS)


def test_working_days_skip_weekends_and_welsh_bank_holidays() -> None:
    assert working_days_between(dt.date(2024, 3, 21), dt.date(2024, 4, 2)) == 6
    assert working_days_between(dt.date(2024, 1, 6), dt.date(2024, 1, 15)) == 6
    assert working_days_between(dt.date(2023, 5, 5), dt.date(2023, 5, 9)) == 1  # the Coronation


def test_every_welsh_measure_says_it_is_not_the_official_return() -> None:
    welsh = [m for m in Measure if m.value.startswith("wales_")]
    assert set(welsh) == set(EXPECTED) == {info.measure for info in WALES}
    for measure in welsh:
        assert MEASURES[measure].card.definition.startswith(NOT_OFFICIAL)
        assert MEASURES[measure].unit == "%"


def test_the_check_imports_a_welsh_template_file_on_the_fly(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.journal.wales.test_template import GOOD, event, write
    from whatmatters.check.sources import is_cld, is_wales, open_source

    path = write(tmp_path / "events.csv", [*GOOD, event("assessment")])
    assert is_wales(path) and not is_cld(path)
    with open_source(str(path), "duckdb", "journal") as source:
        assert source.table.count().execute() == 9
        assert source.name.startswith("events.csv (Welsh events, 9 rows imported for the check")
        assert "1 row with errors left out" in source.name
