"""What followed a request from a new client: SALT STS001-style sequels.

NHS England's replication of the SALT return STS001 (cld-algorithms.md §C),
written as expressions over the journal:

1. A person's requests cluster into one when each starts no more than
   ``cluster_days`` (4) after the previous request's end. The cluster starts
   at its earliest start; it ends at the latest end of its requests that end
   inside the window (clusters with none are dropped). An open request ends
   at the window's end (NHS England uses the day the code runs).
2. New clients only: a cluster is dropped if a long-term service of the
   person was running on the cluster's start date.
3. Looking forward from the cluster's end, the person's events form a chain:
   the first must start within ``window_days`` (28) of the request's end
   (an open first event is always in), each next one within
   ``chain_gap_days`` (3) of the previous one's end, and a later request stops
   the chain.
4. The sequel is the best service in the chain (ST-Max, then long-term
   nursing, residential, community, prison, then ongoing low-level, other
   short-term); else a no-further-action or end-of-life outcome in the
   chain; else the request's own outcome.

Reproduced as NHS England wrote it: gaps use calendar days; an open first
event is in scope however late it starts; the request itself is removed from
the forward search when it starts on the cluster's start or ends on its end.
Corrected, unless ``same_day_quirk`` is set: the 28-day window applies to
the first real event after every request (in the original, a same-day
request's own row takes rank 1, so its window never applies). Differences:
ties between requests ending on the same day take the last request's outcome
(NHS England ranks outcomes); chain order breaks ties by end, source row and
event id.
"""

from __future__ import annotations

from enum import StrEnum

import ibis
import ibis.expr.types as ir

from whatmatters.check.expressions import SECONDS_PER_DAY, flag, lowered, seconds_between
from whatmatters.check.params import SequelRules
from whatmatters.check.service_types import is_long_term
from whatmatters.check.window import Window
from whatmatters.journal.schema import Kind


class RecordType(StrEnum):
    """How a request's sequel was found (NHS England's record types 1–5)."""

    NO_LATER_EVENTS = "no_later_events"  # 1
    SERVICE = "service"  # 2
    NO_FURTHER_ACTION = "no_further_action"  # 3
    NO_SERVICE = "no_service_found"  # 4
    OUT_OF_SCOPE = "out_of_scope"  # 5


class Sequel(StrEnum):
    """SALT STS001's sequel categories, in its words."""

    ST_MAX = "Short term support: ST-Max"
    NURSING = "Long term support: Nursing care"
    RESIDENTIAL = "Long term support: Residential care"
    COMMUNITY = "Long term support: Community"
    PRISON = "Long term support: Prison"
    LOW_LEVEL = "Short term support: Ongoing low level"
    OTHER_SHORT_TERM = "Short term support: Other short term"
    END_OF_LIFE = "End of life"
    NHS_FUNDED = "100% NHS funded care"
    UNIVERSAL = "Universal services / signposted to other services"
    DECEASED = "No services provided: deceased"
    NO_SERVICES = "No services provided: other reason"
    NO_SERVICE_FOUND = "No service found"
    UNCLASSIFIED = "Unable to classify"


SERVICE_ORDER = (
    Sequel.ST_MAX,
    Sequel.NURSING,
    Sequel.RESIDENTIAL,
    Sequel.COMMUNITY,
    Sequel.PRISON,
    Sequel.LOW_LEVEL,
    Sequel.OTHER_SHORT_TERM,
)
NOT_A_SEQUEL_SERVICE = 99


def _service_rank(t: ir.Table) -> ir.IntegerValue:
    """1 (ST-Max) … 7 (other short term) for services that can be sequels, else 99."""
    kind = lowered(t.service_type)
    long_term = kind.startswith("long term support")
    return ibis.cases(
        (t.kind != Kind.SERVICE.value, NOT_A_SEQUEL_SERVICE),
        (kind.contains("st-max"), 1),
        (long_term & kind.contains("nursing"), 2),
        (long_term & kind.contains("residential"), 3),
        (long_term & kind.contains("community"), 4),
        (long_term & kind.contains("prison"), 5),
        (kind.contains("ongoing low level"), 6),
        (kind.contains("other short term"), 7),
        else_=NOT_A_SEQUEL_SERVICE,
    ).fill_null(NOT_A_SEQUEL_SERVICE)


def _service_sequel(rank: ir.IntegerValue) -> ir.StringValue:
    return ibis.cases(
        *[(rank == i, s.value) for i, s in enumerate(SERVICE_ORDER, start=1)],
        else_=ibis.null("string"),
    )


def is_no_further_action(outcome: ir.StringValue) -> ir.BooleanValue:
    """An outcome NHS England's sequel mapping classes as final: NFA or end of life."""
    text = lowered(outcome)
    return (text.startswith("nfa") | text.contains("end of life")).fill_null(False)


def outcome_sequel(outcome: ir.StringValue) -> ir.StringValue:
    """NHS England's REF_SEQUEL_MAPPING, by the outcome's words (R1 and R2)."""
    text = lowered(outcome)
    return ibis.cases(
        (text.contains("end of life"), Sequel.END_OF_LIFE.value),
        (text.contains("deceased"), Sequel.DECEASED.value),
        (text.contains("information") | text.contains("signpost"), Sequel.UNIVERSAL.value),
        (text.startswith("nfa") & text.contains("nhs"), Sequel.NHS_FUNDED.value),
        (text.startswith("nfa"), Sequel.NO_SERVICES.value),
        else_=Sequel.UNCLASSIFIED.value,
    ).fill_null(Sequel.UNCLASSIFIED.value)


def clusters(events: ir.Table, window: Window, rules: SequelRules) -> ir.Table:
    """Requests from new clients, clustered, ending in the window.

    Columns: ``person_id``, ``cluster``, ``cluster_start``, ``cluster_end``,
    ``request_outcome``.
    """
    r = events.filter(events.kind == Kind.REQUEST.value)
    r = r.mutate(request_end=r.end.fill_null(ibis.timestamp(window.end_ts)))
    order = ["start", "request_end", "source_row", "event_id"]
    person = ibis.window(group_by="person_id", order_by=order)
    r = r.mutate(previous_end=r.request_end.lag().over(person))
    joins = r.start.date().delta(r.previous_end.date(), unit="day") <= rules.cluster_days
    r = r.mutate(new_cluster=flag(~joins.fill_null(False)))
    running = ibis.window(group_by="person_id", order_by=order, rows=(None, 0))
    r = r.mutate(cluster=r.new_cluster.sum().over(running))
    r = r.mutate(cluster_start=r.start.min().over(ibis.window(group_by=[r.person_id, r.cluster])))
    ending = r.filter(
        (r.request_end >= ibis.timestamp(window.start_ts))
        & (r.request_end < ibis.timestamp(window.end_ts))
    )
    latest = ibis.window(
        group_by=[ending.person_id, ending.cluster],
        order_by=[
            ibis.desc(ending.request_end),
            ibis.desc(ending.start),
            ibis.desc(ending.source_row),
            ibis.desc(ending.event_id),
        ],
    )
    ranked = ending.mutate(rank=ibis.row_number().over(latest))
    found = ranked.filter(ranked.rank == 0).select(
        "person_id",
        "cluster",
        "cluster_start",
        cluster_end=ranked.request_end,
        request_outcome=ranked.outcome,
    )
    services = events.filter(is_long_term(events))
    in_support = (
        (found.person_id == services.person_id)
        & (services.start <= found.cluster_start)
        & (services.end.isnull() | (services.end >= found.cluster_start))
    )
    return found.anti_join(services, in_support)


def sequels(events: ir.Table, window: Window, rules: SequelRules) -> ir.Table:
    """The sequel to each request from a new client.

    Card — one row per clustered request from a new client ending in the
    window: ``record_type`` (how the sequel was found), ``sequel`` (SALT's
    category). Prerequisites: rows of kind request, and services with CLD
    service types. Unknowns: a request with no outcome and no later events is
    "Unable to classify"; services with other types are not sequels.

    The result is materialised (``release`` it when done); the stages before
    it are released here, so their memory is free for the rest of the check.
    """
    # Materialised between stages: SQLite's parser cannot take the whole
    # chain as one nested query.
    c = clusters(events, window, rules).cache()
    forward = _chain(c, events, rules)
    key = ["person_id", "cluster"]
    # The chain ends at its first break: a late first event, a gap, a later request.
    breaks = forward.filter(forward.breaks == 1)
    first_break = breaks.group_by(key).agg(first_break=breaks.position.min())
    joined = forward.left_join(first_break, key).drop("person_id_right", "cluster_right")
    in_scope = joined.first_break.isnull() | (joined.position < joined.first_break)
    final = in_scope & joined.final_sequel.notnull()
    scope = joined.group_by(key).agg(
        later_events=joined.count(),
        best_service=in_scope.ifelse(joined.service_rank, ibis.null("int64")).min(),
        latest_final=final.ifelse(joined.finished, ibis.null("timestamp")).max(),
    )
    scope = scope.cache()  # SQLite's parser again
    out = c.left_join(scope, key).drop("person_id_right", "cluster_right")
    finals = joined.filter(final)
    latest = finals.inner_join(scope, [*key, finals.finished == scope.latest_final])
    nfa = latest.group_by(key).agg(nfa_sequel=_nfa_sequel(latest.final_sequel))
    out = out.left_join(nfa, key).drop("person_id_right", "cluster_right")
    result = _classify(out).cache()
    for stage in (scope, forward, c):
        stage.release()
    return result


def _chain(c: ir.Table, events: ir.Table, rules: SequelRules) -> ir.Table:
    """Each cluster's later events in order, with whether each one breaks the chain.

    One sort gives ``position`` in the chain, the previous event's end and
    the first event's start. ``breaks`` is 1 for a later request; a first
    event (the earliest start) starting more than ``window_days`` after the
    request's end, unless it is still open; and an event starting more than
    ``chain_gap_days`` after the previous one's end. The kind, outcome and
    service type travel as what the sequel needs of them (``service_rank``,
    ``final_sequel``), not as text to sort. Materialised.
    """
    e = events.select(
        "person_id",
        "start",
        "end",
        "source_row",
        "event_id",
        # unknown for a row with no kind, as the kind itself would be
        request=events.kind == Kind.REQUEST.value,
        service_rank=_service_rank(events),
        final_sequel=is_no_further_action(events.outcome).ifelse(
            outcome_sequel(events.outcome), ibis.null("string")
        ),
    )
    key = ["person_id", "cluster"]
    c = c.left_join(_next_request(c, events), key).drop("person_id_right", "cluster_right")
    c = c.cache()  # SQLite's parser again; released once the chain is kept
    # Events after the next request cannot be in the chain: that request stops it.
    reachable = c.next_request.isnull() | (e.start <= c.next_request)
    forward = c.inner_join(
        e, [c.person_id == e.person_id, e.start >= c.cluster_end, reachable]
    ).drop("person_id_right", "next_request", "request_outcome")
    forward = forward.mutate(finished=forward.end.fill_null(forward.start))
    order = ["start", "finished", "source_row", "event_id"]
    if rules.same_day_quirk:  # NHS England takes the first start before it drops the request
        forward = forward.mutate(first_start=forward.start.min().over(ibis.window(group_by=key)))
    forward = forward.filter(~_is_itself(forward))
    # One sort: the windows below share the chain's order.
    chain = ibis.window(group_by=key, order_by=order)
    whole_chain = ibis.window(group_by=key, order_by=order, rows=(None, None))
    forward = forward.mutate(
        first_start=forward.first_start
        if rules.same_day_quirk
        else forward.start.min().over(whole_chain),  # corrected: the first real event
        position=ibis.row_number().over(chain),
        previous_end=forward.end.lag().over(chain),
    )
    first = forward.start == forward.first_start
    gap = forward.start.date().delta(forward.previous_end.date(), unit="day")
    late = forward.start.date().delta(forward.cluster_end.date(), unit="day") > rules.window_days
    breaks = ibis.cases(
        (forward.request, 1),
        (first & forward.end.isnull(), 0),
        (first & late, 1),
        ((gap > rules.chain_gap_days).fill_null(False), 1),
        else_=0,
    )
    chain_rows = forward.select(
        *key, "position", "finished", "service_rank", "final_sequel", breaks=breaks
    ).cache()
    c.release()
    return chain_rows


def _is_itself(t: ir.Table) -> ir.BooleanValue:
    """The cluster's own request, as NHS England drops it from the forward search."""
    return t.request & ((t.start == t.cluster_start) | (t.end == t.cluster_end)).fill_null(False)


def _next_request(c: ir.Table, events: ir.Table) -> ir.Table:
    """For each cluster, the start of the first later request (``next_request``)."""
    r = events.filter(events.kind == Kind.REQUEST.value).select(
        "person_id", "start", "end", request=ibis.literal(True)
    )
    later = c.inner_join(r, [c.person_id == r.person_id, r.start >= c.cluster_end]).drop(
        "person_id_right"
    )
    later = later.filter(~_is_itself(later))
    return later.group_by(["person_id", "cluster"]).agg(next_request=later.start.min())


def _nfa_sequel(mapped: ir.StringColumn) -> ir.StringScalar:
    """The NFA/end-of-life sequel of the latest-ending such events; conflicting ties are "other"."""
    return ibis.cases(
        (mapped.max() == mapped.min(), mapped.max()),
        else_=Sequel.NO_SERVICES.value,
    )


def _classify(t: ir.Table) -> ir.Table:
    no_later = t.later_events.isnull()
    service = t.best_service < NOT_A_SEQUEL_SERVICE
    request_final = is_no_further_action(t.request_outcome)
    record = ibis.cases(
        (no_later, RecordType.NO_LATER_EVENTS.value),
        (t.best_service.isnull(), RecordType.OUT_OF_SCOPE.value),
        (service, RecordType.SERVICE.value),
        (t.nfa_sequel.notnull(), RecordType.NO_FURTHER_ACTION.value),
        else_=RecordType.NO_SERVICE.value,
    )
    t = t.mutate(record_type=record)
    sequel = ibis.cases(
        (t.record_type == RecordType.SERVICE.value, _service_sequel(t.best_service)),
        (t.record_type == RecordType.NO_FURTHER_ACTION.value, t.nfa_sequel),
        (
            (t.record_type == RecordType.NO_SERVICE.value) & ~request_final,
            Sequel.NO_SERVICE_FOUND.value,
        ),
        else_=outcome_sequel(t.request_outcome),
    )
    return t.select(
        "person_id",
        request_start=t.cluster_start,
        request_end=t.cluster_end,
        request_days=seconds_between(t.cluster_start, t.cluster_end) / SECONDS_PER_DAY,
        request_outcome=t.request_outcome,
        record_type=t.record_type,
        sequel=sequel,
    )


def summary(sequel_table: ir.Table) -> ir.Table:
    """Sequels by category, with each one's share of requests from new clients.

    Card — numerator: clustered requests from new clients with each
    sequel; denominator: all of them ending in the window.
    """
    counted = sequel_table.group_by("sequel").agg(requests=sequel_table.count())
    return counted.mutate(
        share=counted.requests.cast("float64") / counted.requests.sum().over(ibis.window())
    )
