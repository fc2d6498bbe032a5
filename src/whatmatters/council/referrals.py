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

    def subset(self, mask: np.ndarray) -> Crew:
        """The crew of the chosen requests only."""
        named = None if self.named is None else self.named[mask]
        return Crew(self.ctx, self.hold[mask], named)


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
    chain, length = _chains(ctx.rng, start_team, extras, pool, waypoints)
    case, frm, to, selfish = _referrals(ctx.rng, chain, length, self_share)
    if len(case):
        # Space each case's referrals evenly through its waiting time, in order.
        total = np.bincount(case, minlength=len(person))
        first = np.cumsum(total) - total
        seq = np.arange(len(case)) - first[case]
        day = t_from[case] + (seq + 1) / (total[case] + 1) * (t_to - t_from)[case]
        worker = crew.worker(frm, case)
        to_worker = np.where(selfish, worker, crew.worker(to, case))
        ctx.rows.add(
            Kind.REFERRAL,
            person[case],
            day,
            activity="Referral",
            team=Coded(frm, TEAMS),
            worker=Coded(worker, ctx.staff.names),
            to_team=Coded(to, TEAMS),
            to_worker=Coded(to_worker, ctx.staff.names),
            reason=Coded(np.where(selfish, 1, 0), (REFERRAL_REASON, SELF_REFERRAL_REASON)),
        )
        handed = ~selfish
        repeat_story(ctx, person[case][handed], day[handed], to[handed], to_worker[handed])
    return chain[np.arange(len(person)), length - 1]


def _chains(
    rng: np.random.Generator,
    start_team: np.ndarray,
    extras: np.ndarray,
    pool: np.ndarray,
    waypoints: list[np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """Each case's teams in order (padded with -1) and how many there are."""
    n = len(start_team)
    most = int(extras.max(initial=0))
    chain = np.full((n, 1 + most + len(waypoints)), -1, dtype=np.int64)
    chain[:, 0] = start_team
    current = np.asarray(start_team, dtype=np.int64).copy()
    length = np.ones(n, dtype=np.int64)
    rows = np.arange(n)
    steps = [pool[rng.integers(0, len(pool), n)] for _ in range(most)]
    for j, pick in enumerate(steps):
        go = extras > j
        # Never hand a case to the team that has it: take the pool's next team instead.
        pick = np.where(pick == current, pool[(np.searchsorted(pool, pick) + 1) % len(pool)], pick)
        chain[rows[go], length[go]] = pick[go]
        current = np.where(go, pick, current)
        length += go
    for waypoint in waypoints:
        go = (waypoint >= 0) & (waypoint != current)
        chain[rows[go], length[go]] = waypoint[go]
        current = np.where(go, waypoint, current)
        length += go
    return chain, length


def _referrals(
    rng: np.random.Generator, chain: np.ndarray, length: np.ndarray, self_share: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Referral rows of the chains: before each handoff, a geometric number of self-referrals.

    Returns case, from team, to team and whether it is a self-referral, ordered
    by case and then by step.
    """
    case, from_team, to_team, is_self = [], [], [], []
    for j in range(chain.shape[1] - 1):
        step = np.flatnonzero(length > j + 1)
        if self_share > 0:
            again = np.repeat(step, rng.geometric(1 - self_share, len(step)) - 1)
            case.append(again)
            from_team.append(chain[again, j])
            to_team.append(chain[again, j])
            is_self.append(np.ones(len(again), dtype=bool))
        case.append(step)
        from_team.append(chain[step, j])
        to_team.append(chain[step, j + 1])
        is_self.append(np.zeros(len(step), dtype=bool))
    if not case:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, empty, np.empty(0, dtype=bool)
    order = np.argsort(np.concatenate(case), kind="stable")  # the loop made them in step order
    return tuple(np.concatenate(parts)[order] for parts in (case, from_team, to_team, is_self))
