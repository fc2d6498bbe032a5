"""The people behind a figure: the pseudonymous person ids a count is made of.

A team's self-referrals or a point of repeat demand is a count of people's
records; these tables list whose (the journal's pseudonymous ``person_id``,
never a name), so an analyst can go from the figure to the records in
casework. The people behind each journey (variant) are in
``variant_people`` (``flow.person_variants``).
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from whatmatters.check.expressions import count_where
from whatmatters.check.repeat_demand import is_repeat
from whatmatters.check.window import Window, in_window
from whatmatters.journal.schema import Kind


def self_referral_people(events: ir.Table) -> ir.Table:
    """Who each team referred to itself: ``team``, ``person_id``, ``self_referrals``.

    Card — numerator: referral rows in the window from ``team`` to the same
    team, per person (the people behind ``self_referrals``' numerator).
    ``events``: the usable events in the window.
    """
    t = events.filter(
        (events.kind == Kind.REFERRAL.value)
        & events.team.notnull()
        & (events.to_team == events.team)
    )
    return t.group_by(["team", "person_id"]).agg(self_referrals=t.count())


def repeat_request_people(
    all_requests: ir.Table, window: Window, windows: tuple[int, ...]
) -> ir.Table:
    """Who came back, for each look-back: ``days``, ``person_id``, ``repeats``.

    Card — for each look-back N: the people with a request in the window
    that followed another of theirs within N days, and how many such
    requests (the people behind ``repeat_requests``' numerator).
    """
    t = in_window(all_requests, window)
    parts = []
    for days in windows:
        counted = t.group_by("person_id").agg(repeats=count_where(is_repeat(t, days)))
        parts.append(
            counted.filter(counted.repeats > 0).select(
                days=ibis.literal(days, "int64"),
                person_id=counted.person_id,
                repeats=counted.repeats,
            )
        )
    return ibis.union(*parts) if len(parts) > 1 else parts[0]
