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

from collections.abc import Sequence

import numpy as np
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


def _units(frequency: pl.Expr, planned: pl.Expr) -> pl.Expr:
    """The rule: units a week from the cost frequency (lower case) and |planned units|."""
    units = pl.when(frequency == "one-off").then(pl.lit(None, pl.Float64))
    for prefix, units_a_week in UNITS_A_WEEK.items():
        units = units.when(frequency.str.starts_with(prefix)).then(pl.lit(units_a_week))
    return units.otherwise(planned)


def _cost(unit_cost: pl.Expr, units: pl.Expr) -> pl.Expr:
    """The rule: |unit cost| × units a week, where both are known and not zero."""
    return pl.when((unit_cost != 0) & (units != 0)).then(unit_cost * units)


def _hours(frequency: pl.Expr, planned: pl.Expr) -> pl.Expr:
    """The rule: an hourly service's planned units are its hours a week."""
    return pl.when(frequency == "hourly").then(planned)


def units_per_week() -> pl.Expr:
    frequency = value(Field.COST_FREQUENCY).str.to_lowercase()
    planned = value(Field.PLANNED_UNITS_PER_WEEK).abs()
    return pl.when(SERVICE).then(_units(frequency, planned))


def weekly_cost(units: pl.Expr) -> pl.Expr:
    """|Unit Cost| × ``units`` (the units a week), where both are known and not zero."""
    return _cost(value(Field.UNIT_COST).abs(), units)


def hours_per_week() -> pl.Expr:
    frequency = value(Field.COST_FREQUENCY).str.to_lowercase()
    return pl.when(SERVICE).then(_hours(frequency, value(Field.PLANNED_UNITS_PER_WEEK).abs()))


def weekly_figures(
    unit_cost: Sequence[float | None] | np.ndarray,
    cost_frequency: Sequence[str | None] | np.ndarray,
    planned_units_per_week: Sequence[float | None] | np.ndarray,
) -> pl.DataFrame:
    """The same rule on plain values (the casework forms, the synthetic council).

    One row per service: ``units_per_week``, ``weekly_cost``, ``hours_per_week``;
    empty (null) where the rule leaves them empty. NaN counts as unknown.
    """
    given = pl.DataFrame(
        {
            "cost": np.asarray(unit_cost, dtype=float),
            "frequency": [None if f is None else str(f) for f in cost_frequency],
            "planned": np.asarray(planned_units_per_week, dtype=float),
        },
        schema={"cost": pl.Float64, "frequency": pl.String, "planned": pl.Float64},
        nan_to_null=True,
    )
    frequency = pl.col("frequency").str.to_lowercase().fill_null("")
    planned = pl.col("planned").abs()
    units = _units(frequency, planned)
    return given.select(
        units_per_week=units,
        weekly_cost=_cost(pl.col("cost").abs(), units),
        hours_per_week=_hours(frequency, planned),
    )
