"""Capability measures from the casework journal, as Ibis expressions.

Each runs on the live casework database (SQLite or PostgreSQL) through
Ibis, the engine the check uses on any journal.
"""

from __future__ import annotations

from dataclasses import dataclass

import ibis
import polars as pl

from whatmatters.journal.schema import DemandType, Kind


@dataclass(frozen=True)
class Series:
    """One value a period, oldest first."""

    periods: list
    values: list[float]


def in_scope(journal: ibis.Table, team: str | None) -> ibis.Table:
    """Rows of people the team has worked with (all rows, all teams), or everyone's."""
    if team is None:
        return journal
    people = journal.filter(journal.team == team).select("person_id").distinct()
    return journal.semi_join(people, "person_id")


def failure_demand_by_month(journal: ibis.Table) -> Series:
    """Failure demand ÷ contacts of known type (value or failure), a month.

    Contacts whose type is unknown are left out of both; months with no
    contact of known type are not shown.
    """
    contacts = journal.filter(
        (journal.kind == Kind.CONTACT.value)
        & journal.demand_type.isin([DemandType.VALUE.value, DemandType.FAILURE.value])
    )
    dated = contacts.mutate(
        month=contacts.start.truncate("M").cast("date"),
        failure=(contacts.demand_type == DemandType.FAILURE.value).ifelse(1, 0),
    )
    monthly = (
        dated.group_by("month")
        .aggregate(failure=dated.failure.sum(), known=dated.count())
        .order_by("month")
    )
    frame = pl.from_arrow(monthly.to_pyarrow())
    return Series(
        frame["month"].to_list(),
        [round(100 * f / k, 1) for f, k in zip(frame["failure"], frame["known"], strict=True)],
    )


def end_to_end_days_by_week(journal: ibis.Table) -> Series:
    """Mean days from opening work (a request) to its end, for work ending each week.

    Work still open is not counted (it has no end yet).
    """
    requests = journal.filter((journal.kind == Kind.REQUEST.value) & journal.end.notnull())
    days = requests.mutate(
        week=requests.end.truncate("W").cast("date"),
        days=(requests.end.epoch_seconds() - requests.start.epoch_seconds()) / 86400,
    )
    weekly = days.group_by("week").aggregate(days=days.days.mean()).order_by("week")
    frame = pl.from_arrow(weekly.to_pyarrow())
    return Series(frame["week"].to_list(), [round(v, 1) for v in frame["days"]])
