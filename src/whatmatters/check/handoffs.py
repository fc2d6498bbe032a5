"""Handoffs: work changing hands from one team (or worker) to the next.

A *handoff* is read off the journey: the team of one event and the team of
the person's next event that has a team. A *referral* is a record that
says work was passed on (``referrals``): two views of the same waste.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from whatmatters.check.expressions import count_where


def pairs(steps: ir.Table) -> ir.Table:
    """Consecutive events of each person done by someone: a team or a worker recorded.

    Columns: ``person_id``, ``team``, ``next_team``, ``worker``,
    ``next_worker``. Events with neither are skipped, so a step nobody is
    recorded doing (a service running, a hospital stay) between two teams'
    steps does not hide the handoff. One pass serves teams and workers.
    """
    t = steps.filter(steps.team.notnull() | steps.worker.notnull())
    order = ibis.window(group_by=t.person_id, order_by=t.pos)
    t = t.select(
        "person_id",
        "team",
        "worker",
        next_team=t.team.lead().over(order),
        next_worker=t.worker.lead().over(order),
    )
    return t.filter(t.next_team.notnull() | t.next_worker.notnull())


def matrix(pairs_table: ir.Table, column: str) -> ir.Table:
    """The handoff matrix for ``column`` ("team" or "worker"), self-loops included.

    Card — numerator: consecutive pairs of a person's events from ``source``
    to ``target``; denominator (``share``): all such pairs. ``same`` marks a
    team (worker) followed by itself. Prerequisites: ``pairs``. Unknowns: a
    pair counts only when both events record a team (worker). With workers
    this equals pm4py's "handover of work" (beta 0).
    """
    following = pairs_table[f"next_{column}"]
    t = pairs_table.filter(pairs_table[column].notnull() & following.notnull())
    counted = t.group_by(source=t[column], target=t[f"next_{column}"]).agg(count=t.count())
    return counted.mutate(
        share=counted["count"].cast("float64") / counted["count"].sum().over(ibis.window()),
        same=counted.source == counted.target,
    )


def per_person(pairs_table: ir.Table) -> ir.Table:
    """Handoffs per person: times the next event done by someone was another team's.

    Columns: ``person_id``, ``handoffs``.
    """
    return pairs_table.group_by("person_id").agg(
        handoffs=count_where((pairs_table.team != pairs_table.next_team).fill_null(False))
    )
