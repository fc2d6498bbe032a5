"""The two designs differ only through named mechanisms, and each mechanism matters.

Each test changes one mechanism of one design (everything else, the seed
included, the same) and checks the effect the mechanism is there to have.
Small councils (30,000 people, two years) are enough: the effects are large.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.council import measures
from tests.council.measures import Run
from whatmatters.council import Design, load_parameters, planted_patterns

MENU, WM = Design.MENU, Design.WHAT_MATTERS
P = load_parameters()
Council = Callable[..., Run]


def test_the_designs_share_every_key_and_differ_only_in_mechanisms() -> None:
    assert type(P.menu) is type(P.what_matters)
    differing = {
        name
        for name in P.menu.__dataclass_fields__
        if getattr(P.menu, name) != getattr(P.what_matters, name)
    }
    assert differing  # they do differ, and only through Mechanisms' named fields
    assert differing <= set(P.menu.__dataclass_fields__)


def test_what_matters_brings_fewer_requests_contacts_and_assessments(council: Council) -> None:
    menu, wm = council(MENU), council(WM)
    for kind in ("request", "contact", "assessment", "referral"):
        assert measures.count(wm, kind) < measures.count(menu, kind), kind
    assert measures.failure_demand_share(wm) < measures.failure_demand_share(menu)


def test_achieving_what_matters_cuts_returns(council: Council) -> None:
    """With the menu's (lower) achieved chances, the what-matters design sees more people back."""
    wm = council(WM)
    unachieved = council(WM, mechanisms={"achieved": P.menu.achieved})
    assert measures.re_referral_share(unachieved) > measures.re_referral_share(wm) + 0.10
    assert measures.count(unachieved, "request") > 1.1 * measures.count(wm, "request")


def test_returns_follow_the_planted_rate_in_each_design(council: Council) -> None:
    for design in (MENU, WM):
        expected = planted_patterns(P, design).re_referral_share
        assert measures.re_referral_share(council(design)) == pytest.approx(expected, abs=0.03)


def test_handoffs_make_referrals_and_repeated_stories(council: Council) -> None:
    wm = council(WM)
    handed = council(WM, mechanisms={"extra_handoffs": P.menu.extra_handoffs})
    assert measures.count(handed, "referral") > 2 * measures.count(wm, "referral")
    story = "repeating the story"
    assert measures.failure_contacts(handed, story) > 2 * measures.failure_contacts(wm, story)


def test_self_referrals_are_planted_at_the_parameter(council: Council) -> None:
    assert measures.self_referral_share(council(MENU)) == pytest.approx(0.10, abs=0.02)
    none = council(MENU, mechanisms={"self_referral_share": 0.0})
    assert measures.self_referral_share(none) == 0.0
    many = council(MENU, mechanisms={"self_referral_share": 0.3})
    assert measures.self_referral_share(many) == pytest.approx(0.3, abs=0.02)


def test_needs_met_through_the_persons_network_mean_fewer_paid_services(council: Council) -> None:
    wm = council(WM)
    no_network = council(WM, mechanisms={"network_met": P.menu.network_met})
    assert measures.count(no_network, "service") > 1.2 * measures.count(wm, "service")
    assert measures.paid_actions_share(no_network) > measures.paid_actions_share(wm)


def test_network_cover_shortens_home_care_packages(council: Council) -> None:
    wm = council(WM)
    full = council(WM, mechanisms={"network_hours_cover": 0.0})
    assert measures.mean_home_care_hours(full) == pytest.approx(
        P.services.home_care_hours_mean, rel=0.07
    )
    expected = planted_patterns(P, WM).mean_home_care_hours
    assert measures.mean_home_care_hours(wm) == pytest.approx(expected, rel=0.07)


def test_residential_diversion_means_fewer_care_home_placements(council: Council) -> None:
    # A strong contrast (none vs 60% diverted) so the effect stands well clear of noise.
    placed = council(WM, years=3.0, mechanisms={"residential_diversion": 0.0})
    diverted = council(WM, years=3.0, mechanisms={"residential_diversion": 0.6})
    assert measures.care_home_placements(placed) > 1.5 * measures.care_home_placements(diverted)


def test_conversation_first_records_what_matters_in_the_persons_words(council: Council) -> None:
    assert measures.count(council(MENU), "conversation") == 0
    assert measures.count(council(MENU), "outcome") == 0
    wm = council(WM)
    assert measures.count(wm, "conversation") > 0
    assert measures.outcomes_in_own_words(wm)
    silent = council(WM, mechanisms={"conversation_first": False})
    assert measures.count(silent, "conversation") == 0
    assert measures.count(silent, "outcome") == 0


def test_a_named_worker_means_fewer_workers_per_person(council: Council) -> None:
    wm = council(WM)
    anyone = council(WM, mechanisms={"same_worker": False})
    assert measures.workers_per_person(anyone) > measures.workers_per_person(wm)


def test_neighbourhood_teams_mean_fewer_teams_per_person(council: Council) -> None:
    assert measures.teams_per_person(council(WM)) < measures.teams_per_person(council(MENU))


def test_follow_through_ends_with_the_person_saying_what_matters_is_achieved(
    council: Council,
) -> None:
    wm = council(WM)
    assert measures.count_activity(wm, "What matters achieved") > 0
    closed = council(WM, mechanisms={"follow_through_days": 0.0})
    assert measures.count_activity(closed, "What matters achieved") == 0


def test_failure_demand_scales_with_its_sweep_parameter(council: Council) -> None:
    shares = [
        measures.failure_demand_share(council(MENU, values={"failure_demand": {"scale": s}}))
        for s in (0.5, 1.0, 2.0)
    ]
    assert shares[0] < shares[1] < shares[2]


def test_the_switch_turns_the_menu_into_what_matters(council: Council) -> None:
    from datetime import date

    run = council(MENU, years=2.0, switch=date(2023, 4, 1))
    before, after = measures.by_period(run, "2023-04-01")
    assert before["conversation"] == 0 and after["conversation"] > 0
    assert after["assessment"] < before["assessment"]
    assert after["request"] < before["request"]
