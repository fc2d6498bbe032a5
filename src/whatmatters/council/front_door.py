"""The front door: contacts, in the person's words, and failure demand.

Value demand is a person asking for help (or for information). Failure demand
is caused by the system not doing something, or not doing it right: chasing
while waiting, repeating the story after a handoff, coming back because what
mattered was not achieved, wrong information, a service that does not fit.
Each failure contact here comes from a named mechanism with a rate, so its
volume follows from how the system works rather than being drawn as a share.
"""

from __future__ import annotations

import numpy as np

from whatmatters.council.codes import DemandReason, RouteOfAccess
from whatmatters.council.context import Context
from whatmatters.council.phrases import failure_group
from whatmatters.council.rows import Coded, vocabulary
from whatmatters.council.staff import TEAMS
from whatmatters.journal.schema import DemandType, Kind

CHANNELS = ("phone", "email", "online", "letter", "in person")
CONTACT_FROM = ("person", "family", "friend", "professional")
PROFESSIONAL = CONTACT_FROM.index("professional")
REASONS = vocabulary(DemandReason)
REASON_CODE = {reason: i for i, reason in enumerate(DemandReason)}


def _words(ctx: Context, codes: np.ndarray) -> Coded:
    return Coded(codes, ctx.phrases.vocabulary)


def _channel(ctx: Context, n: int) -> Coded:
    return Coded(ctx.choose(ctx.p.demand.channel_mix, n), CHANNELS)


def approach(returning: np.ndarray, return_reason: np.ndarray) -> dict[str, Coded]:
    """Why a person came: value demand, or failure demand with its reason for a return.

    The contact that opens a request and the request itself are one approach
    (decision 49): both rows say the same, so a request read without its
    contact (a journal with no contacts, or one opened later) is never
    "unknown" demand.
    """
    return {
        "demand_type": Coded(np.where(returning, 1, 0), (DemandType.VALUE, DemandType.FAILURE)),
        "demand_reason": Coded(np.where(returning, return_reason, -1), REASONS),
    }


def request_contacts(
    ctx: Context,
    person: np.ndarray,
    day: np.ndarray,
    hospital: np.ndarray,
    returning: np.ndarray,
    return_reason: np.ndarray,
    team: np.ndarray,
    worker: np.ndarray,
) -> None:
    """The contact that opens each request: a new need, a hospital referral or a return."""
    n = len(person)
    from_ = ctx.choose(ctx.p.demand.contact_from_mix, n)
    from_ = np.where(hospital, PROFESSIONAL, from_)
    words = np.where(
        hospital,
        ctx.phrases.pick(ctx.rng, "hospital", n),
        ctx.phrases.pick(ctx.rng, "need", n),
    )
    groups = [failure_group(r) for r in DemandReason]
    failure_words = ctx.phrases.pick_by(ctx.rng, groups, np.maximum(return_reason, 0))
    words = np.where(returning, failure_words, words)
    ctx.rows.add(
        Kind.CONTACT,
        person,
        day,
        activity="Contact",
        team=Coded(team, TEAMS),
        worker=Coded(worker, ctx.staff.names),
        channel=_channel(ctx, n),
        contact_from=Coded(from_, CONTACT_FROM),
        resolved_first_point=np.zeros(n, dtype=np.int8),
        words=_words(ctx, words),
        words_by="person",
        route_of_access=Coded(
            np.where(hospital, 1, 0), (RouteOfAccess.COMMUNITY, RouteOfAccess.HOSPITAL)
        ),
        **approach(returning, return_reason),
    )


def advice_contacts(ctx: Context, person: np.ndarray, day: np.ndarray, team: np.ndarray) -> None:
    """Asking for information or advice, resolved at the first point of contact."""
    n = len(person)
    ctx.rows.add(
        Kind.CONTACT,
        person,
        day,
        activity="Contact",
        team=Coded(team, TEAMS),
        worker=Coded(ctx.staff.draw(ctx.rng, team), ctx.staff.names),
        channel=_channel(ctx, n),
        contact_from=Coded(ctx.choose(ctx.p.demand.contact_from_mix, n), CONTACT_FROM),
        demand_type=DemandType.VALUE,
        resolved_first_point=np.ones(n, dtype=np.int8),
        words=_words(ctx, ctx.phrases.pick(ctx.rng, "advice", n)),
        words_by="person",
    )


def failure_contacts(
    ctx: Context,
    person: np.ndarray,
    day: np.ndarray,
    reason: DemandReason,
    team: np.ndarray,
    worker: np.ndarray | None = None,
) -> None:
    """One failure-demand contact per element (the caller decides how many)."""
    n = len(person)
    if n == 0:
        return
    if worker is None:
        worker = ctx.staff.draw(ctx.rng, team)
    from_ = ctx.choose(ctx.p.demand.contact_from_mix, n)
    from_ = np.where(from_ == PROFESSIONAL, 0, from_)  # failure calls come from people
    ctx.rows.add(
        Kind.CONTACT,
        person,
        day,
        activity="Contact",
        team=Coded(team, TEAMS),
        worker=Coded(worker, ctx.staff.names),
        channel=_channel(ctx, n),
        contact_from=Coded(from_, CONTACT_FROM),
        demand_type=DemandType.FAILURE,
        demand_reason=reason,
        resolved_first_point=np.zeros(n, dtype=np.int8),
        words=_words(ctx, ctx.phrases.pick(ctx.rng, failure_group(reason), n)),
        words_by="person",
    )


def chasing(
    ctx: Context,
    person: np.ndarray,
    wait_from: np.ndarray,
    wait_to: np.ndarray,
    team: np.ndarray,
    worker: np.ndarray | None = None,
) -> None:
    """Chasing contacts while a person waits: Poisson at a rate a week of waiting."""
    fd = ctx.p.failure_demand
    weeks = np.maximum(wait_to - wait_from, 0) / 7
    count = ctx.rng.poisson(fd.scale * fd.chase_per_week_waiting * weeks)
    which = np.repeat(np.arange(len(person)), count)
    day = wait_from[which] + ctx.rng.random(len(which)) * (wait_to - wait_from)[which]
    failure_contacts(
        ctx,
        person[which],
        day,
        DemandReason.CHASING,
        team[which],
        None if worker is None else worker[which],
    )


def repeat_story(
    ctx: Context, person: np.ndarray, day: np.ndarray, team: np.ndarray, worker: np.ndarray
) -> None:
    """After each handoff or new assessor, the person may call to tell their story again."""
    fd = ctx.p.failure_demand
    calls = ctx.chance(min(1.0, fd.scale * fd.repeat_story_per_handoff), len(person))
    later = day + 1 + ctx.rng.random(len(person)) * 6
    failure_contacts(
        ctx, person[calls], later[calls], DemandReason.REPEATING_STORY, team[calls], worker[calls]
    )
