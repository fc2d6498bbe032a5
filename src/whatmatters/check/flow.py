"""Flow: how work moves through the system, step by step.

The process map is a directly-follows graph: for each pair of steps, how
often one came straight after the other in a person's journey (frequency
view) and how long the person waited between them (time view: mean and
median). Variants are whole journeys as sequences of steps; rework is the
same step done again for the same person (repeated assessments above all).

These equal pm4py's directly-follows graph, variants and case durations on
the same events (tests hold them to it); pm4py is never used at run time.
"""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir
import polars as pl
import pyarrow as pa

from whatmatters.check.events import KIND_CODES, REPEAT_BY_DESIGN
from whatmatters.check.expressions import count_where, flag, median_by
from whatmatters.journal.schema import Kind

VARIANT_SEPARATOR = " → "

START = "▶ start"
"""Pseudo-activity every case starts from (on the process map)."""
END = "■ end"
"""Pseudo-activity every case ends at."""


def activities(events: ir.Table) -> ir.Table:
    """Each step: how often it happened, how often a journey began or ended with it.

    Card — ``events``: events with this activity; ``starts``/``ends``:
    journeys that begin/end with it (how many people had it is in
    ``rework``). Prerequisites: ordered events. Unknowns: a step with no name
    takes its kind's name.
    """
    return events.group_by("activity").agg(
        events=events.count(),
        starts=count_where(events.pos == 0),
        ends=count_where(events.next_activity.isnull()),
    )


def directly_follows(events: ir.Table) -> ir.Table:
    """The directly-follows graph: frequency and waiting time of each pair of steps.

    Card — ``count``: times ``target`` came straight after ``source`` in a
    person's journey; ``mean_seconds`` and
    ``median_seconds``: time from the end of ``source`` (its start if it has
    no end) to the start of ``target``, negative when ``target`` began first
    (parallel work). Prerequisites: ordered events. Unknowns: none — every
    ordered event has a start.
    """
    t = events.filter(events.next_activity.notnull())
    t = t.select("wait_seconds", source=t.activity, target=t.next_activity)
    counted = t.group_by(["source", "target"]).agg(
        count=t.count(), mean_seconds=t.wait_seconds.cast("float64").mean()
    )
    medians = median_by(t, ["source", "target"], "wait_seconds", "median_seconds")
    joined = counted.left_join(medians, ["source", "target"])
    return joined.drop("source_right", "target_right")


def person_variants(events: ir.Table) -> ir.Table:
    """Each person's journey as a variant: ``person_id``, ``variant``, ``steps``.

    The people behind each row of the ``variants`` table (their pseudonymous ids);
    ``variants_of`` counts them into it.
    """
    person = ibis.window(group_by=events.person_id, order_by=events.pos, rows=(None, None))
    sequences = events.mutate(
        variant=events.activity.group_concat(VARIANT_SEPARATOR).over(person),
        steps=events.count().over(person),
    ).filter(events.pos == 0)
    return sequences.select("person_id", "variant", "steps")


def variants_of(people: pa.Table) -> pa.Table:
    """The ``variants`` table (``variant``, ``steps``, ``cases``) from ``person_variants``'
    rows, counted after fetching so one query serves both."""
    frame = pl.from_arrow(people).group_by(["variant", "steps"]).agg(cases=pl.len().cast(pl.Int64))
    return frame.to_arrow()


def with_coverage(variants: pa.Table) -> pa.Table:
    """Variants, most common first, with ``share`` and cumulative ``coverage`` of people."""
    frame = pl.from_arrow(variants).sort(["cases", "variant"], descending=[True, False])
    total = frame["cases"].sum()
    frame = frame.with_columns(
        share=pl.col("cases") / total, coverage=pl.col("cases").cum_sum() / total
    )
    return frame.select("variant", "steps", "cases", "share", "coverage").to_arrow()


def rework(events: ir.Table) -> ir.Table:
    """Steps done more than once for the same person (rework loops).

    Card — ``cases``: people with the step; ``cases_repeated``: people
    with it twice or more; ``repeats``: occurrences beyond each person's
    first; ``share_repeated``: ``cases_repeated / cases``; ``by_design``:
    the step is of a kind that comes again by design (``REPEAT_BY_DESIGN``:
    reviews, services, outcomes, closures), so its repeats are not rework.
    A plan's actions are one occurrence of their step: several actions of
    one plan (the person does one thing, family another) are the plan, not
    rework; actions under a second plan are a repeat. Prerequisites:
    ordered events in the window (``pos``, ``kind_code``).
    """
    person = ibis.window(group_by=events.person_id, order_by=events.pos, rows=(None, 0))
    plans_so_far = flag(events.kind_code == KIND_CODES[Kind.PLAN]).sum().over(person)
    is_action = events.kind_code == KIND_CODES[Kind.ACTION]
    # An action's occasion is its plan (the plans before it); any other step is its own.
    t = events.mutate(occasion=is_action.ifelse(-1 - plans_so_far, events.pos))
    designed = t.kind_code.isin([KIND_CODES[k] for k in REPEAT_BY_DESIGN])
    per_person = t.group_by(["activity", "person_id"]).agg(
        n=t.occasion.nunique(), by_design=flag(designed).max()
    )
    counted = per_person.group_by("activity").agg(
        cases=per_person.count(),
        cases_repeated=count_where(per_person.n > 1),
        repeats=(per_person.n - 1).sum(),
        by_design=per_person.by_design.max() == 1,
    )
    return counted.mutate(
        share_repeated=counted.cases_repeated.cast("float64") / counted.cases
    ).relocate("by_design", after="share_repeated")


def map_inputs(steps_table: pa.Table, follows: pa.Table) -> tuple[pa.Table, pa.Table]:
    """The process map's inputs from the ``activities`` and ``directly_follows`` tables:
    step counts, and paths with the start and end added (``START``/``END``)."""
    steps = steps_table.to_pylist()
    activities = pa.Table.from_pylist(
        [{"activity": s["activity"], "count": s["events"]} for s in steps]
    )
    paths = [
        {k: r[k] for k in ("source", "target", "count", "mean_seconds", "median_seconds")}
        for r in follows.to_pylist()
    ]
    for s in steps:
        if s["starts"]:
            paths.append(_pseudo(START, s["activity"], s["starts"]))
        if s["ends"]:
            paths.append(_pseudo(s["activity"], END, s["ends"]))
    schema = pa.schema(
        [
            ("source", pa.string()),
            ("target", pa.string()),
            ("count", pa.int64()),
            ("mean_seconds", pa.float64()),
            ("median_seconds", pa.float64()),
        ]
    )
    return activities, pa.Table.from_pylist(paths, schema=schema)


def _pseudo(source: str, target: str, count: int) -> dict[str, Any]:
    return {
        "source": source,
        "target": target,
        "count": count,
        "mean_seconds": None,
        "median_seconds": None,
    }
