"""Quantities derived from the parameters, each written once beside its reasoning.

The rates of needs arising by age band, the setting mix of new long-term
support, the weekly cost of reablement, and the known values of the patterns
planted for testing the check.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from whatmatters.council.codes import Design, Sequel
from whatmatters.council.parameters import Mechanisms, Parameters


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
      care, on any census day;
    * ``deadline_heaping``: how many more assessments end in the last
      ``target_rush_days`` days before the target than the durations would
      put there without it, as a share of those (0.38: 38% more); 0 where
      nothing is rushed (``deadline_heaping_of``);
    * ``reopened_28_share``: share of closures followed by the person's own
      return within 28 days (``reopened_share``): a floor, since a new need
      arising also brings a request;
    * ``menu_index``: share of co-produced plan actions done by the person's
      own network for new clients (``menu_index_of``); None under the menu
      design, which records no plan actions.
    """

    self_referral_share: float
    re_referral_share: float
    mean_home_care_hours: float
    deadline_heaping: float
    reopened_28_share: float
    menu_index: float | None


def planted_patterns(p: Parameters, design: Design) -> PlantedPatterns:
    """The known values of the planted patterns for a council run under ``design`` throughout."""
    m = p.design(design)
    return PlantedPatterns(
        self_referral_share=m.self_referral_share,
        re_referral_share=1 - 1 / requests_per_need(p, design),
        mean_home_care_hours=p.services.home_care_hours_mean * (1 - m.network_hours_cover),
        deadline_heaping=deadline_heaping_of(m),
        reopened_28_share=reopened_share(p, design, 28),
        menu_index=menu_index_of(p, design),
    )


def deadline_heaping_of(m: Mechanisms) -> float:
    """Extra assessments ending in the band just inside the target, over those expected there.

    Without the target an assessment lasts a gamma (shape 2) number of days:
    first assessments with mean ``assessment_days``, re-assessments (``reassessments``
    per first) with half that. The target moves a ``target_rush_share`` of those
    lasting more than ``target_days`` whole days into the band's
    ``target_rush_days`` days (``council.targets``).
    """
    if m.target_rush_share <= 0 or m.assessment_days <= 0:
        return 0.0
    low, high = m.target_days - m.target_rush_days + 1, m.target_days + 1
    # Whole days between calendar days: a duration D starting u into its day spans
    # floor(D + u) days, u uniform over the day (averaged on a fine grid).
    from scipy import stats  # a second to import: not on every command's path (cli imports us)

    u = (np.arange(400) + 0.5) / 400
    late = band = 0.0
    for mean, weight in ((m.assessment_days, 1.0), (m.assessment_days / 2, m.reassessments)):
        days = stats.gamma(2.0, scale=mean / 2.0)
        late += weight * float(np.mean(days.sf(high - u)))
        band += weight * float(np.mean(days.cdf(high - u) - days.cdf(low - u)))
    return float(m.target_rush_share * late / band)


def reopened_share(p: Parameters, design: Design, within: float) -> float:
    """Share of closures followed by the person's return within ``within`` days.

    A case closes with what matters not achieved with chance 1 − achieved
    (weighted by the sequel mix); the person comes back with chance
    ``return_if_not_achieved``, a uniform ``return_delay_days`` later.
    """
    mix = np.array([p.demand.sequel_mix[s.key] for s in Sequel])
    fail = float(np.sum(mix * (1 - p.design(design).by_sequel("achieved"))))
    low, high = p.demand.return_delay_days["low"], p.demand.return_delay_days["high"]
    soon = min(max((within - low) / (high - low), 0.0), 1.0)
    return fail * p.demand.return_if_not_achieved * soon


def menu_index_of(p: Parameters, design: Design) -> float | None:
    """Share of a new client's plan actions done by their own network (``what_matters.Outcomes``).

    Each conversation's plan has one action for each thing that matters
    (1 + a Poisson number, at most ``most``); where a paid service is part of
    the answer it does the first action.
    """
    m = p.design(design)
    if not m.conversation_first:
        return None
    from scipy import stats

    per = p.plans.outcomes_per_conversation
    extra = stats.poisson(per["mean_extra"])
    most = int(per["most"]) - 1
    actions = 1 + sum(k * extra.pmf(k) for k in range(most)) + most * extra.sf(most - 1)
    mix = np.array([p.demand.sequel_mix[s.key] for s in Sequel])
    paid_sequel = np.array([s >= Sequel.ONGOING_LOW_LEVEL for s in Sequel])
    paid = float(np.sum(mix * paid_sequel * (1 - m.by_sequel("network_met"))))
    return float(1 - paid / actions)
