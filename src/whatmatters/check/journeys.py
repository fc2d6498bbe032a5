"""Journeys: each person's way through the system, counted from their side.

One row per person (``people``) and per episode of work (``episodes``):
how many contacts, requests, assessments, reviews and referrals, how many
teams and workers, handoffs and self-referrals, plans and services, days in
a care home or in hospital, and whether what matters to them was ever
recorded. ``most_fragmented`` lists the journeys passed around most;
``timeline`` is one person's every event in order, lane by team: the view
that made "Paul" visible (179 records, 91 staff, 20 teams, 12 assessments).

All counts are of events that start inside the check window; a journey
that began before it is counted from the window's start.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from whatmatters.check.events import COUNTED_KINDS, KIND_CODES, ordered, with_episodes
from whatmatters.check.expressions import SECONDS_PER_DAY, count_where, seconds_between
from whatmatters.check.handoffs import per_person
from whatmatters.check.params import EpisodeRules
from whatmatters.check.window import Window, in_window
from whatmatters.journal.schema import Kind

NO_TEAM = "(no team recorded)"


def _counts(t: ir.Table) -> dict[str, ir.Scalar]:
    """The counts shared by people and episodes, over the ordered events ``t`` of a group."""

    def kind(name: str) -> ir.IntegerScalar:
        return count_where(t.kind_code == KIND_CODES[COUNTED_KINDS[name]])

    first = ("contacts", "requests", "conversations", "assessments", "reviews", "referrals")
    return {
        "events": t.count(),
        **{name: kind(name) for name in first},
        "self_referrals": t.self_referral.sum().fill_null(0),
        "plans": kind("plans"),
        "services": kind("services"),
        "care_home_days": t.care_home_days.sum().fill_null(0),
        "hospital_admissions": kind("hospital_admissions"),
        "hospital_days": t.hospital_days.sum().fill_null(0),
        "what_matters_recorded": t.what_matters.max() == 1,
        "what_matters_achieved": t.achieved.max() == 1,
    }


def _distinct(steps: ir.Table, column: str, name: str) -> ir.Table:
    """``name``: how many different values of ``column`` each person's events record.

    Counted as distinct pairs, then pairs per person: far cheaper than a
    distinct count inside a grouped aggregate.
    """
    t = steps.filter(steps[column].notnull()).select("person_id", column).distinct()
    return t.group_by("person_id").agg(**{name: t.count()})


def people(steps: ir.Table, pairs: ir.Table) -> ir.Table:
    """One row per person: their journey inside the window.

    Card — counts are of the person's events starting in the window, by
    kind. ``journey_days``/``duration_seconds``: from the first event's start
    to the latest end (an instant ends when it starts). ``handoffs``: times
    the next event with a team was another team's. ``self_referrals``:
    referrals to the same team or the same worker. ``care_home_days`` and
    ``hospital_days``: nights in residential or nursing care or in hospital
    inside the window (an open stay runs to the window's end). ``episodes``:
    episodes of work (``EpisodeRules``). Unknowns: events with no team or
    worker do not count towards teams, workers or handoffs; a person's events
    need a start to be counted at all.
    """
    counts = steps.group_by("person_id").agg(
        first_event=steps.start.min(),
        last_event=steps.end_or_start.max(),
        **_counts(steps),
        # every episode has one first event (a person's first event begins one)
        episodes=steps.new_episode.sum(),
    )
    parts = (
        _distinct(steps, "team", "teams"),
        _distinct(steps, "worker", "workers"),
        per_person(pairs),
    )
    joined = counts
    for part in parts:
        joined = joined.left_join(part, "person_id").drop("person_id_right")
    duration = seconds_between(joined.first_event, joined.last_event)
    return (
        joined.mutate(
            teams=joined.teams.fill_null(0),
            workers=joined.workers.fill_null(0),
            duration_seconds=duration,
            journey_days=duration / SECONDS_PER_DAY,
            handoffs=joined.handoffs.fill_null(0),
        )
        .relocate(
            "teams", "workers", "duration_seconds", "journey_days", after="what_matters_achieved"
        )
        .relocate("episodes", after="handoffs")
    )


def episodes(steps: ir.Table) -> ir.Table:
    """One row per episode of work: its counts and its end-to-end time.

    Card — an episode runs from its first event's start to the moment what
    matters was first recorded as achieved or, failing that, to the end of
    its last piece of work (a service counts at its start). ``ended_by``
    says which: ``achieved``, ``closed`` (a closure in the episode) or
    ``last_event``. Episode rules are parameters (``EpisodeRules``).
    Unknowns: an outcome with no status is not "achieved".
    """
    columns = (
        "kind_code",
        "self_referral",
        "start",
        "activity_end",
        "care_home_days",
        "hospital_days",
        "what_matters",
        "achieved",
    )
    t = with_episodes(steps, columns)
    achieved_at = (t.achieved == 1).ifelse(t.start, ibis.null("timestamp"))
    grouped = t.group_by(["person_id", "episode"]).agg(
        start=t.start.min(),
        achieved_at=achieved_at.min(),
        last_work=t.activity_end.max(),
        closed=count_where(t.kind_code == KIND_CODES[Kind.CLOSURE]) > 0,
        **_counts(t),
    )
    ended = grouped.mutate(end=grouped.achieved_at.fill_null(grouped.last_work))
    ended = ended.mutate(
        end_to_end_days=seconds_between(ended.start, ended.end) / SECONDS_PER_DAY,
        ended_by=ibis.cases(
            (ended.achieved_at.notnull(), "achieved"),
            (ended.closed, "closed"),
            else_="last_event",
        ),
    )
    return ended.drop("achieved_at", "last_work", "closed")


FRAGMENTATION_ORDER = ("teams", "workers", "handoffs", "assessments", "events")
"""Most fragmented first: most teams, then workers, handoffs, assessments, events."""


def most_fragmented(
    people_table: pa.Table, n: int, first: str = FRAGMENTATION_ORDER[0]
) -> pa.Table:
    """The ``n`` journeys passed between the most teams and workers.

    Card — ordered by distinct teams, then distinct workers, handoffs,
    assessments and events (all most first), ties by person id; ``first``
    puts another of these columns ahead (``check --story-by``). It sorts the
    fetched ``people`` table, so ties fall the same way on every backend.
    """
    order = [first, *(c for c in FRAGMENTATION_ORDER if c != first)]
    keys = [(c, "descending") for c in order] + [("person_id", "ascending")]
    return people_table.sort_by(keys).slice(0, n)


def timeline(events: ir.Table, person_id: str, rules: EpisodeRules, window: Window) -> ir.Table:
    """Every event of one person in the window, in order, lane by team.

    Columns: ``pos`` (0 first), ``start``, ``end``, ``kind``, ``activity``,
    ``lane`` (the team, or "(no team recorded)"), ``worker``, ``to_team``,
    ``episode``, ``words``, ``reason`` (a contact's failure-demand reason). ``events``
    are the usable journal rows.
    """
    mine = in_window(events.filter(events.person_id == person_id), window)
    steps = with_episodes(
        ordered(mine, rules, window, keep=("kind", "to_team", "end", "words", "demand_reason"))
    )
    return steps.select(
        "pos",
        "start",
        "end",
        "kind",
        "activity",
        lane=steps.team.fill_null(NO_TEAM),
        worker=steps.worker,
        to_team=steps.to_team,
        episode=steps.episode,
        words=steps.words,
        reason=steps.demand_reason,
    ).order_by("pos")


def what_matters_share(people: pa.Table) -> float | None:
    """The share of people (the ``people`` table) with what matters to them recorded;
    None when there is no one."""
    if people.num_rows == 0:
        return None
    return sum(people["what_matters_recorded"].to_pylist()) / people.num_rows
