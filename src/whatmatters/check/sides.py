"""Before and after, side by side: journeys, demand and flow on each side of a change.

With a change date the window has two sides: ``before`` (its start to the
day before the change) and ``after`` (the change to its end). Each side is
checked as a window of its own — people's events put in order within it, so
a journey that crosses the change date counts its steps before on one side
and its steps after on the other, and no path joins the two designs. The
tables are those of the whole window with a ``period`` column first, before
rows above after rows, each side sorted as its whole-window table is; the
same expressions run on every backend. End-to-end time is counted by when
an episode of work began (its whole length, even where it ends after the
change). Without a change date there are no such tables.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import ibis.expr.types as ir
import polars as pl
import pyarrow as pa

from whatmatters.check import demand, flow, handoffs, journeys, referrals
from whatmatters.check.events import ordered
from whatmatters.check.params import CheckParams
from whatmatters.check.tables import SPLIT_TABLES
from whatmatters.check.window import Window, in_window

BEFORE, AFTER = "before", "after"
WHOLE = "whole window"
"""The one stretch a table compares when the window has no change date to split it."""
PERIOD = "period"


Fetch = Callable[[ir.Table, str], pa.Table]


def side_windows(window: Window, change: dt.date) -> list[tuple[str, Window]]:
    """The two sides of ``change`` inside ``window``: before (to the day before) and after."""
    before = dataclasses.replace(window, end=change - dt.timedelta(days=1), later=0)
    after = dataclasses.replace(window, start=change, earlier=0)
    return [(BEFORE, before), (AFTER, after)]


def split_tables(
    events: ir.Table,
    window: Window,
    params: CheckParams,
    episodes: pa.Table,
    fetch: Fetch,
) -> dict[str, pa.Table]:
    """The before-and-after tables (``SPLIT_TABLES``); none without a change date.

    ``events`` are the usable journal rows, ``episodes`` the whole window's
    episodes table, ``fetch`` runs an expression and sorts it as its
    whole-window table (``run._fetch``).
    """
    if params.change_date is None:
        return {}
    parts: dict[str, list[pa.Table]] = {name: [] for name in SPLIT_TABLES}
    summaries = []
    for period, half in side_windows(window, params.change_date):
        side = _one_side(events, half, params, fetch)
        people = side.pop("people")
        side["fragmented_by_period"] = journeys.most_fragmented(
            people, params.top_journeys, params.story_by.column
        )
        summaries.append(journey_summary(people, period))
        for name, table in side.items():
            parts[name].append(_labelled(table, period))
    parts["journeys_by_period"] = [
        _with_end_to_end(pa.concat_tables(summaries), episodes, params.change_date)
    ]
    return {name: pa.concat_tables(tables) for name, tables in parts.items()}


def _one_side(
    events: ir.Table, half: Window, params: CheckParams, fetch: Fetch
) -> dict[str, pa.Table]:
    """One side's tables (and its ``people``), computed as the whole window's are."""
    # materialised once, as the whole window's are: each is read by several tables below
    steps = ordered(in_window(events, half), params.episodes, half).cache()
    pairs = handoffs.pairs(steps).cache()
    front = demand.front_door(events, half).cache()
    variants = flow.variants_of(flow.person_variants(steps).to_pyarrow())
    tables = {
        "people": fetch(journeys.people(steps, pairs), "people"),
        "demand_by_type_by_period": fetch(demand.by_type_and_channel(front), "demand_by_type"),
        "value_failure_by_period": fetch(demand.value_and_failure(front), "value_failure"),
        "first_point_by_period": fetch(demand.first_point_resolution(front), "first_point"),
        "activities_by_period": fetch(flow.activities(steps), "activities"),
        "directly_follows_by_period": fetch(flow.directly_follows(steps), "directly_follows"),
        "variants_by_period": flow.with_coverage(variants),
        "team_handoffs_by_period": fetch(handoffs.matrix(pairs, "team"), "team_handoffs"),
        "self_referrals_by_period": fetch(
            referrals.self_referral_rates(in_window(events, half)), "self_referrals"
        ),
    }
    for materialised in (front, pairs, steps):
        materialised.release()
    return tables


def journey_summary(people: pa.Table, period: str) -> pa.Table:
    """One side's journeys in a row: how many people, the typical (median) journey and the
    most passed-around one. ``people`` is the side's people table with its period."""
    frame = pl.from_arrow(people)
    typical = ("events", "teams", "workers", "handoffs", "assessments")
    row = frame.select(
        people=pl.len().cast(pl.Int64),
        **{f"median_{c}": pl.col(c).cast(pl.Float64).median() for c in typical},
        most_teams=pl.col("teams").max().cast(pl.Int64),
        most_handoffs=pl.col("handoffs").max().cast(pl.Int64),
        what_matters_recorded=pl.col("what_matters_recorded").cast(pl.Float64).mean(),
    )
    return row.insert_column(0, pl.Series(PERIOD, [period])).to_arrow()


def _with_end_to_end(summary: pa.Table, episodes: pa.Table, change: dt.date) -> pa.Table:
    """``summary`` with each side's episodes (by when they began) and their median
    end-to-end days."""
    frame = pl.from_arrow(episodes).select(
        pl.when(pl.col("start").dt.date() < change)
        .then(pl.lit(BEFORE))
        .otherwise(pl.lit(AFTER))
        .alias(PERIOD),
        pl.col("end_to_end_days").cast(pl.Float64),
    )
    counted = frame.group_by(PERIOD).agg(
        episodes=pl.len().cast(pl.Int64),
        median_end_to_end_days=pl.col("end_to_end_days").median(),
    )
    joined = pl.from_arrow(summary).join(counted, on=PERIOD, how="left")
    return joined.with_columns(pl.col("episodes").fill_null(0)).to_arrow()


def _labelled(table: pa.Table, period: str) -> pa.Table:
    return table.add_column(0, PERIOD, pa.array([period] * table.num_rows, pa.string()))
