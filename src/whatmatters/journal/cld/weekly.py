"""Weekly figures of a service: units a week, weekly cost and hours a week.

As DHSC's cost pipeline derives them (cld-algorithms.md §B): the cost
frequency, compared without case, fixes the units a week (weekly 1,
fortnightly ½, 4-weekly ¼, monthly 12/52, quarterly 4/52, annually 1/52,
using the values SQL Server's DECIMAL arithmetic gives, so figures match the
national dashboard); any other frequency (hourly, daily, per session, none)
takes the absolute Planned units per week. One-off costs have no weekly
figure. Weekly cost = |unit cost| × units a week, left empty where the unit
cost or the units are missing or zero, as DHSC leaves those rows out.
Hours a week are the planned units of an hourly service.
"""

from __future__ import annotations

import polars as pl

from whatmatters.journal.cld.columns import value
from whatmatters.journal.cld.conditions import SERVICE
from whatmatters.journal.cld.fields import Field

# Frequency prefix → units a week (T-SQL DECIMAL(p,6) truncation: 12/52 = 0.230769).
UNITS_A_WEEK: dict[str, float] = {
    "week": 1.0,
    "fortnight": 0.5,
    "4-week": 0.25,
    "month": 0.230769,
    "quarter": 0.076923,
    "annual": 0.019230,
}


def units_per_week() -> pl.Expr:
    frequency = value(Field.COST_FREQUENCY).str.to_lowercase()
    planned = value(Field.PLANNED_UNITS_PER_WEEK).abs()
    units = pl.when(frequency == "one-off").then(pl.lit(None, pl.Float64))
    for prefix, units_a_week in UNITS_A_WEEK.items():
        units = units.when(frequency.str.starts_with(prefix)).then(pl.lit(units_a_week))
    return pl.when(SERVICE).then(units.otherwise(planned))


def weekly_cost(units: pl.Expr) -> pl.Expr:
    """|Unit Cost| × ``units`` (the units a week), where both are known and not zero."""
    cost = value(Field.UNIT_COST).abs()
    return pl.when((cost != 0) & (units != 0)).then(cost * units)


def hours_per_week() -> pl.Expr:
    hourly = value(Field.COST_FREQUENCY).str.to_lowercase() == "hourly"
    return pl.when(SERVICE & hourly).then(value(Field.PLANNED_UNITS_PER_WEEK).abs())
