"""What happens to a request, under either design.

One path serves both designs: every difference between them is a named
mechanism of ``Mechanisms`` (see parameters.toml). For a new client the path is

1. the contact that opens the request (after a hospital stay for discharges);
2. the need's sequel drawn from the published mix (universal services,
   no services, low-level, reablement, other short-term, long-term, end of
   life); with chance ``network_met`` the need is met through a conversation
   and the person's own network instead, with no paid service;
3. a first response after ``first_response_days`` — under
   ``conversation_first`` a conversation recording what matters;
4. handoffs (``extra_handoffs``, ``self_referral_share``) and assessments
   (``reassessments``, ``assessment_days``) where the path needs them;
5. the paid service the sequel calls for: reablement (then long-term support
   for ``st_max_to_long_term`` of people), a short care-home stay, equipment
   or day support, long-term support (less ``network_hours_cover`` of
   home-care hours; ``residential_diversion`` keeps some people at home);
6. closure after set-up, or follow-through for ``follow_through_days`` until
   the person says what matters is achieved. What matters is achieved with
   chance ``achieved``; if not, the person may come back (see simulate.py).

A person already in long-term support follows a shorter path: a review of
their support, which may change their package.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from whatmatters.council.case import Requests, Teams
from whatmatters.council.codes import (
    ELIGIBLE_NEEDS,
    METHOD_OF_ASSESSMENT,
    Activity,
    AssessmentType,
    ClosureReason,
    EventOutcome,
    ReviewReason,
    RouteOfAccess,
    Sequel,
    Setting,
    Team,
)
from whatmatters.council.context import Context
from whatmatters.council.front_door import approach, chasing, repeat_story, request_contacts
from whatmatters.council.long_term import LongTermSupport, hospital_stays
from whatmatters.council.paid_services import (
    HANDOFF_POOL,
    OUTCOMES,
    outcome_code,
    service_referrals,
    start_services,
)
from whatmatters.council.parameters import Mechanisms
from whatmatters.council.referrals import Crew, pass_along
from whatmatters.council.rows import Coded, coded, vocabulary
from whatmatters.council.service_rows import home_care_hours
from whatmatters.council.staff import TEAM_CODE, TEAMS
from whatmatters.council.targets import meet_target
from whatmatters.council.what_matters import Outcomes
from whatmatters.journal.schema import Kind

_REVIEW_REASONS = vocabulary(ReviewReason)


@dataclass
class Closed:
    """How each request ended."""

    close: np.ndarray  # the day the case closed
    achieved: np.ndarray  # what matters to the person was achieved
    signposted: np.ndarray  # closed with information only, no conversation


def handle_requests(ctx: Context, support: LongTermSupport, requests: Requests) -> Closed:
    """Run every request down its design's path; requests of one person never overlap."""
    n = len(requests)
    closed = Closed(np.zeros(n), np.zeros(n, dtype=bool), np.zeros(n, dtype=bool))
    existing = support.in_support(requests.person, requests.day)
    what_matters = ctx.what_matters_at(requests.day)
    for design, mechanisms in ((~what_matters, ctx.p.menu), (what_matters, ctx.p.what_matters)):
        for path, mask in (
            (_new_client, design & ~existing),
            (_existing_client, design & existing),
        ):
            if mask.any():
                result = path(ctx, support, requests.subset(mask), mechanisms)
                closed.close[mask] = result.close
                closed.achieved[mask] = result.achieved
                closed.signposted[mask] = result.signposted
    return closed


def _teams(ctx: Context, r: Requests, m: Mechanisms, functional_hold: Team) -> Teams:
    n = len(r)
    local = ctx.local_team(r.person)
    if m.neighbourhood_team:
        hold, front = local, local
    else:
        hold = np.full(n, TEAM_CODE[functional_hold])
        front = np.full(n, TEAM_CODE[Team.CONTACT_CENTRE])
    front = np.where(r.hospital, TEAM_CODE[Team.HOSPITAL_DISCHARGE], front)
    named = ctx.staff.named(hold, ctx.people.first + r.person) if m.same_worker else None
    return Teams(front, hold, Crew(ctx, hold, named))


def _front_door(ctx: Context, r: Requests, t: Teams) -> None:
    sv = ctx.p.services
    h = r.hospital
    admitted = r.day[h] - 1 - ctx.rng.exponential(sv.hospital_stay_days - 1, int(h.sum()))
    hospital_stays(ctx, r.person[h], admitted, r.day[h])
    request_contacts(
        ctx, r.person, r.day, h, r.returning, r.return_reason, t.front, t.crew.worker(t.front)
    )


def _request_rows(
    ctx: Context, r: Requests, t: Teams, end: np.ndarray, outcome: np.ndarray
) -> None:
    ctx.rows.add(
        Kind.REQUEST,
        r.person,
        r.day,
        end,
        activity=Activity.REQUEST,
        team=Coded(t.front, TEAMS),
        worker=Coded(t.crew.worker(t.front), ctx.staff.names),
        outcome=Coded(outcome, OUTCOMES),
        route_of_access=Coded(
            r.hospital.astype(np.int64), (RouteOfAccess.COMMUNITY, RouteOfAccess.HOSPITAL)
        ),
        **approach(r.returning, r.return_reason),
    )


def _closures(
    ctx: Context, person: np.ndarray, day: np.ndarray, team: np.ndarray, crew: Crew, reason: Coded
) -> None:
    ctx.rows.add(
        Kind.CLOSURE,
        person,
        day,
        activity=Activity.CLOSURE,
        team=Coded(team, TEAMS),
        worker=Coded(crew.worker(team), ctx.staff.names),
        reason=reason,
    )


# --- a new client -------------------------------------------------------------------


@dataclass
class _Needs:
    """What each request's need calls for."""

    sequel: np.ndarray  # Sequel drawn from the published mix
    met: np.ndarray  # met through information or the person's own network: no paid service
    no_services: np.ndarray
    paid: np.ndarray  # a paid service follows
    reablement: np.ndarray
    assessed: np.ndarray  # an assessment (or eligibility assessment) is needed


def _needs(ctx: Context, n: int, m: Mechanisms) -> _Needs:
    d = ctx.p.demand
    sequel = ctx.choose(d.sequel_mix, n)
    met = ctx.chance(m.by_sequel("network_met")[sequel], n) | (sequel == Sequel.UNIVERSAL)
    no_services = ~met & (sequel == Sequel.NO_SERVICES)
    paid = ~met & (sequel >= Sequel.ONGOING_LOW_LEVEL)
    reablement = paid & (sequel == Sequel.ST_MAX)
    assessed = (paid & ~reablement) | (no_services & ctx.chance(d.no_services_assessed, n))
    return _Needs(sequel, met, no_services, paid, reablement, assessed)


def _new_client(ctx: Context, support: LongTermSupport, r: Requests, m: Mechanisms) -> Closed:
    n, rng = len(r), ctx.rng
    t = _teams(ctx, r, m, Team.ASSESSMENT)
    _front_door(ctx, r, t)
    need = _needs(ctx, n, m)

    # First response: signposted on the spot, or after a wait (a conversation first).
    quick = need.met & (not m.conversation_first)
    request_end = r.day + np.where(
        quick, rng.uniform(0, 2, n), ctx.gamma_days(m.first_response_days, n)
    )
    outcomes = None
    if m.conversation_first:
        outcomes = Outcomes(ctx, r.person, request_end, t.hold, t.crew.worker(t.hold))
    beyond = ~quick & (need.assessed | need.reablement | bool(m.conversation_first))
    _to_holding_team(ctx, t, r, beyond, request_end, m)

    decision = request_end.copy()
    if need.assessed.any():
        last_outcome = np.where(
            need.no_services,
            outcome_code(EventOutcome.NFA_NO_SERVICES),
            outcome_code(EventOutcome.PROGRESS_SERVICES),
        )
        decision[need.assessed] = _assessments(
            ctx, t, need.assessed, r.person, request_end, last_outcome, m
        )
    service_start = decision + rng.uniform(0, 3, n)
    service_referrals(ctx, t, r, need.paid, need.sequel, decision, service_start, m)
    if not m.conversation_first:
        _support_plans(ctx, t, r.person, decision, need.paid)
    waited_until = np.where(need.paid, service_start, decision)
    chasing(ctx, r.person, r.day, waited_until, t.front)
    set_up = start_services(
        ctx, support, t, r, need.sequel, need.paid, service_start, waited_until, m
    )

    reason = np.select([need.met, need.no_services], [_SIGNPOSTED, _NO_SERVICES], _SERVICE_SET_UP)
    achieved = ctx.chance(m.by_sequel("achieved")[need.sequel], n)
    close = _close(ctx, r, t, m, outcomes, request_end, set_up, achieved, need.paid, reason)
    request_outcome = np.select(
        [need.met, need.reablement, need.assessed],
        [
            outcome_code(EventOutcome.NFA_INFORMATION),
            outcome_code(EventOutcome.PROGRESS_REABLEMENT),
            outcome_code(EventOutcome.PROGRESS_ASSESSMENT),
        ],
        outcome_code(EventOutcome.NFA_NO_SERVICES),
    )
    _request_rows(ctx, r, t, request_end, request_outcome)
    return Closed(close, achieved, quick)


_CLOSURE_REASONS = list(ClosureReason)
_SIGNPOSTED = _CLOSURE_REASONS.index(ClosureReason.SIGNPOSTED)
_NO_SERVICES = _CLOSURE_REASONS.index(ClosureReason.NO_SERVICES)
_SERVICE_SET_UP = _CLOSURE_REASONS.index(ClosureReason.SERVICE_SET_UP)
_ACHIEVED = _CLOSURE_REASONS.index(ClosureReason.ACHIEVED)
_NOT_ACHIEVED = _CLOSURE_REASONS.index(ClosureReason.NOT_ACHIEVED)


def _to_holding_team(
    ctx: Context, t: Teams, r: Requests, which: np.ndarray, by: np.ndarray, m: Mechanisms
) -> None:
    """Pass the chosen cases from the front door to the holding team by day ``by``."""
    extras = np.where(which, ctx.rng.poisson(m.extra_handoffs, len(r)), 0)
    pass_along(
        ctx,
        t.crew.subset(which),
        r.person[which],
        t.front[which],
        extras[which],
        HANDOFF_POOL,
        [t.hold[which]],
        r.day[which],
        by[which],
        m.self_referral_share,
    )


def _support_plans(
    ctx: Context, t: Teams, person: np.ndarray, day: np.ndarray, paid: np.ndarray
) -> None:
    """The menu's support plan: written by the worker when services are arranged."""
    ctx.rows.add(
        Kind.PLAN,
        person[paid],
        day[paid],
        activity=Activity.SUPPORT_PLAN,
        team=Coded(t.hold[paid], TEAMS),
        worker=Coded(t.crew.worker(t.hold[paid], np.flatnonzero(paid)), ctx.staff.names),
        words_by="worker",
    )


def _close(
    ctx: Context,
    r: Requests,
    t: Teams,
    m: Mechanisms,
    outcomes: Outcomes | None,
    conversation: np.ndarray,
    set_up: np.ndarray,
    achieved: np.ndarray,
    paid: np.ndarray,
    reason: np.ndarray,
) -> np.ndarray:
    """Close each case: after set-up, or after following through. Returns the close day.

    Under follow-through the closure says whether what matters was achieved,
    as the person rated it; otherwise it says how the case was dealt with
    (``reason``, ClosureReason positions).
    """
    n = len(r)
    follow = m.follow_through_days > 0
    wait = ctx.gamma_days(m.follow_through_days, n) if follow else ctx.rng.uniform(0, 7, n)
    close = set_up + wait
    if outcomes is not None:
        outcomes.plan(conversation, close, paid)
        if follow:
            outcomes.follow_through(conversation, close, achieved)
    if follow:
        reason = np.where(achieved, _ACHIEVED, _NOT_ACHIEVED)
    _closures(ctx, r.person, close, t.hold, t.crew, coded(ClosureReason, reason))
    return close


def _assessments(
    ctx: Context,
    t: Teams,
    assessed: np.ndarray,
    person: np.ndarray,
    request_end: np.ndarray,
    last_outcome: np.ndarray,
    m: Mechanisms,
) -> np.ndarray:
    """An assessment, then ``reassessments`` more, back to back; returns the decision day."""
    rng = ctx.rng
    which = np.flatnonzero(assessed)
    k = len(which)
    count = 1 + rng.poisson(m.reassessments, k)
    start = request_end[which] + rng.uniform(0, 3, k)
    end = start.copy()
    for j in range(int(count.max(initial=0))):
        live = np.flatnonzero(count > j)
        if j > 0:
            start[live] = end[live] + rng.uniform(0, 3, len(live))
        mean = m.assessment_days if j == 0 else m.assessment_days / 2
        end[live] = meet_target(ctx, start[live], start[live] + ctx.gamma_days(mean, len(live)), m)
        last = count[live] == j + 1
        team = t.hold[which[live]]
        worker = t.crew.worker(team, which[live])
        ctx.rows.add(
            Kind.ASSESSMENT,
            person[which[live]],
            start[live],
            end[live],
            activity=(
                Activity.REASSESSMENT
                if j > 0
                else (Activity.ELIGIBILITY if m.conversation_first else Activity.ASSESSMENT)
            ),
            team=Coded(team, TEAMS),
            worker=Coded(worker, ctx.staff.names),
            outcome=Coded(
                np.where(
                    last, last_outcome[which[live]], outcome_code(EventOutcome.PROGRESS_ASSESSMENT)
                ),
                OUTCOMES,
            ),
            assessment_type=AssessmentType.LONG_TERM,
            eligible_needs_identified=Coded(
                (last_outcome[which[live]] == outcome_code(EventOutcome.NFA_NO_SERVICES)).astype(
                    np.int64
                ),
                ELIGIBLE_NEEDS,
            ),
            method_of_assessment=METHOD_OF_ASSESSMENT,
        )
        if j > 0:  # a new assessor: the person may have to tell the story again
            repeat_story(ctx, person[which[live]], start[live], team, worker)
    return end


# --- a person already in long-term support ------------------------------------------


def _existing_client(ctx: Context, support: LongTermSupport, r: Requests, m: Mechanisms) -> Closed:
    """A review of the person's support, which may change a home-care package."""
    n, rng = len(r), ctx.rng
    t = _teams(ctx, r, m, Team.LONG_TERM)
    _front_door(ctx, r, t)
    request_end = r.day + ctx.gamma_days(m.first_response_days, n)
    outcomes = None
    if m.conversation_first:
        outcomes = Outcomes(ctx, r.person, request_end, t.hold, t.crew.worker(t.hold))
    _to_holding_team(ctx, t, r, np.ones(n, dtype=bool), request_end, m)

    review_start = request_end + rng.uniform(0, 3, n)
    review_end = review_start + ctx.gamma_days(m.assessment_days, n)
    change = _review(ctx, support, t, r, review_start, review_end)
    if change.any():
        hours = home_care_hours(ctx, int(change.sum()), m.network_hours_cover)
        support.change(r.person[change], review_end[change], hours)
    chasing(ctx, r.person, r.day, review_start, t.front)

    achieved = ctx.chance(m.achieved[Sequel.LONG_TERM.key], n)
    reason = np.full(n, _SERVICE_SET_UP)
    close = _close(ctx, r, t, m, outcomes, request_end, review_end, achieved, change, reason)
    assessing = np.full(n, outcome_code(EventOutcome.PROGRESS_ASSESSMENT))
    _request_rows(ctx, r, t, request_end, assessing)
    return Closed(close, achieved, np.zeros(n, dtype=bool))


def _review(
    ctx: Context,
    support: LongTermSupport,
    t: Teams,
    r: Requests,
    start: np.ndarray,
    end: np.ndarray,
) -> np.ndarray:
    """An unplanned review; returns whose home-care package it changes."""
    n = len(r)
    ends = support.ends(r.person)
    at_home = (support.setting[r.person] == Setting.COMMUNITY) & ~support.end_of_life[r.person]
    change = (
        ctx.chance(ctx.p.demand.existing_client_change, n)
        & at_home
        & (end > support.start_day[r.person])
        & (end < np.minimum(ends, ctx.horizon))
    )
    unplanned = np.where(
        r.hospital,
        _REVIEW_REASONS.index(ReviewReason.UNPLANNED_HOSPITAL.value),
        _REVIEW_REASONS.index(ReviewReason.UNPLANNED_OTHER.value),
    )
    outcome = np.where(
        change,
        outcome_code(EventOutcome.PROGRESS_SERVICES),
        outcome_code(EventOutcome.CONTINUATION),
    )
    support.review_rows(
        r.person,
        start,
        end,
        Coded(unplanned, _REVIEW_REASONS),
        Coded(outcome, OUTCOMES),
        team=t.hold,
        worker=t.crew.worker(t.hold),
    )
    return change
