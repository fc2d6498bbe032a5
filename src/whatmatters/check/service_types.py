"""Services in the CLD's words: care homes, placements, home care, stays.

CLD service types are compared case-insensitively, as the DHSC and NHS
England SQL does (Release 1 writes "Long Term Support: Nursing Care",
Release 2 "Long term support: Nursing care"; cld-algorithms.md §G).
"""

from __future__ import annotations

import datetime as dt

import ibis
import ibis.expr.types as ir

from whatmatters.check.expressions import day_number, lowered
from whatmatters.check.window import Window
from whatmatters.journal.schema import Kind

_EPOCH = dt.date(1970, 1, 1)


def is_service(t: ir.Table) -> ir.BooleanValue:
    return t.kind == Kind.SERVICE.value


def is_long_term(t: ir.Table) -> ir.BooleanValue:
    """A CLD long-term support service (nursing, residential, community, prison)."""
    return is_service(t) & lowered(t.service_type).startswith("long term support")


def _mentions_care_home(value: ir.StringValue) -> ir.BooleanValue:
    text = lowered(value)
    return text.contains("residential") | text.contains("nursing")


def is_care_home(t: ir.Table) -> ir.BooleanValue:
    """Residential or nursing care, long or short term (by service type or component)."""
    mentions = _mentions_care_home(t.service_type).fill_null(False) | _mentions_care_home(
        t.service_component
    ).fill_null(False)
    return is_service(t) & mentions


def is_placement(t: ir.Table) -> ir.BooleanValue:
    """A long-term residential or nursing placement (CLD long-term support)."""
    return is_long_term(t) & _mentions_care_home(t.service_type)


def is_home_care(t: ir.Table) -> ir.BooleanValue:
    """Long-term community support with planned hours a week (a home-care package)."""
    return (
        is_long_term(t)
        & lowered(t.service_type).contains("community")
        & (t.hours_per_week > 0).fill_null(False)
    )


def days_within(t: ir.Table, window: Window) -> ir.IntegerValue:
    """Days from start to end inside the window; an open stay runs to the window's end.

    Days are counted as nights (end date − start date), so a stay from
    1 to 5 March is 4 days.
    """
    first = (window.start - _EPOCH).days
    after = (window.end - _EPOCH).days + 1
    start = ibis.greatest(day_number(t.start), first)
    end = ibis.least(day_number(t.end).fill_null(after), after)
    return ibis.greatest(end - start, 0)
