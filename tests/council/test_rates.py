"""A generated menu-design council reproduces the published rates its parameters claim.

The published figures describe today's (menu-driven) councils, so they are
checked on the menu design. Tolerances allow for sampling noise at 60,000
people over three years and are stated beside each test.
"""

from __future__ import annotations

import pytest

from tests.council import measures
from tests.council.measures import Run
from whatmatters.council import Design, load_parameters, planted_patterns

P = load_parameters()


def test_requests_per_100k_adults(menu_council: Run) -> None:
    # calibration: requests ≈4,490 per 100k adults a year; within 10%.
    rate = measures.requests_per_100k_adults_a_year(menu_council)
    assert rate == pytest.approx(P.demand.requests_per_100k_adults, rel=0.10)


def test_share_of_requests_from_people_65_plus(menu_council: Run) -> None:
    # calibration: 68%; within 3 percentage points.
    share = measures.share_of_requests_65_plus(menu_council)
    assert share == pytest.approx(P.demand.share_requests_65_plus, abs=0.03)


def test_route_of_access(menu_council: Run) -> None:
    # calibration: ≈20% hospital discharge; within 3 percentage points.
    share = measures.hospital_route_share(menu_council)
    assert share == pytest.approx(P.demand.hospital_route_share, abs=0.03)


def test_requests_per_client(menu_council: Run) -> None:
    # calibration: 1.43 requests per client a year; within 10%.
    assert measures.requests_per_client(menu_council) == pytest.approx(1.43, rel=0.10)


def test_long_term_support_by_setting(menu_council: Run) -> None:
    # calibration: residential 22%, nursing 10%, community 68%; each within 4 points.
    shares = measures.long_term_by_setting(menu_council)
    for setting, published in P.services.lts_setting_shares.items():
        assert shares[setting] == pytest.approx(published, abs=0.04), setting


def test_people_in_long_term_support_at_year_end(menu_council: Run) -> None:
    # calibration: LTS at year end ≈1,400 per 100k adults; within 15% every year.
    for year in range(1, int(menu_council.years) + 1):
        rate = measures.long_term_per_100k_adults(menu_council, year)
        assert rate == pytest.approx(P.services.lts_stock_per_100k_adults, rel=0.15), year


def test_mean_home_care_hours(menu_council: Run) -> None:
    # calibration: 14h23m a week; within 7% (a planted, known mean).
    expected = planted_patterns(P, Design.MENU).mean_home_care_hours
    assert measures.mean_home_care_hours(menu_council) == pytest.approx(expected, rel=0.07)


def test_share_reviewed(menu_council: Run) -> None:
    # calibration: 58.4% of LTS clients of over 12 months reviewed in the year; within 5 points.
    share = measures.share_reviewed(menu_council)
    assert share == pytest.approx(P.services.reviewed_share, abs=0.05)


def test_sequel_split(menu_council: Run) -> None:
    # calibration (2014-15): each sequel within 3 percentage points of its published share.
    split = measures.sequel_split(menu_council)
    for sequel, published in P.demand.sequel_mix.items():
        assert split.get(sequel, 0.0) == pytest.approx(published, abs=0.03), sequel


def test_planted_self_referral_share(menu_council: Run) -> None:
    # A team referring to itself at a known rate: within 1.5 points.
    expected = planted_patterns(P, Design.MENU).self_referral_share
    assert measures.self_referral_share(menu_council) == pytest.approx(expected, abs=0.015)


def test_planted_re_referral_share(menu_council: Run) -> None:
    # People coming back because what mattered was not achieved: within 3 points of the
    # steady-state value (deaths and the run's end cut a few chains short).
    expected = planted_patterns(P, Design.MENU).re_referral_share
    assert measures.re_referral_share(menu_council) == pytest.approx(expected, abs=0.03)


def test_failure_demand_is_in_the_reported_range(menu_council: Run) -> None:
    # calibration: 40–60% in conventional organisations, 70–90% in local authorities, ≈30%
    # measured: the model's menu design should land inside that span, not at one number.
    assert 0.30 <= measures.failure_demand_share(menu_council) <= 0.90
