"""Costs and units: signs and zero costs, as the national costing reads them."""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from whatmatters.journal.cld.columns import raw, value
from whatmatters.journal.cld.conditions import holds
from whatmatters.journal.cld.fields import Condition, Field
from whatmatters.journal.cld.problems import Severity
from whatmatters.journal.cld.rules.registry import Context, Finding, rule


@rule(
    "cost_negative",
    "A Unit Cost or Planned units per week is negative (national costing uses its absolute "
    "value); kept as given.",
    Severity.WARNING,
    fields=(Field.UNIT_COST, Field.PLANNED_UNITS_PER_WEEK),
)
def cost_negative(context: Context) -> Iterator[Finding]:
    for field in (Field.UNIT_COST, Field.PLANNED_UNITS_PER_WEEK):
        yield Finding(
            field,
            value(field) < 0,
            pl.format("'{}' is negative; the weekly cost uses its absolute value", raw(field)),
        )


@rule(
    "cost_zero",
    "A costed service has a Unit Cost of 0: it gets no weekly cost (national costing leaves "
    "it out).",
    Severity.WARNING,
    fields=(Field.UNIT_COST,),
)
def cost_zero(context: Context) -> Iterator[Finding]:
    yield Finding(
        Field.UNIT_COST,
        (value(Field.UNIT_COST) == 0) & holds(Condition.COSTED_SERVICE),
        "the unit cost is 0 on a service that should be costed; it gets no weekly cost",
    )
