"""What matters, in the person's words: conversations, outcomes, plans and actions.

Under the what-matters design the first step is a conversation. What matters
is recorded in the person's own words (OUTCOME rows, ``words_by`` person,
status ``working_on_it`` and the person's own rating), a co-produced plan
holds actions done by the person, family, friends, community or a paid
service, and the worker follows through: a progress row on the way and a
final row when the person says what matters is achieved (or it is not).
"""

from __future__ import annotations

import numpy as np

from whatmatters.council.codes import Activity
from whatmatters.council.context import Context
from whatmatters.council.phrases import action_group
from whatmatters.council.rows import Coded
from whatmatters.council.staff import TEAMS
from whatmatters.journal.schema import ActionBy, Kind, OutcomeStatus

_NETWORK = (
    ActionBy.SELF,
    ActionBy.FAMILY,
    ActionBy.FRIEND,
    ActionBy.COMMUNITY,
    ActionBy.UNPAID_CARER,
)
_ACTION_BY = tuple(a.value for a in ActionBy)
_STATUS = tuple(s.value for s in OutcomeStatus)


class Outcomes:
    """The things that matter recorded at a set of conversations."""

    def __init__(
        self,
        ctx: Context,
        person: np.ndarray,
        day: np.ndarray,
        team: np.ndarray,
        worker: np.ndarray,
    ) -> None:
        """Hold the conversations and record one to a few things that matter at each."""
        n = len(person)
        plans = ctx.p.plans.outcomes_per_conversation
        extra = np.minimum(ctx.rng.poisson(plans["mean_extra"], n), int(plans["most"]) - 1)
        self.ctx = ctx
        self.owner = np.repeat(np.arange(n), 1 + extra)  # conversation of each outcome
        self.first = np.ones(len(self.owner), dtype=bool)  # the first outcome of each conversation
        self.first[1:] = self.owner[1:] != self.owner[:-1]
        self.number = ctx.rows.numbers(len(self.owner))  # its rows' shared reference
        self.words = ctx.phrases.pick(ctx.rng, "what_matters", len(self.owner))
        self.person, self.team, self.worker = person, team, worker
        ctx.rows.add(
            Kind.CONVERSATION,
            person,
            day,
            day,
            activity=Activity.CONVERSATION,
            team=Coded(team, TEAMS),
            worker=Coded(worker, ctx.staff.names),
        )
        self._status_rows(day, Activity.WHAT_MATTERS_RECORDED, 1, 5)

    def _status_rows(self, day: np.ndarray, activity: Activity, low: int, high: int) -> None:
        """A row per thing that matters, still being worked on, with the person's rating."""
        o = self.owner
        self.ctx.rows.add(
            Kind.OUTCOME,
            self.person[o],
            day[o],
            activity=activity,
            team=Coded(self.team[o], TEAMS),
            worker=Coded(self.worker[o], self.ctx.staff.names),
            words=Coded(self.words, self.ctx.phrases.vocabulary),
            words_by="person",
            outcome_number=self.number,
            status=OutcomeStatus.WORKING_ON_IT,
            rating=self.ctx.rng.integers(low, high, len(o)),
        )

    def plan(self, day: np.ndarray, end: np.ndarray, paid: np.ndarray) -> None:
        """A co-produced plan at each conversation, one action for each thing that matters.

        Where a paid service is part of the answer it does the first action;
        the person's own network does the rest.
        """
        ctx, o = self.ctx, self.owner
        ctx.rows.add(
            Kind.PLAN,
            self.person,
            day,
            activity=Activity.COPRODUCED_PLAN,
            team=Coded(self.team, TEAMS),
            worker=Coded(self.worker, ctx.staff.names),
            words_by="joint",
        )
        network = np.array([_ACTION_BY.index(a.value) for a in _NETWORK])[
            ctx.choose(ctx.p.plans.action_by_mix, len(o))
        ]
        by = np.where(paid[o] & self.first, _ACTION_BY.index(ActionBy.PAID_SERVICE.value), network)
        groups = [action_group(a) for a in ActionBy]
        ctx.rows.add(
            Kind.ACTION,
            self.person[o],
            day[o],
            end[o],
            activity=Activity.ACTION,
            team=Coded(self.team[o], TEAMS),
            worker=Coded(self.worker[o], ctx.staff.names),
            action_by=Coded(by, _ACTION_BY),
            words=Coded(ctx.phrases.pick_by(ctx.rng, groups, by), ctx.phrases.vocabulary),
            words_by="joint",
        )

    def follow_through(self, start: np.ndarray, close: np.ndarray, achieved: np.ndarray) -> None:
        """A progress row half way, then achieved (rated 8–10) or not (rated 1–5) at close."""
        self._status_rows((start + close) / 2, Activity.WHAT_MATTERS_PROGRESS, 4, 8)
        o = self.owner
        status = np.where(
            achieved, _STATUS.index(OutcomeStatus.ACHIEVED), _STATUS.index(OutcomeStatus.CHANGED)
        )
        ratings = np.where(
            achieved[o], self.ctx.rng.integers(8, 11, len(o)), self.ctx.rng.integers(1, 6, len(o))
        )
        self.ctx.rows.add(
            Kind.OUTCOME,
            self.person[o],
            close[o],
            activity=Coded(
                np.where(achieved[o], 0, 1),
                (Activity.WHAT_MATTERS_ACHIEVED.value, Activity.WHAT_MATTERS_CHANGED.value),
            ),
            team=Coded(self.team[o], TEAMS),
            worker=Coded(self.worker[o], self.ctx.staff.names),
            words=Coded(self.words, self.ctx.phrases.vocabulary),
            words_by="person",
            outcome_number=self.number,
            status=Coded(status[o], _STATUS),
            rating=ratings,
        )
