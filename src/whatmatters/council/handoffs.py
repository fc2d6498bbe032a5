"""Referrals: work passed from team to team, and teams referring to themselves.

A case moves along a chain of teams: where it starts, some extra handoffs
(Poisson, mean ``extra_handoffs``) among the teams of the design's pool, then
the waypoints its path needs (e.g. brokerage, then the long-term team). Before
each handoff, the team holding the case may first refer it to itself: each
referral row is a self-referral with chance ``self_referral_share`` (a
geometric number before every real handoff), so the share of self-referrals
among all referral rows is that parameter, a pattern planted at a known rate.
"""

from __future__ import annotations

import numpy as np

from whatmatters.council.codes import REFERRAL_REASON, SELF_REFERRAL_REASON
from whatmatters.council.context import Context
from whatmatters.council.front_door import repeat_story
from whatmatters.council.rows import Coded
from whatmatters.council.staff import TEAMS
from whatmatters.journal.schema import Kind


class Crew:
    """Who does a step: the named worker when the holding team does it, else anyone free."""

    def __init__(self, ctx: Context, hold: np.ndarray, named: np.ndarray | None) -> None:
        self.ctx, self.hold, self.named = ctx, hold, named

    def worker(self, team: np.ndarray, which: np.ndarray | None = None) -> np.ndarray:
        """Workers for steps by ``team`` (``which``: the requests they belong to)."""
        team = np.asarray(team, dtype=np.int64)
        drawn = self.ctx.staff.draw(self.ctx.rng, team)
        if self.named is None:
            return drawn
        hold = self.hold if which is None else self.hold[which]
        named = self.named if which is None else self.named[which]
        return np.where(team == hold, named, drawn)


def pass_along(
    ctx: Context,
    crew: Crew,
    person: np.ndarray,
    start_team: np.ndarray,
    extras: np.ndarray,
    pool: np.ndarray,
    waypoints: list[np.ndarray],
    t_from: np.ndarray,
    t_to: np.ndarray,
    self_share: float,
) -> np.ndarray:
    """Emit the referral rows of each case's chain between ``t_from`` and ``t_to``.

    Returns the team holding each case at the end. A waypoint of -1 is skipped,
    as is one equal to the team already holding the case.
    """
    n = len(person)
    rng = ctx.rng
    width = 1 + int(extras.max(initial=0)) + len(waypoints)
    chain = np.full((n, width), -1, dtype=np.int64)
    chain[:, 0] = start_team
    current = np.asarray(start_team, dtype=np.int64).copy()
    length = np.ones(n, dtype=np.int64)
    rows = np.arange(n)
    for j in range(int(extras.max(initial=0))):
        step = extras > j
        pick = pool[rng.integers(0, len(pool), n)]
        pick = np.where(pick == current, pool[(np.searchsorted(pool, pick) + 1) % len(pool)], pick)
        chain[rows[step], length[step]] = pick[step]
        current = np.where(step, pick, current)
        length += step
    for waypoint in waypoints:
        step = (waypoint >= 0) & (waypoint != current)
        chain[rows[step], length[step]] = waypoint[step]
        current = np.where(step, waypoint, current)
        length += step

    # Referral rows: before each handoff a geometric number of self-referrals.
    case, from_team, to_team, is_self = [], [], [], []
    for j in range(width - 1):
        step = np.flatnonzero(length > j + 1)
        if self_share > 0:
            selfs = rng.geometric(1 - self_share, len(step)) - 1
            s_case = np.repeat(step, selfs)
            case.append(s_case)
            from_team.append(chain[s_case, j])
            to_team.append(chain[s_case, j])
            is_self.append(np.ones(len(s_case), dtype=bool))
        case.append(step)
        from_team.append(chain[step, j])
        to_team.append(chain[step, j + 1])
        is_self.append(np.zeros(len(step), dtype=bool))
    if not case or sum(len(c) for c in case) == 0:
        return current
    case_ = np.concatenate(case)
    frm, to, selfish = np.concatenate(from_team), np.concatenate(to_team), np.concatenate(is_self)
    # Order each case's referrals (stable: the loop above made them in order) and space
    # them evenly through the case's waiting time.
    order = np.argsort(case_, kind="stable")
    case_, frm, to, selfish = case_[order], frm[order], to[order], selfish[order]
    total = np.bincount(case_, minlength=n)
    first = np.cumsum(total) - total
    seq = np.arange(len(case_)) - first[case_]
    day = t_from[case_] + (seq + 1) / (total[case_] + 1) * (t_to - t_from)[case_]
    worker = crew.worker(frm, case_)
    to_worker = np.where(selfish, worker, crew.worker(to, case_))
    ctx.rows.add(
        Kind.REFERRAL,
        person[case_],
        day,
        activity="Referral",
        team=Coded(frm, TEAMS),
        worker=Coded(worker, ctx.staff.names),
        to_team=Coded(to, TEAMS),
        to_worker=Coded(to_worker, ctx.staff.names),
        reason=Coded(np.where(selfish, 1, 0), (REFERRAL_REASON, SELF_REFERRAL_REASON)),
    )
    handed = ~selfish
    repeat_story(ctx, person[case_][handed], day[handed], to[handed], to_worker[handed])
    return current
