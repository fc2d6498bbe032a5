"""Each person's events in order: the base every measure reads.

``usable`` checks a journal table has the columns the check reads (with
usable types) and keeps the rows it can place: a person and a start.
``ordered`` puts each person's events in order and gives every event its
position, the next step, the wait before it, and its episode.

The order is start, then end (an instant ends when it starts), then the
source row, then the event id: the order process-mining tools use, so the
steps and waits match theirs.
"""

from __future__ import annotations

import ibis
import ibis.expr.datatypes as dtypes
import ibis.expr.types as ir

from whatmatters.check.errors import CheckError
from whatmatters.check.expressions import SECONDS_PER_DAY, exact_seconds, flag, seconds_between
from whatmatters.check.params import EpisodeRules
from whatmatters.check.service_types import days_within, is_care_home
from whatmatters.check.window import Window
from whatmatters.journal.schema import COLUMNS_BY_NAME, Kind, OutcomeStatus

USED_COLUMNS: tuple[str, ...] = (
    "event_id",
    "source_row",
    "person_id",
    "kind",
    "activity",
    "start",
    "end",
    "team",
    "worker",
    "to_team",
    "to_worker",
    "reason",
    "outcome",
    "channel",
    "contact_from",
    "demand_type",
    "demand_reason",
    "resolved_first_point",
    "words",
    "status",
    "action_by",
    "event_reference",
    "service_type",
    "service_component",
    "weekly_cost",
    "hours_per_week",
)
"""The journal columns the check reads; a table may have more."""

OPTIONAL_COLUMNS: tuple[str, ...] = ("reporting_period_start", "reporting_period_end")
"""Read when the journal has them: the reporting periods CLD returns state (the window)."""

WELSH_COLUMNS: tuple[str, ...] = (
    "advice_and_assistance",
    "eligibility_outcome_wales",
    "reablement_outcome",
    "safeguarding_stage",
    "closure_outcomes_achieved",
)
"""Read as well when the table has them all (journal 1.1): the Welsh measures' columns."""

ORDERED_COLUMNS: tuple[str, ...] = ("person_id", "activity", "start", "team", "worker")
"""The journal columns carried into the ordered events (the rest stay in ``usable``).

Few on purpose: sorting carries every column along, and text costs most. A
step's kind and the figures journeys add up travel as small numbers instead.
"""

COUNTED_KINDS: dict[str, Kind] = {
    "contacts": Kind.CONTACT,
    "requests": Kind.REQUEST,
    "conversations": Kind.CONVERSATION,
    "assessments": Kind.ASSESSMENT,
    "reviews": Kind.REVIEW,
    "referrals": Kind.REFERRAL,
    "plans": Kind.PLAN,
    "services": Kind.SERVICE,
    "hospital_admissions": Kind.HOSPITAL,
}
"""The kinds journeys count, by the name of their count."""

KIND_CODES: dict[Kind, int] = {
    kind: n
    for n, kind in enumerate(
        (*COUNTED_KINDS.values(), Kind.CLOSURE, Kind.OUTCOME, Kind.ACTION), start=1
    )
}
"""A small number for each kind journeys count, for closures (they end episodes), for
outcomes (they repeat by design: ``REPEAT_BY_DESIGN``) and for plan actions (one plan
has several: ``flow.rework`` counts the plan, not each action)."""

REPEAT_BY_DESIGN: tuple[Kind, ...] = (Kind.REVIEW, Kind.SERVICE, Kind.OUTCOME, Kind.CLOSURE)
"""Kinds of step that come again by design, not as rework: a review each year, a
service after a service, each thing that matters achieved, each episode closed."""


def kind_code(kind: ir.StringValue) -> ir.IntegerValue:
    """A small number for each counted kind (``KIND_CODES``), 0 for any other."""
    return ibis.cases(*[(kind == k.value, n) for k, n in KIND_CODES.items()], else_=0)


def usable(journal: ir.Table) -> ir.Table:
    """The journal's rows the check can place, with the columns it reads.

    Rows with no person or no start cannot be put on anyone's journey and are
    left out (``left_out`` counts them). A step with no activity name takes
    its kind's name.
    """
    missing = [name for name in USED_COLUMNS if name not in journal.columns]
    if missing:
        raise CheckError(f"the journal table has no column {', '.join(missing)}")
    casts = {}
    for name in USED_COLUMNS:
        want = dtypes.DataType.from_pyarrow(COLUMNS_BY_NAME[name].type)
        have = journal[name].type()
        if have.is_null():
            casts[name] = want
        elif have != want and not _compatible(have, want):
            raise CheckError(f"the journal column {name!r} is {have}, expected {want}")
        elif have != want:
            casts[name] = want
    welsh = WELSH_COLUMNS if set(WELSH_COLUMNS) <= set(journal.columns) else ()
    optional = [name for name in OPTIONAL_COLUMNS if name in journal.columns]
    t = journal.select(*USED_COLUMNS, *welsh, *optional)
    if casts:
        t = t.cast(casts)
    t = t.filter(t.person_id.notnull() & t.start.notnull())
    return t.mutate(activity=t.activity.fill_null(t.kind).fill_null("(unnamed step)"))


def _compatible(have: dtypes.DataType, want: dtypes.DataType) -> bool:
    """Types a cast makes exact (e.g. 32-bit into 64-bit, dates into timestamps)."""
    return (
        (have.is_integer() and (want.is_integer() or want.is_floating()))
        or (have.is_floating() and want.is_floating())
        or (have.is_date() and want.is_timestamp())
        or (have.is_timestamp() and want.is_timestamp())
        or (have.is_string() and want.is_string())
    )


def left_out(journal: ir.Table) -> ir.Table:
    """How many rows have no person and how many no start (one row)."""
    return journal.agg(
        rows=journal.count(),
        no_person=journal.person_id.isnull().ifelse(1, 0).sum().fill_null(0),
        no_start=journal.start.isnull().ifelse(1, 0).sum().fill_null(0),
    )


def ordered(
    events: ir.Table, rules: EpisodeRules, window: Window, keep: tuple[str, ...] = ()
) -> ir.Table:
    """Each person's events in order, with the next step and the wait before it.

    One pass over the journal, sorted once. Columns: those of
    ``ORDERED_COLUMNS`` and ``keep``, plus ``end_or_start`` (an instant ends
    when it starts), ``activity_end`` (a service counts at its start), ``pos``
    (0 for a person's first event), ``next_activity``, ``wait_seconds`` (from
    this event's end to the next one's start: negative when the next began
    before this one ended), ``new_episode`` (1 where ``rules`` start an
    episode; ``with_episodes`` numbers them) and, per event, the figures
    journeys add up: ``kind_code`` (``KIND_CODES``), ``self_referral`` (a
    referral to the same team or worker), ``care_home_days``,
    ``hospital_days`` (inside the window), ``what_matters`` and ``achieved``
    (1 or 0).
    """
    t = events
    stay = days_within(t, window)
    referral = t.kind == Kind.REFERRAL.value
    t = t.select(
        *ORDERED_COLUMNS,
        *keep,
        source_row=t.source_row,
        event_id=t.event_id,
        end_or_start=t.end.fill_null(t.start),
        # A paid service running for months is not casework: it counts at its start.
        activity_end=(t.kind == Kind.SERVICE.value).ifelse(t.start, t.end.fill_null(t.start)),
        kind_code=kind_code(t.kind),
        self_referral=flag(referral & ((t.to_team == t.team) | (t.to_worker == t.worker))),
        care_home_days=is_care_home(t).ifelse(stay, 0),
        hospital_days=(t.kind == Kind.HOSPITAL.value).ifelse(stay, 0),
        what_matters=flag(
            (t.kind == Kind.OUTCOME.value)
            | ((t.kind == Kind.CONVERSATION.value) & t.words.notnull())
        ),
        achieved=flag((t.kind == Kind.OUTCOME.value) & (t.status == OutcomeStatus.ACHIEVED.value)),
    )
    order = [t.start, t.end_or_start, t.source_row, t.event_id]
    person = ibis.window(group_by=t.person_id, order_by=order)
    before = ibis.window(group_by=t.person_id, order_by=order, rows=(None, -1))
    t = t.mutate(
        pos=ibis.row_number().over(person),
        next_activity=t.activity.lead().over(person),
        next_start=t.start.lead().over(person),
        previous_code=t.kind_code.lag().over(person),
        previous_end=t.end_or_start.lag().over(person),
        latest_before=t.activity_end.max().over(before),
    )
    gap = rules.gap_days * SECONDS_PER_DAY
    new_episode = (t.pos == 0) | (seconds_between(t.latest_before, t.start) > gap)
    if rules.closure_ends_episode:
        # Back within the stated time after a closure: the same journey.
        away = seconds_between(t.previous_end, t.start) > rules.same_journey_days * SECONDS_PER_DAY
        new_episode = new_episode | ((t.previous_code == KIND_CODES[Kind.CLOSURE]) & away)
    return t.mutate(
        new_episode=flag(new_episode.fill_null(False)),
        wait_seconds=exact_seconds(t.next_start) - exact_seconds(t.end_or_start),
    ).drop("previous_code", "previous_end", "latest_before", "next_start", "source_row", "event_id")


def with_episodes(steps: ir.Table, columns: tuple[str, ...] | None = None) -> ir.Table:
    """``steps`` (or just ``columns`` of it) with ``episode``: 1, 2, … for each person.

    A running count of ``new_episode`` in each person's order: a second pass,
    kept narrow because it sorts again.
    """
    t = steps if columns is None else steps.select("person_id", "pos", "new_episode", *columns)
    running = ibis.window(group_by=t.person_id, order_by=t.pos, rows=(None, 0))
    return t.mutate(episode=t.new_episode.sum().over(running))
