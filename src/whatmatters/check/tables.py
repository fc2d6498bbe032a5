"""The check's result tables: their names, what each holds, and how each is sorted.

``docs/check.md`` describes every column; the writers (report, Spark) name
the tables from here.
"""

from __future__ import annotations

SPLIT_TABLES: dict[str, str] = {
    "journeys_by_period": "Journeys before and after the change: typical and most passed-around.",
    "fragmented_by_period": "The most fragmented journeys on each side of the change.",
    "demand_by_type_by_period": "Contacts and requests by kind, type and channel, each side.",
    "value_failure_by_period": "Value, failure and unclassified demand, each side.",
    "first_point_by_period": "Demand resolved at the first point of contact, each side.",
    "activities_by_period": "Each step, each side: how often, first or last.",
    "directly_follows_by_period": "The process map of each side: pairs of steps, how often, "
    "how long between.",
    "variants_by_period": "Journeys as sequences of steps on each side, with share and coverage.",
    "team_handoffs_by_period": "Team-to-team handoffs on each side, with their share.",
    "self_referrals_by_period": "How often each team refers to itself, each side.",
}
"""The before-and-after tables (written only with a change date)."""

TABLES: dict[str, str] = {
    "left_out": "Journal rows the check could not place (no person or no start).",
    "people": "One row per person: their journey in the window.",
    "episodes": "One row per episode of work, with its end-to-end time.",
    "fragmented": "The journeys passed between the most teams and workers.",
    "timeline": "One person's every event in order, lane by team.",
    "demand_by_type": "Contacts and requests by kind, type and channel.",
    "value_failure": "Value, failure and unclassified demand.",
    "failure_reasons": "Failure demand by its reason.",
    "failure_examples": "What people said, verbatim, for each failure reason.",
    "first_point": "Demand resolved at the first point of contact.",
    "asked_for": "Demand by what was asked for, in the person's words, value beside failure.",
    "asked_examples": "What people asked for, verbatim, for each theme.",
    "repeat_requests": "Requests from someone who made another within 28, 90, 182 days.",
    "repeat_request_people": "The people (pseudonymous ids) behind each repeat-request count.",
    "sequels": "What followed each request from a new client (SALT STS001-style).",
    "sequel_summary": "Sequels by category with their shares.",
    "activities": "Each step: how often, for how many people, first or last.",
    "directly_follows": "The process map: each pair of steps, how often, how long between.",
    "variants": "Journeys as sequences of steps, with how many people and coverage.",
    "variant_people": "The people (pseudonymous ids) behind each journey of ``variants``.",
    "rework": "Steps done more than once for the same person.",
    "team_handoffs": "Team-to-team handoff matrix, self-loops included.",
    "worker_handoffs": "Worker-to-worker handovers (pm4py's handover of work).",
    "referrals": "Referral records from team to team, self-referrals marked.",
    "self_referrals": "How often each team refers to itself.",
    "self_referral_people": "The people (pseudonymous ids) each team referred to itself.",
    **SPLIT_TABLES,
    "series": "Each capability measure per week or month: numerator, denominator, value.",
    "capability": "The capability (XmR) charts' numbers: limits and signals per point.",
    "results": "Before and after: the seed's measures, with % change and method.",
    "menu_by_team": "Plan actions by the person's own network, per team, before and after.",
    "reopened": "Closures followed by a new request within 28 and 90 days, by reason and team.",
    "deadlines": "Each target: steps just inside it against a smooth curve (heaping).",
    "deadline_days": "Steps with a target by whole days taken.",
    "cost_projection": "The weekly cost the baseline projects after the change, with its 95% band.",
}

SORT_KEYS: dict[str, list[str]] = {
    "people": ["person_id"],
    "episodes": ["person_id", "episode"],
    "timeline": ["pos"],
    "demand_by_type": ["kind", "type", "channel"],
    "value_failure": ["demand"],
    "failure_reasons": ["reason"],
    "failure_examples": ["reason", "example"],
    "repeat_requests": ["days"],
    "sequels": ["person_id", "request_start"],
    "sequel_summary": ["sequel"],
    "activities": ["activity"],
    "directly_follows": ["source", "target"],
    "rework": ["activity"],
    "team_handoffs": ["source", "target"],
    "worker_handoffs": ["source", "target"],
    "referrals": ["from_team", "to_team"],
    "self_referrals": ["team"],
    "variant_people": ["variant", "person_id"],
    "self_referral_people": ["team", "person_id"],
    "repeat_request_people": ["days", "person_id"],
    "asked_for": ["demand", "asked"],
    "asked_examples": ["demand", "asked", "example"],
    "menu_by_team": ["side", "team"],
    "reopened": ["reason", "team"],
}
