"""Long-term support: stretches of home care or a care-home placement, per person.

A person has at most one stretch of long-term support at a time. A stretch
has a setting and a natural end drawn when it starts: exponential lengths
(mean ``community_support_days`` at home, ``care_home_stay_days`` in a care
home) and a reason (death, moving away, no longer needed, or — at home —
deterioration, which starts a care-home placement). Exponential lengths are
memoryless, so a package changed part-way simply starts a new stretch.

A stretch is written out ("flushed") when it ends: one CLD Service row, the
planned reviews that fell inside it (each person-year is reviewed with chance
``reviewed_share``, so a person in support all year is reviewed with that
chance however many service lines they had), hospital stays with the
unplanned review after each, and failure demand about home care not fitting.
"""

from __future__ import annotations

import numpy as np

from whatmatters.council.codes import (
    Activity,
    Band,
    ClosureReason,
    DemandReason,
    EndReason,
    EventOutcome,
    MethodOfReview,
    ReviewOutcomesAchieved,
    ReviewReason,
    Setting,
    Team,
)
from whatmatters.council.context import Context
from whatmatters.council.front_door import failure_contacts
from whatmatters.council.parameters import Mechanisms
from whatmatters.council.people import DAYS_PER_YEAR
from whatmatters.council.rows import Coded, coded
from whatmatters.council.service_rows import LONG_TERM_KINDS, add_services, home_care_hours
from whatmatters.council.staff import TEAM_CODE, TEAMS
from whatmatters.journal.schema import Kind

OUTCOME_BY_END = {
    EndReason.DEATH: EventOutcome.NFA_DECEASED,
    EndReason.DETERIORATION: EventOutcome.PROGRESS_SERVICES,
    EndReason.MOVED: EventOutcome.NFA_MOVED,
    EndReason.ENDED: EventOutcome.NFA_ENDED_AS_PLANNED,
    EndReason.CHANGED: EventOutcome.PROGRESS_SERVICES,
    EndReason.OPEN: EventOutcome.CONTINUATION,
}
_OUTCOME_TABLE = np.array([list(EventOutcome).index(OUTCOME_BY_END[r]) for r in EndReason])
_END_OF_LIFE = len(Setting)  # position of the end-of-life kind in LONG_TERM_KINDS


class LongTermSupport:
    """The current stretch of long-term support of every person in a chunk."""

    def __init__(self, ctx: Context) -> None:
        n = len(ctx.people)
        self.ctx = ctx
        self.on = np.zeros(n, dtype=bool)
        self.start_day = np.zeros(n)
        self.end_day = np.full(n, np.inf)
        self.setting = np.zeros(n, dtype=np.int64)
        self.end_of_life = np.zeros(n, dtype=bool)
        self.hours = np.full(n, np.nan)
        self.delivery = np.zeros(n, dtype=np.int64)
        self.reason = np.zeros(n, dtype=np.int64)
        self.last_care_home = np.full(n, -1, dtype=np.int64)  # latest care-home setting
        # Person-years of reviews, counted from the run's start (warm-up years first).
        self.warm_years = int(np.ceil(ctx.origin / DAYS_PER_YEAR))
        years = self.warm_years + max(1, int(np.ceil((ctx.horizon - ctx.origin) / DAYS_PER_YEAR)))
        self.reviewed = ctx.rng.random((n, years)) < ctx.p.services.reviewed_share
        self.review_at = ctx.rng.random((n, years))

    # --- starting -----------------------------------------------------------------

    def start(
        self,
        person: np.ndarray,
        day: np.ndarray,
        setting: np.ndarray,
        hours: np.ndarray,
        delivery: np.ndarray,
        end_of_life: np.ndarray | None = None,
    ) -> None:
        """Begin a stretch of support for each person (who has none) on ``day``."""
        ctx, sv = self.ctx, self.ctx.p.services
        n = len(person)
        if self.on[person].any():
            raise RuntimeError("model error: a second stretch of long-term support at once")
        eol = np.zeros(n, dtype=bool) if end_of_life is None else end_of_life
        published = np.where(
            setting == Setting.COMMUNITY, sv.community_support_days, sv.care_home_stay_days
        )
        mean = np.where(eol, sv.end_of_life_days, self._own_mean(person, published))
        community_reason = np.array(
            [EndReason.DEATH, EndReason.DETERIORATION, EndReason.MOVED, EndReason.ENDED]
        )[ctx.choose(sv.community_end, n)]
        home_reason = np.array([EndReason.DEATH, EndReason.MOVED, EndReason.ENDED])[
            ctx.choose(sv.care_home_end, n)
        ]
        reason = np.where(setting == Setting.COMMUNITY, community_reason, home_reason)
        self.on[person] = True
        self.start_day[person] = day
        self.end_day[person] = day + ctx.rng.exponential(1.0, n) * mean
        self.setting[person] = setting
        self.end_of_life[person] = eol
        self.hours[person] = np.where(setting == Setting.COMMUNITY, hours, np.nan)
        self.delivery[person] = delivery
        self.reason[person] = np.where(eol, EndReason.DEATH, reason)

    def _own_mean(self, person: np.ndarray, published: np.ndarray) -> np.ndarray:
        """Mean length of a stretch's own ending, so that together with the person's
        background chance of dying or moving away it lasts the published mean."""
        pop = self.ctx.p.population
        yearly = np.array([pop.death_rate[b.key] + pop.move_away_rate[b.key] for b in Band])
        background = yearly[self.ctx.people.band[person]] / DAYS_PER_YEAR
        return 1.0 / np.maximum(1.0 / published - background, 0.1 / published)

    def seed_stock(self, weights: np.ndarray, shares: np.ndarray) -> None:
        """People already in long-term support when the run starts (the published stock).

        Their stretches began before the run: for exponential lengths the time
        already spent is exponential with the same mean.
        """
        ctx, sv = self.ctx, self.ctx.p.services
        n = len(ctx.people)
        residents = int((ctx.people.arrival_day == 0).sum())
        count = min(residents, round(sv.lts_stock_per_100k_adults * residents / 1e5))
        if count == 0:
            return
        weights = np.where(ctx.people.arrival_day == 0, weights, 0.0)
        person = np.sort(ctx.rng.choice(n, size=count, replace=False, p=weights / weights.sum()))
        setting = ctx.rng.choice(len(Setting), size=count, p=shares)
        mean = np.where(
            setting == Setting.COMMUNITY, sv.community_support_days, sv.care_home_stay_days
        )
        started = -ctx.rng.exponential(1.0, count) * mean
        self.start(
            person,
            np.zeros(count),
            setting,
            home_care_hours(ctx, count, self._design_at(0.0).network_hours_cover),
            self.delivery_mix(count),
        )
        self.start_day[person] = started

    def _design_at(self, day: float) -> Mechanisms:
        return self.ctx.p.what_matters if day >= self.ctx.switch_day else self.ctx.p.menu

    def delivery_mix(self, n: int) -> np.ndarray:
        """Delivery mechanisms for ``n`` new home-care packages (positions in DELIVERY)."""
        return self.ctx.choose(self.ctx.p.services.community_delivery, n)

    # --- ending -------------------------------------------------------------------

    def ends(self, person: np.ndarray) -> np.ndarray:
        """When each person's current stretch ends (their leaving included)."""
        return np.minimum(self.end_day[person], self.ctx.people.exit_day[person])

    def in_support(self, person: np.ndarray, day: np.ndarray) -> np.ndarray:
        """Whether each person is in (or about to start) long-term support on ``day``."""
        return self.on[person] & (self.ends(person) > day)

    def change(self, person: np.ndarray, day: np.ndarray, hours: np.ndarray) -> None:
        """A package changed on ``day``: end the stretch there and start a new one at home."""
        self.end_day[person] = day
        self.reason[person] = EndReason.CHANGED
        setting = self.setting[person].copy()
        delivery = self.delivery[person].copy()
        self.flush(person)
        self.start(person, day, setting, hours, delivery)

    def flush(self, person: np.ndarray) -> None:
        """Write out each person's current stretch and what happened during it."""
        ctx, people = self.ctx, self.ctx.people
        if len(person) == 0:
            return
        end = self.ends(person)
        reason = np.where(
            people.exit_day[person] < self.end_day[person],
            np.where(people.exit_death[person], EndReason.DEATH, EndReason.MOVED),
            self.reason[person],
        )
        reason = np.where(end >= ctx.horizon, EndReason.OPEN, reason)
        end = np.where(reason == EndReason.OPEN, np.nan, end)
        start = self.start_day[person]
        setting = self.setting[person]
        kind = np.where(self.end_of_life[person], _END_OF_LIFE, setting)
        sv = ctx.p.services
        add_services(
            ctx,
            LONG_TERM_KINDS,
            kind,
            person,
            start,
            end,
            np.where(setting == Setting.COMMUNITY, sv.home_care_hour, sv.care_home_week),
            self.hours[person],
            np.where(setting == Setting.COMMUNITY, self.delivery[person], 0),
            coded(EventOutcome, _OUTCOME_TABLE[reason]),
        )
        window_end = np.where(np.isnan(end), ctx.horizon, end)
        window_start = np.maximum(start, 0.0)
        self._reviews(person, window_start, window_end)
        self._hospital_stays(person, window_start, window_end)
        home_care = (setting == Setting.COMMUNITY) & ~self.end_of_life[person]
        self._service_problems(person[home_care], window_start[home_care], window_end[home_care])
        homes = setting != Setting.COMMUNITY
        self.last_care_home[person[homes]] = setting[homes]
        self.on[person] = False

        left = (reason == EndReason.DEATH) | (reason == EndReason.MOVED)
        people.exit_day[person[left]] = np.minimum(people.exit_day[person[left]], end[left])
        people.exit_death[person[left]] = reason[left] == EndReason.DEATH
        moved = reason == EndReason.MOVED
        self._closures(person[moved], end[moved])
        worse = reason == EndReason.DETERIORATION
        self._deteriorate(person[worse], end[worse])

    def _holding_team(self, person: np.ndarray, day: np.ndarray, functional: Team) -> np.ndarray:
        return np.where(
            self.ctx.what_matters_at(day), self.ctx.local_team(person), TEAM_CODE[functional]
        )

    def _deteriorate(self, person: np.ndarray, day: np.ndarray) -> None:
        """Needs grew: an unplanned review, then a care-home placement (or, diverted, home care)."""
        ctx, sv = self.ctx, self.ctx.p.services
        n = len(person)
        if n == 0:
            return
        self.review_rows(
            person,
            day,
            day + ctx.rng.uniform(0, 3, n),
            ReviewReason.UNPLANNED_OTHER,
            EventOutcome.PROGRESS_SERVICES,
        )
        start = day + ctx.rng.uniform(0, 3, n)
        homes = sv.lts_setting_shares["residential"] + sv.lts_setting_shares["nursing"]
        setting = np.where(
            ctx.chance(sv.lts_setting_shares["residential"] / homes, n),
            Setting.RESIDENTIAL,
            Setting.NURSING,
        )
        wm = ctx.what_matters_at(start)
        diversion = np.where(
            wm, ctx.p.what_matters.residential_diversion, ctx.p.menu.residential_diversion
        )
        setting = np.where(ctx.chance(diversion, n), Setting.COMMUNITY, setting)
        cover = np.where(wm, ctx.p.what_matters.network_hours_cover, ctx.p.menu.network_hours_cover)
        hours = home_care_hours(ctx, n, cover)
        live = start < np.minimum(ctx.people.exit_day[person], ctx.horizon)
        self.start(
            person[live],
            start[live],
            setting[live],
            hours[live],
            self.delivery_mix(int(live.sum())),
        )

    # --- what happens during a stretch -------------------------------------------------

    def _reviews(self, person: np.ndarray, a: np.ndarray, b: np.ndarray) -> None:
        """Planned reviews: on each person's drawn day of each year, if in support then."""
        years, origin, w = self.reviewed.shape[1], self.ctx.origin, self.warm_years
        first = np.clip(np.floor((a - origin) / DAYS_PER_YEAR) + w, 0, years - 1).astype(np.int64)
        last = np.clip(np.floor((b - 1e-9 - origin) / DAYS_PER_YEAR) + w, 0, years - 1)
        last = last.astype(np.int64)
        count = np.maximum(last - first + 1, 0) * (b > a)
        which = np.repeat(np.arange(len(person)), count)
        year = first[which] + (np.arange(len(which)) - np.repeat(np.cumsum(count) - count, count))
        who = person[which]
        day = origin + (year - w + self.review_at[who, year]) * DAYS_PER_YEAR
        due = self.reviewed[who, year] & (day >= a[which]) & (day < b[which])
        who, day = who[due], day[due]
        end = np.minimum(day + self.ctx.rng.uniform(0, 14, len(day)), b[which][due])
        self.review_rows(who, day, end, ReviewReason.PLANNED, EventOutcome.CONTINUATION)

    def review_rows(
        self,
        person: np.ndarray,
        day: np.ndarray,
        end: np.ndarray,
        reason: ReviewReason | Coded,
        outcome: EventOutcome | Coded,
        team: np.ndarray | None = None,
        worker: np.ndarray | None = None,
    ) -> None:
        """CLD Review rows (by the team holding reviews then, unless given)."""
        ctx = self.ctx
        n = len(person)
        if n == 0:
            return
        if team is None:
            team = self._holding_team(person, day, Team.REVIEW)
        if worker is None:
            worker = ctx.staff.draw(ctx.rng, team)
        ctx.rows.add(
            Kind.REVIEW,
            person,
            day,
            end,
            activity=Activity.REVIEW,
            team=Coded(team, TEAMS),
            worker=Coded(worker, ctx.staff.names),
            outcome=outcome,
            review_reason=reason,
            review_outcomes_achieved=Coded(
                ctx.choose(ctx.p.services.review_outcomes, n),
                tuple(r.value for r in ReviewOutcomesAchieved),
            ),
            method_of_review=Coded(
                ctx.chance(ctx.p.services.review_with_carer, n).astype(np.int64),
                (MethodOfReview.SERVICE_USER, MethodOfReview.SERVICE_USER_AND_CARER),
            ),
        )

    def _hospital_stays(self, person: np.ndarray, a: np.ndarray, b: np.ndarray) -> None:
        """Hospital admissions while in support, each followed by an unplanned review."""
        ctx, sv = self.ctx, self.ctx.p.services
        years = np.maximum(b - a, 0) / DAYS_PER_YEAR
        count = ctx.rng.poisson(sv.hospital_admissions_per_year * years)
        which = np.repeat(np.arange(len(person)), count)
        who = person[which]
        day = a[which] + ctx.rng.random(len(which)) * (b - a)[which]
        home = day + 1 + ctx.rng.exponential(sv.hospital_stay_days - 1, len(which))
        hospital_stays(ctx, who, day, home)
        back = home < b[which]
        self.review_rows(
            who[back],
            home[back],
            home[back] + ctx.rng.uniform(1, 7, int(back.sum())),
            ReviewReason.UNPLANNED_HOSPITAL,
            EventOutcome.CONTINUATION,
        )

    def _service_problems(self, person: np.ndarray, a: np.ndarray, b: np.ndarray) -> None:
        ctx, fd = self.ctx, self.ctx.p.failure_demand
        years = np.maximum(b - a, 0) / DAYS_PER_YEAR
        count = ctx.rng.poisson(fd.scale * fd.service_problem_per_year * years)
        which = np.repeat(np.arange(len(person)), count)
        day = a[which] + ctx.rng.random(len(which)) * (b - a)[which]
        team = self._holding_team(person[which], day, Team.CONTACT_CENTRE)
        failure_contacts(ctx, person[which], day, DemandReason.SERVICE_NOT_RIGHT, team)

    def _closures(self, person: np.ndarray, day: np.ndarray) -> None:
        if len(person) == 0:
            return
        team = self._holding_team(person, day, Team.LONG_TERM)
        self.ctx.rows.add(
            Kind.CLOSURE,
            person,
            day,
            activity=Activity.CLOSURE,
            team=Coded(team, TEAMS),
            worker=Coded(self.ctx.staff.draw(self.ctx.rng, team), self.ctx.staff.names),
            reason=ClosureReason.MOVED,
        )


def hospital_stays(
    ctx: Context, person: np.ndarray, admitted: np.ndarray, home: np.ndarray
) -> None:
    """Hospital stays, admission to discharge."""
    ctx.rows.add(Kind.HOSPITAL, person, admitted, home, activity=Activity.HOSPITAL)
