"""Referrals: the records that say work was passed on, and teams referring to themselves.

A *referral* is a row of kind referral from ``team`` to ``to_team`` (the
casework app's hand-off writes one; so do imported records). A team
referring to itself is a self-referral. A *handoff* (``handoffs``) is read
off the journey instead: the team changing between two steps.
"""

from __future__ import annotations

import ibis.expr.types as ir

from whatmatters.check.expressions import count_where
from whatmatters.journal.schema import Kind


def referrals(events: ir.Table) -> ir.Table:
    """Referrals between teams, self-referrals included.

    Card — numerator: referral rows from ``from_team`` to ``to_team``;
    ``self`` marks a team referring to itself. Prerequisites: rows of kind
    referral. Unknowns: a referral with no team or no receiving team is
    counted with that side empty.
    """
    t = events.filter(events.kind == Kind.REFERRAL.value)
    counted = t.group_by(from_team=t.team, to_team=t.to_team).agg(referrals=t.count())
    return counted.mutate(same=(counted.from_team == counted.to_team).fill_null(False))


def self_referral_rates(events: ir.Table) -> ir.Table:
    """How often each team refers to itself.

    Card — numerator: referrals a team made to itself (``to_team`` equal to
    ``team``); denominator: all referrals the team made. Prerequisites:
    referral rows with a team. Unknowns: referrals with no receiving team
    count in the denominator only.
    """
    t = events.filter((events.kind == Kind.REFERRAL.value) & events.team.notnull())
    rates = t.group_by("team").agg(
        referrals=t.count(), self_referrals=count_where(t.to_team == t.team)
    )
    return rates.mutate(share=rates.self_referrals.cast("float64") / rates.referrals)
