"""The menu index per team, before and after the change (the ``menu_by_team`` table).

The catalogue's menu index (``catalogue/menu.py``) is the whole council's,
per period; this table says which teams' plans reach beyond the menu of
paid services, and whether that changed: for plan actions, and for the
actions behind what matters achieved.
"""

from __future__ import annotations

import datetime as dt

import ibis
import ibis.expr.types as ir

from whatmatters.check.catalogue import Span
from whatmatters.check.catalogue.menu import achieved_actions, known_actions
from whatmatters.check.catalogue.periods import EPOCH
from whatmatters.check.expressions import day_number
from whatmatters.check.sides import AFTER, BEFORE, WHOLE

NO_TEAM = "(no team recorded)"


def compared_stretches(
    before: list[Span], after: list[Span], start: dt.date, end: dt.date
) -> dict[str, Span]:
    """The stretches the table compares: the periods before and after the change
    (``compare.before``, ``compare.after``), or the whole window if either is empty."""
    if before and after:
        return {
            BEFORE: Span(before[0].start, before[-1].stop),
            AFTER: Span(after[0].start, after[-1].stop),
        }
    return {WHOLE: Span(start, end + dt.timedelta(days=1))}


def by_team(events: ir.Table, stretches: dict[str, Span]) -> ir.Table:
    """Per stretch and team: plan actions, those by the person's own network, and the share;
    the same for the actions behind what matters achieved.

    Card — as the catalogue's two menu measures, an action counted in the
    stretch of its start (``actions``) or of the first achievement it served
    (``achieved_actions``), by the team recording the action. Unknowns: an
    action with no team shows as "(no team recorded)"; a share with no
    actions is empty.
    """
    known = known_actions(events)
    served = achieved_actions(events, known)
    known = known.mutate(_day=day_number(known.start), team=known.team.fill_null(NO_TEAM))
    served = served.join(known.select("event_id", "team"), "event_id")
    served = served.mutate(_day=served.achieved_day)
    rows = []
    for side, span in stretches.items():
        actions = _per_team(known, span, "")
        achieved = _per_team(served, span, "achieved_")
        joined = actions.outer_join(achieved, [actions.team == achieved.team])
        rows.append(
            joined.select(
                side=ibis.literal(side),
                team=ibis.coalesce(joined.team, joined.team_right),
                actions=joined.actions.fill_null(0),
                own_network=joined.own_network.fill_null(0),
                achieved_actions=joined.achieved_actions.fill_null(0),
                achieved_own_network=joined.achieved_own_network.fill_null(0),
            )
        )
    out = ibis.union(*rows)
    return out.mutate(
        share=_share(out.own_network, out.actions),
        achieved_share=_share(out.achieved_own_network, out.achieved_actions),
    )


def _per_team(actions: ir.Table, span: Span, prefix: str) -> ir.Table:
    """Per team, the ``actions`` whose ``_day`` falls in ``span`` and those by the own network."""
    first, stop = (span.start - EPOCH).days, (span.stop - EPOCH).days
    inside = actions.filter((actions._day >= first) & (actions._day < stop))
    return inside.group_by("team").agg(
        **{f"{prefix}actions": inside.count(), f"{prefix}own_network": inside.own.sum()}
    )


def _share(part: ir.IntegerValue, whole: ir.IntegerValue) -> ir.FloatingValue:
    return (whole > 0).ifelse(part.cast("float64") / whole, ibis.null("float64"))
