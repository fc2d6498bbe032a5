"""Closed then re-opened, by closure reason and team (the ``reopened`` table).

The measure itself is in the catalogue (``catalogue/reopened.py``), per
period on a capability chart; this table says where it happens: which
closure reasons and which closing teams see people come straight back.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from whatmatters.check.catalogue.reopened import SOON, reopened_closures
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
    parts = []
    for days in SOON:
        t = in_window(reopened_closures(events, window.end, days), window)
        grouped = t.group_by(
            reason=t.reason.fill_null(NOT_RECORDED), team=t.team.fill_null(NOT_RECORDED)
        ).agg(**{f"closures_{days}": t.count(), f"reopened_{days}": t.reopened.sum()})
        parts.append(grouped)
    first, second = parts
    joined = first.outer_join(second, [first.reason == second.reason, first.team == second.team])
    out = joined.select(
        reason=ibis.coalesce(joined.reason, joined.reason_right),
        team=ibis.coalesce(joined.team, joined.team_right),
        **{
            name: joined[name].fill_null(0)
            for days in SOON
            for name in (f"closures_{days}", f"reopened_{days}")
        },
    )
    return out.mutate(
        **{
            f"share_{days}": (out[f"closures_{days}"] > 0).ifelse(
                out[f"reopened_{days}"].cast("float64") / out[f"closures_{days}"],
                ibis.null("float64"),
            )
            for days in SOON
        }
    )
