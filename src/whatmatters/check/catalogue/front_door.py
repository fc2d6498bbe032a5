"""Measures of the front door: contacts, requests, and how many come back or fail."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from whatmatters.check.catalogue.entry import COUNT, Card, Combine, Inputs, Measure, MeasureInfo
from whatmatters.check.catalogue.periods import counted, per_period
from whatmatters.check.expressions import day_number, flag
from whatmatters.check.repeat_demand import is_repeat
from whatmatters.check.window import in_window
from whatmatters.journal.schema import DemandType, Kind

NO_START = "Rows with no person or no start are left out of every measure (table left_out)."


def _contacts(i: Inputs) -> ir.Table:
    contacts = i.events.filter(i.events.kind == Kind.CONTACT.value)
    return counted(i.calendar, contacts, day_number(contacts.start))


CONTACTS = MeasureInfo.count(
    Measure.CONTACTS,
    "Contacts",
    "contacts",
    "Contacts",
    Card(
        "Contacts into adult social care in the period.",
        numerator="Rows of kind contact whose start falls in the period.",
        denominator=COUNT,
        prerequisites="Contacts recorded as rows of kind contact (a CLD return has none).",
        unknowns=f"A contact of unknown type or channel still counts. {NO_START}",
    ),
    _contacts,
)


def _requests(i: Inputs) -> ir.Table:
    requests = in_window(i.requests, i.window)
    return counted(i.calendar, requests, day_number(requests.start))


REQUESTS = MeasureInfo.count(
    Measure.REQUESTS,
    "Requests",
    "requests",
    "Requests",
    Card(
        "Requests for support starting in the period.",
        numerator="Rows of kind request whose start falls in the period.",
        denominator=COUNT,
        prerequisites="Requests recorded as rows of kind request.",
        unknowns=f"A request of unknown type or route still counts. {NO_START}",
    ),
    _requests,
)


def _repeat_share(i: Inputs) -> ir.Table:
    requests = in_window(i.requests, i.window)
    repeat = flag(is_repeat(requests, i.repeat_days))
    return per_period(i.calendar, requests, day_number(requests.start), repeat, ibis.literal(1))


REPEAT_SHARE = MeasureInfo(
    Measure.REPEAT_SHARE,
    "Repeat requests",
    "%",
    Combine.RATIO,
    Combine.RATIO,
    "Repeat requests",
    Card(
        "Requests from someone who made another in the days before (the repeat window), "
        "over all requests in the period.",
        numerator="Requests in the period from a person who made another request in the "
        "repeat window's days before it (on the same day counts).",
        denominator="All requests in the period.",
        prerequisites="Requests with a person; the look-back must lie inside the records, "
        "so periods before it does are left off the chart and the table.",
        unknowns="A person's first request in the records is not a repeat. A period with "
        f"no requests has no value (not 0%). {NO_START}",
    ),
    _repeat_share,
)


def _failure_share(i: Inputs) -> ir.Table:
    classified = i.demand.filter(i.demand.demand != DemandType.UNKNOWN.value)
    failure = flag(classified.demand == DemandType.FAILURE.value)
    return per_period(
        i.calendar, classified, day_number(classified.start), failure, ibis.literal(1)
    )


FAILURE_SHARE = MeasureInfo(
    Measure.FAILURE_SHARE,
    "Failure demand",
    "%",
    Combine.RATIO,
    Combine.RATIO,
    "Failure demand",
    Card(
        "Contacts and requests classed as failure demand, over those classed value or "
        "failure (unclassified ones left out).",
        numerator="Contacts and requests in the period whose demand type is failure.",
        denominator="Contacts and requests in the period whose demand type is value or failure.",
        prerequisites="A demand type recorded at the front door (value or failure, in any "
        "letter case).",
        unknowns="A blank or any other demand type is unclassified: left out of both "
        f"numerator and denominator. A period with none classified has no value. {NO_START}",
    ),
    _failure_share,
)
