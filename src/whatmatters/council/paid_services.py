"""Paid services a request leads to, and the referrals they need.

The sequel drawn for a need decides the service: equipment or day support
(ongoing low-level), a short care-home stay (other short-term), reablement
(ST-Max; ``st_max_to_long_term`` of people then go on to long-term support
after an assessment), long-term support in the entry mix of settings (less
``network_hours_cover`` of home-care hours; ``residential_diversion`` keeps
some people at home), or an end-of-life package.
"""

from __future__ import annotations

import numpy as np

from whatmatters.council.case import Requests, Teams
from whatmatters.council.codes import (
    ELIGIBLE_NEEDS,
    METHOD_OF_ASSESSMENT,
    Activity,
    AssessmentType,
    EventOutcome,
    Sequel,
    Setting,
    Team,
)
from whatmatters.council.context import Context
from whatmatters.council.derived import long_term_entry_shares
from whatmatters.council.long_term import LongTermSupport
from whatmatters.council.parameters import Mechanisms
from whatmatters.council.referrals import pass_along
from whatmatters.council.rows import Coded, vocabulary
from whatmatters.council.service_rows import (
    DAY_SUPPORT,
    EQUIPMENT,
    REABLEMENT,
    SHORT_STAY,
    ServiceKind,
    home_care_hours,
    short_term_service,
)
from whatmatters.council.staff import TEAM_CODE, TEAMS
from whatmatters.journal.schema import Kind

# Teams a case may be passed among beyond what its path needs (sorted codes).
HANDOFF_POOL = np.sort(
    np.array(
        [
            TEAM_CODE[t]
            for t in (
                Team.ASSESSMENT,
                Team.OCCUPATIONAL_THERAPY,
                Team.BROKERAGE,
                Team.LONG_TERM,
                Team.REVIEW,
            )
        ]
    )
)
OUTCOMES = vocabulary(EventOutcome)
_NONE = -1


def outcome_code(outcome: EventOutcome) -> int:
    """An outcome's position in ``OUTCOMES``."""
    return OUTCOMES.index(outcome.value)


def service_referrals(
    ctx: Context,
    t: Teams,
    r: Requests,
    paid: np.ndarray,
    sequel: np.ndarray,
    decision: np.ndarray,
    service_start: np.ndarray,
    m: Mechanisms,
) -> None:
    """The referrals a service needs: to reablement, or (functional teams) OT or brokerage."""
    s = sequel[paid]
    reablement = np.where(s == Sequel.ST_MAX, TEAM_CODE[Team.REABLEMENT], _NONE)
    if m.neighbourhood_team:
        waypoints = [reablement]
    else:
        first = np.select(
            [s == Sequel.ONGOING_LOW_LEVEL, s == Sequel.ST_MAX],
            [TEAM_CODE[Team.OCCUPATIONAL_THERAPY], TEAM_CODE[Team.REABLEMENT]],
            TEAM_CODE[Team.BROKERAGE],
        )
        long_term = np.where(
            (s == Sequel.LONG_TERM) | (s == Sequel.END_OF_LIFE), TEAM_CODE[Team.LONG_TERM], _NONE
        )
        waypoints = [first, long_term]
    pass_along(
        ctx,
        t.crew.subset(paid),
        r.person[paid],
        t.hold[paid],
        np.zeros(int(paid.sum()), dtype=np.int64),
        HANDOFF_POOL,
        waypoints,
        decision[paid],
        service_start[paid],
        m.self_referral_share,
    )


def start_services(
    ctx: Context,
    support: LongTermSupport,
    t: Teams,
    r: Requests,
    sequel: np.ndarray,
    paid: np.ndarray,
    start: np.ndarray,
    set_up: np.ndarray,
    m: Mechanisms,
) -> np.ndarray:
    """Start each paid service; returns the day each case's set-up is complete."""
    rng, sv = ctx.rng, ctx.p.services
    set_up = set_up.copy()
    exit_day = ctx.people.exit_day[r.person]
    alive = start < np.minimum(exit_day, ctx.horizon)

    low = np.flatnonzero(paid & alive & (sequel == Sequel.ONGOING_LOW_LEVEL))
    equipment = ctx.chance(sv.low_level["equipment_share"], len(low))
    for kind, mask, length in (
        (EQUIPMENT, equipment, np.zeros(len(low))),
        (DAY_SUPPORT, ~equipment, rng.exponential(sv.low_level["days"], len(low))),
    ):
        w = low[mask]
        _short_term(ctx, kind, r.person[w], start[w], start[w] + length[mask])

    w = np.flatnonzero(paid & alive & (sequel == Sequel.OTHER_SHORT_TERM))
    _short_term(
        ctx,
        SHORT_STAY,
        r.person[w],
        start[w],
        start[w] + ctx.gamma_days(sv.other_short_term_days, len(w)),
    )

    w = np.flatnonzero(paid & alive & (sequel == Sequel.ST_MAX))
    set_up[w] = _reablement(ctx, support, t, r.person[w], start[w], w, m)

    w = np.flatnonzero(paid & alive & (sequel == Sequel.LONG_TERM))
    _long_term(ctx, support, r.person[w], start[w], m)

    w = np.flatnonzero(paid & alive & (sequel == Sequel.END_OF_LIFE))
    k = len(w)
    support.start(
        r.person[w],
        start[w],
        np.full(k, Setting.COMMUNITY),
        home_care_hours(ctx, k, 0.0),
        support.delivery_mix(k),
        end_of_life=np.ones(k, dtype=bool),
    )
    return set_up


def _ending(ctx: Context, person: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, Coded]:
    """A short-term service's end and outcome, cut short by the person leaving."""
    people = ctx.people
    exit_day = people.exit_day[person]
    cut = exit_day < end
    outcome = np.where(
        cut,
        np.where(
            people.exit_death[person],
            outcome_code(EventOutcome.NFA_DECEASED),
            outcome_code(EventOutcome.NFA_MOVED),
        ),
        outcome_code(EventOutcome.NFA_ENDED_AS_PLANNED),
    )
    end = np.minimum(end, exit_day)
    outcome = np.where(end >= ctx.horizon, outcome_code(EventOutcome.CONTINUATION), outcome)
    return end, Coded(outcome, OUTCOMES)


def _short_term(
    ctx: Context, kind: ServiceKind, person: np.ndarray, start: np.ndarray, end: np.ndarray
) -> None:
    end, outcome = _ending(ctx, person, end)
    short_term_service(ctx, kind, person, start, end, outcome)


def _reablement(
    ctx: Context,
    support: LongTermSupport,
    t: Teams,
    person: np.ndarray,
    start: np.ndarray,
    which: np.ndarray,
    m: Mechanisms,
) -> np.ndarray:
    """Reablement; some go on to long-term support after an assessment. Returns set-up end."""
    sv, rng = ctx.p.services, ctx.rng
    k = len(person)
    end = start + np.minimum(ctx.gamma_days(sv.st_max_days["mean"], k), sv.st_max_days["max"])
    end, outcome = _ending(ctx, person, end)
    onward = ctx.chance(sv.st_max_to_long_term, k) & (
        end < np.minimum(ctx.people.exit_day[person], ctx.horizon)
    )
    outcome.codes[onward] = outcome_code(EventOutcome.PROGRESS_SERVICES)
    short_term_service(ctx, REABLEMENT, person, start, end, outcome)
    o = np.flatnonzero(onward)
    team = t.hold[which[o]]
    assessed_from = np.maximum(start[o], end[o] - rng.uniform(3, 10, len(o)))
    ctx.rows.add(
        Kind.ASSESSMENT,
        person[o],
        assessed_from,
        end[o],
        activity=Activity.ELIGIBILITY if m.conversation_first else Activity.ASSESSMENT,
        team=Coded(team, TEAMS),
        worker=Coded(t.crew.worker(team, which[o]), ctx.staff.names),
        outcome=EventOutcome.PROGRESS_SERVICES,
        assessment_type=AssessmentType.LONG_TERM,
        eligible_needs_identified=ELIGIBLE_NEEDS[0],
        method_of_assessment=METHOD_OF_ASSESSMENT,
    )
    long_start = end[o] + rng.uniform(0, 2, len(o))
    _long_term(ctx, support, person[o], long_start, m)
    set_up = end.copy()
    set_up[o] = long_start
    return set_up


def _long_term(
    ctx: Context, support: LongTermSupport, person: np.ndarray, start: np.ndarray, m: Mechanisms
) -> None:
    """Long-term support in the entry mix of settings; some care-home moves diverted home."""
    k = len(person)
    live = start < np.minimum(ctx.people.exit_day[person], ctx.horizon)
    setting = ctx.rng.choice(len(Setting), size=k, p=long_term_entry_shares(ctx.p))
    diverted = (setting != Setting.COMMUNITY) & ctx.chance(m.residential_diversion, k)
    setting = np.where(diverted, Setting.COMMUNITY, setting)
    hours = home_care_hours(ctx, k, m.network_hours_cover)
    support.start(
        person[live], start[live], setting[live], hours[live], support.delivery_mix(int(live.sum()))
    )
