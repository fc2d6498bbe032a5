"""Quantities derived from the parameters, each written once beside its reasoning.

The rates of needs arising by age band, the setting mix of new long-term
support, the weekly cost of reablement, and the known values of the patterns
planted for testing the check.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from whatmatters.council.codes import Design, Sequel
from whatmatters.council.parameters import Parameters


def requests_per_need(p: Parameters, design: Design = Design.MENU) -> float:
    """Expected requests one need brings to the front door, returns included.

    A request fails to achieve what matters with chance 1 − achieved (weighted
    by the sequel mix, after needs met through the person's network), and a
    person whose outcome was not achieved comes back with chance
    ``return_if_not_achieved``: a geometric chain with mean 1 / (1 − q).
    """
    mix = np.array([p.demand.sequel_mix[s.key] for s in Sequel])
    # A need met through the person's network is followed through like any other.
    achieved = p.design(design).by_sequel("achieved")
    fail = float(np.sum(mix * (1 - achieved)))
    q = p.demand.return_if_not_achieved * fail
    return 1.0 / (1.0 - q)


def need_rates_per_year(p: Parameters) -> np.ndarray:
    """Yearly chance a need arises, by age band (indexed by Band).

    The menu design is the system the published figures describe, so the
    rates are set for it to bring ``requests_per_100k_adults`` requests, of
    which ``share_requests_65_plus`` come from people 65+; 85+ have
    ``need_ratio_85_plus`` times the rate of 65–84. The what-matters design sees
    exactly the same needs.
    """
    pop, demand = p.population, p.demand
    needs_per_adult = demand.requests_per_100k_adults / 1e5 / requests_per_need(p)
    share_old = pop.share_65_plus
    share_85 = pop.share_85_plus
    rate_young = needs_per_adult * (1 - demand.share_requests_65_plus) / (1 - share_old)
    rate_old = needs_per_adult * demand.share_requests_65_plus / share_old
    # Split the 65+ rate so that 65–84 and 85+ average to rate_old.
    w85 = share_85 / share_old
    rate_65_84 = rate_old / ((1 - w85) + w85 * demand.need_ratio_85_plus)
    return np.array([rate_young, rate_65_84, rate_65_84 * demand.need_ratio_85_plus])


def long_term_entry_shares(p: Parameters) -> np.ndarray:
    """Setting mix of new long-term support (indexed by Setting) that keeps the stock's mix.

    The published shares describe the people in support at a time (the stock).
    A setting's stock is its entries × mean stay, and community support that
    ends by deterioration feeds care homes, so with community share s, stays
    D_c and D_h and deterioration share g, the community share of entries is
    f = s·D_h / (D_c·(1 − s) + s·D_h·(1 − g)); the rest go to care homes in the
    published residential : nursing ratio.
    """
    sv = p.services
    s = sv.lts_setting_shares["community"]
    d_c, d_h = sv.community_support_days, sv.care_home_stay_days
    g = sv.community_end["deterioration"]
    f = s * d_h / (d_c * (1 - s) + s * d_h * (1 - g))
    f = min(f, 1.0)
    homes = sv.lts_setting_shares["residential"] + sv.lts_setting_shares["nursing"]
    return np.array(
        [
            f,
            (1 - f) * sv.lts_setting_shares["residential"] / homes,
            (1 - f) * sv.lts_setting_shares["nursing"] / homes,
        ]
    )


def st_max_week_cost(p: Parameters) -> float:
    """Weekly cost of reablement: England's ST-Max spend per episode over a mean episode."""
    sv = p.services
    per_episode = sv.st_max_spend / sv.st_max_episodes
    return per_episode / (sv.st_max_days["mean"] / 7)


@dataclass(frozen=True)
class PlantedPatterns:
    """Patterns a generated council holds at known rates, for testing the check on it.

    * ``self_referral_share``: share of referral rows where a team (and worker)
      refers to itself;
    * ``re_referral_share``: share of requests that are a person coming back
      because what mattered was not achieved (their opening contact is failure
      demand, reason "re-referral" or "wrong information"); in steady state
      1 − 1 / ``requests_per_need``, slightly less in practice because a death or
      the run's end cuts some chains short;
    * ``mean_home_care_hours``: mean planned hours a week of long-term home
      care, on any census day.
    """

    self_referral_share: float
    re_referral_share: float
    mean_home_care_hours: float


def planted_patterns(p: Parameters, design: Design) -> PlantedPatterns:
    """The known values of the planted patterns for a council run under ``design`` throughout."""
    m = p.design(design)
    return PlantedPatterns(
        self_referral_share=m.self_referral_share,
        re_referral_share=1 - 1 / requests_per_need(p, design),
        mean_home_care_hours=p.services.home_care_hours_mean * (1 - m.network_hours_cover),
    )
