"""The model's clock: needs arising, requests, returns and the end of support, per chunk.

Each person's needs arise as a Poisson process (yearly rate by age band, see
``need_rates_per_year``). The loop below advances every person at once to
their next request — the next need arising after their last case closed, or
their return if what mattered was not achieved — so there is one pass per
request a person makes, not per event: each pass is vectorised over all the
people who have a request then. Long-term support that ends before a
person's next request is written out first (deaths and moves end a person's
story). Needs that arise while a case is still open are part of that case.
"""

from __future__ import annotations

import numpy as np

from whatmatters.council.codes import DemandReason, Team
from whatmatters.council.context import Context
from whatmatters.council.derived import need_rates_per_year, requests_per_need
from whatmatters.council.front_door import REASON_CODE, advice_contacts
from whatmatters.council.long_term import LongTermSupport
from whatmatters.council.pathways import Requests, handle_requests
from whatmatters.council.people import DAYS_PER_YEAR
from whatmatters.council.staff import TEAM_CODE


class Needs:
    """Needs arising while each person lives here: one sorted list for the chunk."""

    def __init__(self, owner: np.ndarray, when: np.ndarray, horizon: float) -> None:
        order = np.lexsort((when, owner))
        self.owner, self.when = owner[order], when[order]
        self.stride = horizon + 1.0  # a key orders needs by person, then day
        self.key = self.owner * self.stride + self.when

    @classmethod
    def arising(cls, ctx: Context, rates: np.ndarray, present: np.ndarray) -> Needs:
        """A Poisson process per person at their yearly ``rates`` over their years ``present``."""
        count = ctx.rng.poisson(rates * present)
        owner = np.repeat(np.arange(len(count)), count)
        offset = ctx.rng.random(len(owner)) * present[owner] * DAYS_PER_YEAR
        return cls(owner, ctx.people.arrival_day[owner] + offset, ctx.horizon)

    def any(self, n: int) -> np.ndarray:
        """Whether each of ``n`` people has any need at all."""
        return np.bincount(self.owner, minlength=n) > 0

    def next_after(self, person: np.ndarray, after: np.ndarray) -> np.ndarray:
        """The day each person's next need arises after ``after`` (inf: none)."""
        if len(self.owner) == 0:
            return np.full(len(person), np.inf)
        target = person * self.stride + after
        pos = np.minimum(np.searchsorted(self.key, target, side="right"), len(self.owner) - 1)
        found = (self.owner[pos] == person) & (self.when[pos] > after)
        return np.where(found, self.when[pos], np.inf)


def simulate(ctx: Context) -> LongTermSupport:
    """Run one chunk of people through the whole run, adding their rows to ``ctx.rows``."""
    people, rng, p = ctx.people, ctx.rng, ctx.p
    n = len(people)
    rates = need_rates_per_year(p)[people.band]
    present = people.years_present(ctx.horizon)

    needs = Needs.arising(ctx, rates, present)
    support = LongTermSupport(ctx)
    stock = p.services.lts_setting_shares
    support.seed_stock(
        rates, np.array([stock["community"], stock["residential"], stock["nursing"]])
    )
    _advice(ctx, rates * present * requests_per_need(p) * p.demand.advice_contacts_per_request)

    free_at = np.zeros(n)  # needs arising before this day join the open case
    return_at = np.full(n, np.inf)
    return_reason = np.full(n, -1, dtype=np.int64)
    active = np.flatnonzero(needs.any(n) | support.on)
    while len(active):
        next_need = needs.next_after(active, free_at[active])
        day = np.minimum(next_need, return_at[active])
        returning = return_at[active] <= next_need

        _flush_ended(support, active, np.minimum(day, ctx.horizon))
        now = day < np.minimum(people.exit_day[active], ctx.horizon)
        if not now.any():
            break
        person = active[now]
        closed = handle_requests(
            ctx,
            support,
            Requests(
                person=person,
                day=day[now],
                hospital=ctx.chance(p.demand.hospital_route_share, len(person)),
                returning=returning[now],
                return_reason=np.where(returning[now], return_reason[person], -1),
            ),
        )
        free_at[person] = np.maximum(closed.close, day[now] + 1e-6)
        back = ~closed.achieved & ctx.chance(p.demand.return_if_not_achieved, len(person))
        delay = rng.uniform(
            p.demand.return_delay_days["low"], p.demand.return_delay_days["high"], len(person)
        )
        return_at[person] = np.where(back, closed.close + delay, np.inf)
        return_reason[person] = np.where(
            closed.signposted,
            REASON_CODE[DemandReason.WRONG_INFORMATION],
            REASON_CODE[DemandReason.RE_REFERRAL],
        )
        active = person
    # Write out all remaining support (its end may start a care-home placement: repeat).
    while support.on.any():
        support.flush(np.flatnonzero(support.on))
    return support


def _flush_ended(support: LongTermSupport, person: np.ndarray, until: np.ndarray) -> None:
    """Write out support that ends before each person's next request (and what follows it)."""
    while True:
        ended = support.on[person] & (support.ends(person) <= until)
        if not ended.any():
            return
        support.flush(person[ended])


def _advice(ctx: Context, expected: np.ndarray) -> None:
    """Contacts asking for information or advice, answered at once (``expected`` per person)."""
    rng, people = ctx.rng, ctx.people
    count = rng.poisson(expected)
    person = np.repeat(np.arange(len(count)), count)
    span = np.minimum(people.exit_day, ctx.horizon) - people.arrival_day
    day = people.arrival_day[person] + rng.random(len(person)) * span[person]
    team = np.where(
        ctx.what_matters_at(day), ctx.local_team(person), TEAM_CODE[Team.CONTACT_CENTRE]
    )
    advice_contacts(ctx, person, day, team)
