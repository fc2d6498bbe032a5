"""The check's counting rules in plain words, so a reader knows which figures these are."""

from __future__ import annotations

from whatmatters.check.params import EpisodeRules, SequelRules
from whatmatters.language import _


def episode_rule(rules: EpisodeRules) -> str:
    """When a journey (an episode of work) starts and ends."""
    if rules.closure_ends_episode:
        text = _(
            "A journey runs from the person's first contact until what matters is achieved or "
            "they stop needing help: {gap} days with nothing happening end it, and a closure "
            "ends it unless the person is back within {same} days (then it is the same journey)."
        )
    else:
        text = _(
            "A journey runs from the person's first contact until what matters is achieved or "
            "they stop needing help: {gap} days with nothing happening end it."
        )
    return text.format(gap=rules.gap_days, same=rules.same_journey_days)


def sequel_rules(rules: SequelRules) -> str:
    """Which requests count as one, and what counts as a request's sequel."""
    if rules.same_day_quirk:
        text = _(
            "Requests from one person within {cluster} days of each other count as one; the "
            "sequel is what follows within {window} days of the request's end ({chain} days "
            "after reablement), except that, as in NHS England's STS001 code, a request that "
            "starts and ends on the same day is not held to the {window} days."
        )
    else:
        text = _(
            "Requests from one person within {cluster} days of each other count as one; the "
            "sequel is what follows within {window} days of the request's end ({chain} days "
            "after reablement)."
        )
    return text.format(
        cluster=rules.cluster_days, window=rules.window_days, chain=rules.chain_gap_days
    )
