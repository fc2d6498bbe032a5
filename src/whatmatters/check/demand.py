"""Demand: what comes in at the front door, in the person's terms.

Front-door demand is every approach: a contact, or a request that came with
no contact. A request from a person who made a contact the same day is that
contact written down as a request (one approach, one demand), so it is
counted once, as the contact, which says how and why they came. Demand is
counted by type and
channel; split into value demand (what the service exists to provide) and
failure demand (caused by a failure to do something, or do it right:
chasing, repeating, re-referring), with each failure's reason and verbatim
examples of what people said; and by whether it was resolved at the first
point of contact. Failure demand is never a target: study its causes.
"""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from whatmatters.check.expressions import count_where, day_number, lowered
from whatmatters.check.window import Window, in_window
from whatmatters.journal.schema import DemandType, Kind

NOT_RECORDED = "(not recorded)"


def front_door(events: ir.Table, window: Window) -> ir.Table:
    """Approaches starting in the window, with their demand type settled.

    Every contact, and every request with no contact from the same person
    on the same day (a request paired with a contact is the same approach).
    ``demand`` is value, failure or unknown (blank or anything else is
    unknown); the type is the step's activity name.
    """
    t = in_window(events, window)
    contacts = t.filter(t.kind == Kind.CONTACT.value)
    requests = t.filter(t.kind == Kind.REQUEST.value)
    contact_days = contacts.select(
        paired_person=contacts.person_id, paired_day=day_number(contacts.start)
    ).distinct()
    unpaired = requests.anti_join(
        contact_days,
        [
            requests.person_id == contact_days.paired_person,
            day_number(requests.start) == contact_days.paired_day,
        ],
    ).select(requests.columns)
    t = contacts.union(unpaired)
    value = lowered(t.demand_type)
    return t.mutate(
        demand=ibis.cases(
            (value == DemandType.VALUE.value, DemandType.VALUE.value),
            (value == DemandType.FAILURE.value, DemandType.FAILURE.value),
            else_=DemandType.UNKNOWN.value,
        )
    )


FRONT_DOOR_READ: tuple[str, ...] = (
    "kind",
    "activity",
    "channel",
    "demand",
    "demand_reason",
    "words",
    "start",
    "source_row",
    "event_id",
    "resolved_first_point",
)
"""The front door's columns that its tables (here and in ``asked``) and series read."""


def front_door_kept(events: ir.Table, window: Window) -> ir.Table:
    """``front_door`` materialised with only the columns read from it (``release`` it after).

    Seven tables and the series read the front door; as a view, each worked
    out its anti-join and union again (about 0.2 s each at a million events).
    Kept narrow because making it is a pass over every column kept.
    """
    return front_door(events, window).select(*FRONT_DOOR_READ).cache()


def by_type_and_channel(demand: ir.Table) -> ir.Table:
    """Contacts and requests by type and channel.

    Card — numerator: contacts and requests of each kind, type (activity)
    and channel; ``share``: of all front-door demand. Unknowns: a missing
    channel shows as "(not recorded)".
    """
    counted = demand.group_by(
        kind=demand.kind, type=demand.activity, channel=demand.channel.fill_null(NOT_RECORDED)
    ).agg(count=demand.count())
    return counted.mutate(
        share=counted["count"].cast("float64") / counted["count"].sum().over(ibis.window())
    )


def value_and_failure(demand: ir.Table) -> ir.Table:
    """Value and failure demand.

    Card — numerator: contacts and requests classed value, failure or
    unknown; ``share``: of all; ``share_of_classified``: of those classed
    value or failure (unknowns left out). Prerequisites: ``demand_type``
    recorded on contacts. Unknowns: blank or unrecognised types are unknown.
    """
    counted = demand.group_by("demand").agg(count=demand.count())
    classified = counted.demand != DemandType.UNKNOWN.value
    everyone = ibis.window()
    return counted.mutate(
        share=counted["count"].cast("float64") / counted["count"].sum().over(everyone),
        share_of_classified=classified.ifelse(
            counted["count"].cast("float64")
            / classified.ifelse(counted["count"], 0).sum().over(everyone),
            ibis.null("float64"),
        ),
    )


def failure_reasons(demand: ir.Table) -> ir.Table:
    """Failure demand by its reason.

    Card — numerator: failure demand with each reason; denominator
    (``share``): all failure demand. Unknowns: a failure with no reason
    shows as "(not recorded)".
    """
    failure = demand.filter(demand.demand == DemandType.FAILURE.value)
    counted = failure.group_by(reason=failure.demand_reason.fill_null(NOT_RECORDED)).agg(
        count=failure.count()
    )
    return counted.mutate(
        share=counted["count"].cast("float64") / counted["count"].sum().over(ibis.window())
    )


def failure_examples(demand: ir.Table, per_reason: int) -> ir.Table:
    """What people said, verbatim: the first ``per_reason`` failure demands of each reason.

    Columns: ``reason``, ``example`` (1, 2, …), ``start``, ``channel``,
    ``words``. Only contacts with words recorded are shown.
    """
    failure = demand.filter((demand.demand == DemandType.FAILURE.value) & demand.words.notnull())
    failure = failure.mutate(reason=failure.demand_reason.fill_null(NOT_RECORDED))
    order = ibis.window(
        group_by=failure.reason, order_by=[failure.start, failure.source_row, failure.event_id]
    )
    ranked = failure.mutate(example=ibis.row_number().over(order) + 1)
    return ranked.filter(ranked.example <= per_reason).select(
        "reason", "example", "start", "channel", "words"
    )


def first_point_resolution(demand: ir.Table) -> ir.Table:
    """Demand resolved at the first point of contact (one row).

    Card — numerator: contacts and requests marked resolved at the first
    point; denominator (``share_resolved``): those where it was recorded
    either way. Unknowns: not recorded is counted apart (``unknown``), never
    as unresolved.
    """
    resolved = demand.resolved_first_point
    counted = demand.agg(
        demand=demand.count(),
        resolved=count_where(resolved),
        not_resolved=count_where(~resolved),
        unknown=count_where(resolved.isnull()),
    )
    known = counted.resolved + counted.not_resolved
    return counted.mutate(
        share_resolved=(known > 0).ifelse(
            counted.resolved.cast("float64") / known, ibis.null("float64")
        )
    )


def totals_by_type(by_type_and_channel: pa.Table) -> list[dict[str, Any]]:
    """The ``demand_by_type`` table added up over kinds and channels: ``type``, ``count``,
    commonest first."""
    totals: dict[str, int] = {}
    for r in by_type_and_channel.to_pylist():
        totals[r["type"]] = totals.get(r["type"], 0) + r["count"]
    return sorted(({"type": k, "count": v} for k, v in totals.items()), key=lambda r: -r["count"])
