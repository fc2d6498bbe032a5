"""Closed then re-opened, by closure reason and team (the ``reopened`` table).

The measure itself is in the catalogue (``catalogue/reopened.py``), per
period on a capability chart; this table says where it happens: which
closure reasons and which closing teams see people come straight back.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from whatmatters.check.catalogue.reopened import (
    SOON,
    came_back_within,
    closures_with_next_request,
    cutoff_day,
)
from whatmatters.check.expressions import count_where
from whatmatters.check.window import Window, in_window

NOT_RECORDED = "(not recorded)"


def by_reason_and_team(events: ir.Table, window: Window) -> ir.Table:
    """Closures in the window by reason and team, and how many were re-opened soon after.

    Card — ``closures_D``: closures made at least D days before the window's
    end (for D in 28, 90); ``reopened_D``: those followed by the same
    person's request within D days; ``share_D``: the second over the first
    (empty with no closures). Unknowns: a blank reason or team shows as
    "(not recorded)".
    """
    t = in_window(closures_with_next_request(events), window)
    # a closure too late for even the shortest look-ahead is in no column
    t = t.filter(t.closure_day <= cutoff_day(window.end, min(SOON)))
    counts = {}
    for days in SOON:
        judged = t.closure_day <= cutoff_day(window.end, days)
        counts[f"closures_{days}"] = count_where(judged)
        counts[f"reopened_{days}"] = count_where(judged & came_back_within(t, days))
    out = t.group_by(
        reason=t.reason.fill_null(NOT_RECORDED), team=t.team.fill_null(NOT_RECORDED)
    ).agg(**counts)
    return out.mutate(
        **{
            f"share_{days}": (out[f"closures_{days}"] > 0).ifelse(
                out[f"reopened_{days}"].cast("float64") / out[f"closures_{days}"],
                ibis.null("float64"),
            )
            for days in SOON
        }
    )
