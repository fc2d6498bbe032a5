"""Run the whole check on a journal table and collect its named tables.

``run_check(journal, params)`` evaluates every measure on the journal's own
backend (DuckDB, SQLite, PostgreSQL) and returns a ``CheckResult``: named
Arrow tables (listed in ``TABLES`` and in ``docs/check.md``), the capability
charts' numbers, the window and the periods compared. Tables come back in a
fixed order (sorted here, byte by byte) so every backend gives identical
tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc

from whatmatters.check import (
    asked,
    deadlines,
    demand,
    flow,
    handoffs,
    journeys,
    menu_teams,
    people_behind,
    referrals,
    reopened,
    repeat_demand,
    sequels,
    series,
    sides,
    story,
)
from whatmatters.check.backends import TemporaryViews, journal_table
from whatmatters.check.catalogue import MEASURES, STOCKS, Measure, Span, whole_periods
from whatmatters.check.errors import CheckError
from whatmatters.check.events import left_out, ordered, usable
from whatmatters.check.flow import with_coverage
from whatmatters.check.params import CheckParams
from whatmatters.check.results import Comparison, comparison, cost_projection, results
from whatmatters.check.tables import SORT_KEYS, TABLES
from whatmatters.check.window import Window, in_window, window_of


@dataclass
class CheckResult:
    """Everything the check found: named tables and the capability charts."""

    params: CheckParams
    window: Window
    periods: list[Span]
    comparison: Comparison
    tables: dict[str, pa.Table]
    capability: dict[Measure, Any] = field(default_factory=dict)
    """``capability.XmrResult`` for each measure with enough points."""
    timeline_person: str | None = None

    def __getitem__(self, name: str) -> pa.Table:
        return self.tables[name]


Progress = Callable[[str], None]


def run_check(
    journal: ir.Table | str | Path,
    params: CheckParams | None = None,
    progress: Progress | None = None,
) -> CheckResult:
    """Run every measure of the check on ``journal``: an Ibis table on any backend,
    or the path of a journal folder or Parquet file (opened on embedded DuckDB)."""
    if isinstance(journal, str | Path):
        journal = journal_table(journal, "duckdb")
    elif not isinstance(journal, ir.Table):
        raise TypeError(
            f"run_check needs an Ibis table or a journal's path, not {type(journal).__name__}"
        )
    views = TemporaryViews()
    try:
        return _run(journal, params or CheckParams(), progress or (lambda _: None), views)
    finally:
        views.drop()


def _run(
    journal: ir.Table, params: CheckParams, step: Progress, views: TemporaryViews
) -> CheckResult:
    """The check itself; bases many queries share become ``views``."""
    tables: dict[str, pa.Table] = {}

    step("reading the journal")
    tables["left_out"] = left_out(journal).to_pyarrow()
    events = views.of(usable(journal))
    window = window_of(events, params.start, params.end)
    _change_inside(params.change_date, window)
    step("putting each person's events in order")
    steps = ordered(in_window(events, window), params.episodes, window).cache()
    pairs = handoffs.pairs(steps).cache()

    step("journeys")
    episode_rows = journeys.episodes(steps).cache()
    tables["episodes"] = _fetch(episode_rows, "episodes")
    tables["people"] = _fetch(journeys.people(steps, pairs), "people")
    tables["fragmented"] = story.most_fragmented(
        tables["people"], params.story_by, params.top_journeys
    )
    _known_person(params.person, tables["people"])
    person = params.person or _first(tables["fragmented"], "person_id")
    if person is not None:
        timeline = journeys.timeline(events, person, params.episodes, window)
        tables["timeline"] = _fetch(timeline, "timeline")

    step("demand")
    front = demand.front_door_kept(events, window)
    tables["demand_by_type"] = _fetch(demand.by_type_and_channel(front), "demand_by_type")
    tables["value_failure"] = _fetch(demand.value_and_failure(front), "value_failure")
    tables["failure_reasons"] = _fetch(demand.failure_reasons(front), "failure_reasons")
    examples = demand.failure_examples(front, params.examples_per_reason)
    tables["failure_examples"] = _fetch(examples, "failure_examples")
    tables["first_point"] = demand.first_point_resolution(front).to_pyarrow()
    tables["asked_for"] = _fetch(asked.asked_for(front), "asked_for")
    asked_examples = asked.asked_examples(front, params.examples_per_reason)
    tables["asked_examples"] = _fetch(asked_examples, "asked_examples")
    all_requests = views.of(repeat_demand.requests(events))
    repeats = repeat_demand.repeat_requests(all_requests, window, params.repeat_windows)
    tables["repeat_requests"] = _fetch(repeats, "repeat_requests")
    behind = people_behind.repeat_request_people(all_requests, window, params.repeat_windows)
    tables["repeat_request_people"] = _fetch(behind, "repeat_request_people")
    sequel_rows = sequels.sequels(events, window, params.sequels)
    tables["sequels"] = _fetch(sequel_rows, "sequels")
    tables["sequel_summary"] = _fetch(sequels.summary(sequel_rows), "sequel_summary")
    sequel_rows.release()

    step("flow")
    # Each materialised table is released after its last reader: memory for the next.
    tables["team_handoffs"] = _fetch(handoffs.matrix(pairs, "team"), "team_handoffs")
    tables["worker_handoffs"] = _fetch(handoffs.matrix(pairs, "worker"), "worker_handoffs")
    pairs.release()
    tables["activities"] = _fetch(flow.activities(steps), "activities")
    tables["directly_follows"] = _fetch(flow.directly_follows(steps), "directly_follows")
    person_variants = _fetch(flow.person_variants(steps), "variant_people")
    tables["variant_people"] = person_variants.select(["variant", "person_id"])
    tables["variants"] = with_coverage(flow.variants_of(person_variants))
    tables["rework"] = _fetch(flow.rework(steps), "rework")
    steps.release()
    in_window_events = views.of(in_window(events, window))
    tables["referrals"] = _fetch(referrals.referrals(in_window_events), "referrals")
    rates = referrals.self_referral_rates(in_window_events)
    tables["self_referrals"] = _fetch(rates, "self_referrals")
    people = people_behind.self_referral_people(in_window_events)
    tables["self_referral_people"] = _fetch(people, "self_referral_people")

    if params.change_date is not None:
        step("before and after")
        tables |= sides.split_tables(events, window, params, tables["episodes"], _fetch)

    step("capability")
    spans = whole_periods(window.charted, params.period)
    compare = comparison(spans, params.change_date)
    if spans:
        cal = series.calendar(ibis.get_backend(journal), spans)
        parts = series.measure_series(
            cal, events, episode_rows, all_requests, front, window, params.repeat_days
        )
        fetched = series.series_table({m: e.to_pyarrow() for m, e in parts.items()})
        warm_up = series.judged_from(window, params.repeat_days, params.episodes.gap_days)
        follow_up = series.judged_until(window, params.episodes.gap_days, spans)
        tables["series"] = series.without_warm_up(fetched, warm_up, follow_up)
    else:
        tables["series"] = series.SERIES_SCHEMA.empty_table()
    front.release()
    charts = capability_charts(tables["series"], params)
    tables["capability"] = capability_table(charts)

    step("results")
    tables["results"] = results(tables["series"], compare, params.repeat_days)
    tables["cost_projection"] = cost_projection(tables["series"], compare)
    episode_rows.release()
    _lenses(tables, events, window, compare, params)
    in_order = {name: tables[name] for name in TABLES if name in tables}
    return CheckResult(params, window, spans, compare, in_order, charts, person)


def _lenses(
    tables: dict[str, pa.Table],
    events: ir.Table,
    window: Window,
    compare: Comparison,
    params: CheckParams,
) -> None:
    """The system conditions and the menu: plans by team, re-opened closures, deadlines."""
    stretches = menu_teams.compared_stretches(
        compare.before, compare.after, window.start, window.end
    )
    tables["menu_by_team"] = _fetch(menu_teams.by_team(events, stretches), "menu_by_team")
    tables["reopened"] = _fetch(reopened.by_reason_and_team(events, window), "reopened")
    found, days = deadlines.deadline_effects(events, params.targets, window)  # empty: no targets
    tables["deadlines"], tables["deadline_days"] = found, days


def _change_inside(change: dt.date | None, window: Window) -> None:
    """A change date outside the window leaves nothing to compare on one side."""
    if change is not None and not window.start < change <= window.end:
        raise CheckError(
            f"the change date {change:%d %b %Y} is not inside the window checked "
            f"({window.start:%d %b %Y} to {window.end:%d %b %Y}): give a date the records "
            "run both before and after (or --from and --to around it)"
        )


def _known_person(person: str | None, people: pa.Table) -> None:
    """A timeline asked for by id needs someone with that id in the window."""
    if person is None or pc.any(pc.equal(people["person_id"], person)).as_py():
        return
    example = _first(people, "person_id")
    looks = f"; ids here look like {example!r}" if example is not None else ""
    raise CheckError(f"no one with the person id {person!r} has events in the window{looks}")


def _fetch(expr: ir.Table, name: str) -> pa.Table:
    """Run ``expr`` and sort the rows by the table's keys (byte order, same on every backend)."""
    table = expr.to_pyarrow()
    keys = SORT_KEYS.get(name)
    return table.sort_by([(k, "ascending") for k in keys]) if keys else table


def _first(table: pa.Table, column: str) -> Any:
    return table[column][0].as_py() if table.num_rows else None


def capability_charts(series_table: pa.Table, params: CheckParams) -> dict[Measure, Any]:
    """An XmR chart for each measure with at least two periods of values.

    Periods with no value (a share with nothing to divide) are left off the
    chart; limits are recalculated from the change date. Shares are charted
    as percentages. A stock (``STOCKS``: people in care, care hours, weekly
    cost) is charted as its change from the period before: its level carries
    over, so the rules on it would cry wolf on a stable council.
    """
    from whatmatters.check.capability import XmrParams, xmr

    xmr_params = params.xmr or XmrParams()  # lower limits floored at 0 only when asked
    frame = pl.from_arrow(series_table)
    charts = {}
    for measure in MEASURES:
        points = frame.filter(
            (pl.col("measure") == measure.value) & pl.col("value").is_not_null()
        ).sort("period_start")
        if points.height < 2:
            continue
        scale = 100.0 if MEASURES[measure].percent else 1.0
        values = [v * scale for v in points["value"].to_list()]
        periods = points["period_start"].to_list()
        if measure in STOCKS:  # carried over: chart the change from the period before
            values = [b - a for a, b in pairwise(values)]
            periods = periods[1:]
            if len(values) < 2:
                continue
        charts[measure] = xmr(
            values, periods=periods, change_at=params.change_date, params=xmr_params
        )
    return charts


def capability_table(charts: dict[Measure, Any]) -> pa.Table:
    """Every chart's per-point table, one above the other, with its measure."""
    frames = [
        pl.from_arrow(chart.to_arrow()).with_columns(measure=pl.lit(measure.value))
        for measure, chart in charts.items()
    ]
    if not frames:
        return pa.table({"measure": pa.array([], pa.string())})
    return pl.concat(frames, how="diagonal_relaxed").to_arrow()
