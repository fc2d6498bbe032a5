"""The lenses on generated councils: the planted menu index, deadline heaping and re-opened
closures are reported with their known values (``planted_patterns``), and heaping is not
claimed where the generator planted none.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from whatmatters.check.backends import journal_table
from whatmatters.check.catalogue import Measure
from whatmatters.check.deadlines import deadline_effects
from whatmatters.check.events import usable
from whatmatters.check.params import CheckParams
from whatmatters.check.run import CheckResult, run_check
from whatmatters.check.targets import EXAMPLE, read_targets
from whatmatters.check.window import Window
from whatmatters.council import Design, Settings, generate_journal, load_parameters
from whatmatters.council import planted_patterns as planted
from whatmatters.council.derived import reopened_share
from whatmatters.report.sections.menu import menu

SWITCH = dt.date(2023, 4, 1)
P = load_parameters()
TARGETS = read_targets(EXAMPLE)


@pytest.fixture(scope="module")
def switching_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("switching") / "journal"
    settings = Settings(population=20_000, years=2, design=Design.MENU, switch=SWITCH, seed=5)
    generate_journal(settings, path)
    return path


@pytest.fixture(scope="module")
def switching(switching_journal: Path) -> CheckResult:
    return run_check(switching_journal, CheckParams(change_date=SWITCH, targets=TARGETS))


def _result(result: CheckResult, measure: Measure) -> dict:
    return next(r for r in result["results"].to_pylist() if r["measure"] == measure.value)


def test_the_menu_index_before_and_after_the_switch(switching) -> None:
    index = _result(switching, Measure.MENU_INDEX)
    assert index["before"] is None  # the menu design records no plan actions
    assert planted(P, Design.MENU).menu_index is None
    assert index["after"] == pytest.approx(planted(P, Design.WHAT_MATTERS).menu_index, abs=0.04)
    achieved = _result(switching, Measure.MENU_INDEX_ACHIEVED)
    assert achieved["before"] is None and 0.7 < achieved["after"] < 0.95
    assert {Measure.MENU_INDEX, Measure.MENU_INDEX_ACHIEVED} <= set(switching.capability)
    sentence = menu(switching).figures[0].sentence
    assert sentence.startswith("Before the change, no plan actions were recorded; after the change")


def test_the_menu_index_per_team_adds_up_to_the_council(switching) -> None:
    after = [r for r in switching["menu_by_team"].to_pylist() if r["side"] == "after"]
    own, actions = sum(r["own_network"] for r in after), sum(r["actions"] for r in after)
    series = [
        r
        for r in switching["series"].to_pylist()
        if r["measure"] == Measure.MENU_INDEX.value and r["period_start"] >= SWITCH
    ]
    compared = {s.start for s in switching.comparison.after}
    assert own == sum(r["numerator"] for r in series if r["period_start"] in compared)
    assert actions == sum(r["denominator"] for r in series if r["period_start"] in compared)


def test_closures_reopened_within_28_days_as_planted(switching) -> None:
    reopened = _result(switching, Measure.REOPENED_28)
    assert reopened["before"] == pytest.approx(planted(P, Design.MENU).reopened_28_share, abs=0.03)
    assert reopened["after"] == pytest.approx(
        planted(P, Design.WHAT_MATTERS).reopened_28_share, abs=0.03
    )
    assert Measure.REOPENED_28 in switching.capability  # its capability chart
    # within 90 days: at least the planted returns (a new need arising also brings a request)
    within_90 = _result(switching, Measure.REOPENED_90)
    for side, design in (("before", Design.MENU), ("after", Design.WHAT_MATTERS)):
        assert within_90[side] >= reopened_share(P, design, 90) - 0.02, side
        assert within_90[side] > _result(switching, Measure.REOPENED_28)[side], side
    assert Measure.REOPENED_90 in switching.capability


def test_no_heaping_after_the_switch_to_what_matters(switching, switching_journal) -> None:
    assert planted(P, Design.WHAT_MATTERS).deadline_heaping == 0
    events = usable(journal_table(switching_journal, "duckdb"))
    found, _ = deadline_effects(events, TARGETS[:1], Window(SWITCH, switching.window.end))
    assert not found["heaping"][0].as_py()


RUSH_SWITCH = dt.date(2024, 4, 1)


def _heaping_council(tmp_path_factory, share: float) -> tuple[dict, dict, float]:
    """Heaping found before and after a switch, on a council rushing ``share`` under the menu."""
    params = P.with_mechanism(Design.MENU, target_rush_share=share)
    path = tmp_path_factory.mktemp(f"rush{share}") / "journal"
    settings = Settings(
        population=40_000,
        years=3,
        design=Design.MENU,
        switch=RUSH_SWITCH,
        seed=11,
        parameters=params,
    )
    generate_journal(settings, path)
    events = usable(journal_table(path, "duckdb"))
    stretches = (
        Window(settings.start, RUSH_SWITCH - dt.timedelta(days=1)),
        Window(RUSH_SWITCH, settings.end - dt.timedelta(days=1)),
    )
    before, after = (deadline_effects(events, TARGETS[:1], w)[0].to_pylist()[0] for w in stretches)
    return before, after, planted(params, Design.MENU).deadline_heaping


def test_the_planted_deadline_heaping_is_found_before_the_switch_and_not_after(
    tmp_path_factory,
) -> None:
    before, after, known = _heaping_council(tmp_path_factory, 0.3)
    assert known > 1  # over twice as many assessments on days 26–28 as without the target
    assert before["heaping"]
    # ~2,000 assessments: the band's count and the fitted curve are both noisy (about ±0.2)
    assert before["excess"] == pytest.approx(known, abs=0.45)
    assert not after["heaping"]  # the what-matters design rushes nothing


def test_no_heaping_is_claimed_without_the_mechanism(tmp_path_factory) -> None:
    before, after, known = _heaping_council(tmp_path_factory, 0.0)
    assert known == 0
    assert before["expected"] is not None  # enough assessments to tell
    assert not before["heaping"] and not after["heaping"]
