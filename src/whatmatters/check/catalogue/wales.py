"""Welsh measures, computed from your records — not the official return.

Welsh Government's Performance and Improvement Framework (and the 2016
performance measures before it) counts a council's year; these read the same
things off the journal's Welsh rows (``journal.wales``), per week or month, so
they can be charted for capability. The official figure follows that year's
guidance and the council's own return; these are for the team to see its
system by (``docs/wales.md``). A journal without Welsh rows (CLD, an event
log, a journal from before schema 1.1) gives every period nothing to divide:
no value, no chart.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from whatmatters.check.catalogue.entry import Card, Combine, Inputs, Measure, MeasureInfo
from whatmatters.check.catalogue.front_door import NO_START
from whatmatters.check.catalogue.periods import EPOCH, fill, per_period
from whatmatters.check.events import WELSH_COLUMNS
from whatmatters.check.expressions import day_number, flag
from whatmatters.check.working_days import working_day_counts
from whatmatters.journal.schema import Kind

NOT_OFFICIAL = "Computed from your records, not the official return."
NO_RECONTACT_DAYS = 183  # six months
WORKING_DAYS = 7
_WELSH = "Rows of the Welsh template (docs/wales.md); a journal without them has no value."


def holds_welsh_rows(events: ir.Table) -> bool:
    """Whether the journal holds any Welsh row (a Welsh field filled)."""
    if not set(WELSH_COLUMNS) <= set(events.columns):
        return False
    held = ibis.literal(False)
    for name in WELSH_COLUMNS:
        held = held | events[name].notnull()
    return bool(held.any().execute())


def _share(i: Inputs, items) -> ir.Table:  # type: ignore[no-untyped-def]
    """Per period: items that are ``ok`` over all items, by each item's ``day``."""
    if not holds_welsh_rows(i.events):
        empty = i.calendar.spans.filter(ibis.literal(False))
        # cast from an integer: Ibis writes a float literal bare, read by PostgreSQL as numeric
        zero = ibis.literal(0).cast("float64")
        nothing = empty.select("period_start", numerator=zero, denominator=zero)
        return fill(i.calendar.spans, nothing, ratio=True)
    t = items(i)
    return per_period(i.calendar, t, t.day, t.ok, ibis.literal(1))


def _entry(measure: Measure, title: str, card: Card, items) -> MeasureInfo:  # type: ignore[no-untyped-def]
    return MeasureInfo(
        measure,
        title,
        "%",
        Combine.RATIO,
        Combine.RATIO,
        title,
        card,
        lambda i: _share(i, items),
    )


# Advice and assistance with no further contact within six months -------------


def _advice(i: Inputs) -> ir.Table:
    contacts = i.events.filter(i.events.kind == Kind.CONTACT.value)
    advice = contacts.filter(contacts.advice_and_assistance.fill_null(False))
    last_day = (i.window.end - EPOCH).days
    given = advice.select("person_id", _id=advice.event_id, day=day_number(advice.start))
    given = given.filter(given.day + NO_RECONTACT_DAYS <= last_day)
    later = contacts.select(_person=contacts.person_id, _day=day_number(contacts.start))
    again = (
        given.inner_join(
            later,
            [
                given.person_id == later._person,
                later._day > given.day,
                later._day <= given.day + NO_RECONTACT_DAYS,
            ],
        )
        .select(_again=given._id)
        .distinct()
    )
    joined = given.left_join(again, given._id == again._again)
    return joined.select(day=joined.day, ok=flag(joined._again.isnull()))


NO_RECONTACT = _entry(
    Measure.WALES_NO_RECONTACT,
    "Advice and assistance with no further contact within six months",
    Card(
        f"{NOT_OFFICIAL} Information, advice and assistance contacts where advice or "
        "assistance was given, after which the person made no further contact within six "
        "months (183 days), over all such contacts judged. By the day of the contact.",
        numerator="Contacts with advice given after which the same person made no contact "
        "on a later day within 183 days.",
        denominator="Contacts with advice given whose 183 days lie inside the records.",
        prerequisites=f"IAA contacts with Advice Given. {_WELSH}",
        unknowns="A contact with Advice Given blank counts as no advice. Another contact on "
        "the same day is taken as the same contact. A contact whose six months run past "
        f"the records is not judged. {NO_START}",
    ),
    _advice,
)


# Assessments by eligibility outcome ------------------------------------------


def _assessed(outcome: str):  # type: ignore[no-untyped-def]
    def items(i: Inputs) -> ir.Table:
        e = i.events
        done = e.filter((e.kind == Kind.ASSESSMENT.value) & e.eligibility_outcome_wales.notnull())
        return done.select(
            day=day_number(done.end.fill_null(done.start)),
            ok=flag(done.eligibility_outcome_wales == outcome),
        )

    return items


def _assessment_card(share: str) -> Card:
    return Card(
        f"{NOT_OFFICIAL} Of assessments with an eligibility outcome, the share {share}. "
        "By the day the assessment ended.",
        numerator=f"Assessments ending in the period {share}.",
        denominator="Assessments ending in the period with an eligibility outcome.",
        prerequisites=f"Assessments with an Eligibility Outcome. {_WELSH}",
        unknowns="An assessment with no eligibility outcome (an English one, say) is left "
        f"out; one with no end counts on its start. {NO_START}",
    )


MET_THROUGH_PLAN = _entry(
    Measure.WALES_MET_THROUGH_PLAN,
    "Assessments: eligible needs met through a care and support plan",
    _assessment_card("whose eligible needs are met through a care and support plan"),
    _assessed("met_through_plan"),
)
MET_WITHOUT_PLAN = _entry(
    Measure.WALES_MET_WITHOUT_PLAN,
    "Assessments: eligible needs met without a care and support plan",
    _assessment_card("whose needs are met other than through a care and support plan"),
    _assessed("met_without_plan"),
)
NO_ELIGIBLE_NEEDS = _entry(
    Measure.WALES_NO_ELIGIBLE_NEEDS,
    "Assessments: no eligible needs",
    _assessment_card("finding no eligible needs"),
    _assessed("no_eligible_needs"),
)


# Reablement outcomes ---------------------------------------------------------


def _reablement(outcomes: tuple[str, ...]):  # type: ignore[no-untyped-def]
    def items(i: Inputs) -> ir.Table:
        e = i.events
        done = e.filter(
            (e.kind == Kind.SERVICE.value) & e.reablement_outcome.notnull() & e.end.notnull()
        )
        return done.select(
            day=day_number(done.end), ok=flag(done.reablement_outcome.isin(outcomes))
        )

    return items


def _reablement_card(share: str) -> Card:
    return Card(
        f"{NOT_OFFICIAL} Of reablement completed in the period with an outcome recorded, "
        f"the share that {share} the need.",
        numerator=f"Completed reablement that {share} the need.",
        denominator="Reablement completed (ended) in the period with a reablement outcome.",
        prerequisites=f"Reablement rows with an End Date and a Reablement Outcome. {_WELSH}",
        unknowns=f"Reablement still going, or with no outcome, is left out. {NO_START}",
    )


REABLEMENT_REDUCED = _entry(
    Measure.WALES_REABLEMENT_REDUCED,
    "Reablement that reduced the need for support",
    _reablement_card("reduced"),
    _reablement(("reduced",)),
)
REABLEMENT_HELPED = _entry(
    Measure.WALES_REABLEMENT_HELPED,
    "Reablement that reduced, maintained or mitigated the need",
    _reablement_card("reduced, maintained or mitigated"),
    _reablement(("reduced", "maintained", "mitigated")),
)


# Safeguarding enquiries within seven working days ----------------------------


def _enquiries(i: Inputs) -> ir.Table:
    e = i.events
    done = e.filter(
        (e.kind == Kind.SAFEGUARDING.value) & (e.safeguarding_stage == "enquiry") & e.end.notnull()
    )
    days = done.select(_from=day_number(done.start), day=day_number(done.end))
    counts = working_day_counts(ibis.get_backend(e), i.window.start, i.window.end)
    a = counts.select(_d1=counts.day, _n1=counts.worked)
    b = counts.select(_d2=counts.day, _n2=counts.worked)
    joined = days.inner_join(a, days._from == a._d1).inner_join(b, days.day == b._d2)
    return joined.select(day=joined.day, ok=flag(joined._n2 - joined._n1 <= WORKING_DAYS))


ENQUIRIES_IN_TIME = _entry(
    Measure.WALES_ENQUIRIES_IN_TIME,
    "Safeguarding enquiries completed within seven working days",
    Card(
        f"{NOT_OFFICIAL} Of adult safeguarding enquiries completed in the period, the share "
        "completed within seven working days of the report being received.",
        numerator="Enquiries completed in the period at most seven working days after the "
        "report was received (the enquiry's Event Date).",
        denominator="Enquiries completed (with an End Date) in the period.",
        prerequisites=f"Safeguarding enquiry rows with both dates. {_WELSH}",
        unknowns="Weekends and bank holidays in Wales are not working days; a report "
        "received on one starts counting on the next working day. An enquiry not yet "
        f"completed, or dated more than a year outside the window, is left out. {NO_START}",
    ),
    _enquiries,
)


# Plans closed with personal outcomes achieved ---------------------------------


def _closures(i: Inputs) -> ir.Table:
    e = i.events
    closed = e.filter((e.kind == Kind.CLOSURE.value) & e.closure_outcomes_achieved.notnull())
    return closed.select(
        day=day_number(closed.start), ok=flag(closed.closure_outcomes_achieved == "fully")
    )


CLOSED_ACHIEVED = _entry(
    Measure.WALES_CLOSED_ACHIEVED,
    "Care and support plans closed with personal outcomes achieved",
    Card(
        f"{NOT_OFFICIAL} Of care and support plans closed in the period whose closure "
        "statement evaluates the personal outcomes, the share where the person saw them "
        "fully achieved.",
        numerator="Plan closures in the period with Outcomes Achieved fully.",
        denominator="Plan closures in the period with Outcomes Achieved recorded.",
        prerequisites=f"Plan closure rows with Outcomes Achieved. {_WELSH}",
        unknowns="Partly achieved counts as not achieved; a closure with no evaluation (the "
        f"person died, say) is left out. {NO_START}",
    ),
    _closures,
)

WALES: tuple[MeasureInfo, ...] = (
    NO_RECONTACT,
    MET_THROUGH_PLAN,
    MET_WITHOUT_PLAN,
    NO_ELIGIBLE_NEEDS,
    REABLEMENT_REDUCED,
    REABLEMENT_HELPED,
    ENQUIRIES_IN_TIME,
    CLOSED_ACHIEVED,
)
"""The Welsh measures, in the order the report charts them (after the others)."""
