"""Weekly figures derived as DHSC's costing derives them (§B)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.journal.cld.factory import F, row, write_cld
from whatmatters.journal.cld.importer import import_cld
from whatmatters.journal.store import read_journal


def _weekly(tmp_path: Path, changes: dict[F, str | None]) -> tuple[object, object, object]:
    path = write_cld(tmp_path / "x.csv", [row("service", changes)])
    result = import_cld([path], tmp_path / "j")
    assert result.ok, result.refused
    table = read_journal(tmp_path / "j")
    return tuple(table[c][0].as_py() for c in ("units_per_week", "weekly_cost", "hours_per_week"))  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("frequency", "units"),
    [
        ("Weekly", 1.0),
        ("Fortnightly", 0.5),
        ("4-weekly", 0.25),
        ("Monthly", 0.230769),
        ("Quarterly", 0.076923),
        ("Annually", 0.019230),
    ],
)
def test_frequencies_fix_the_units_a_week(tmp_path: Path, frequency: str, units: float) -> None:
    units_per_week, weekly_cost, hours = _weekly(
        tmp_path, {F.COST_FREQUENCY: frequency, F.UNIT_COST: "700.00"}
    )
    assert units_per_week == pytest.approx(units)
    assert weekly_cost == pytest.approx(700 * units)
    assert hours is None


def test_hourly_costs_use_the_planned_units_and_give_hours(tmp_path: Path) -> None:
    assert _weekly(tmp_path, {}) == (10.0, 200.0, 10.0)


def test_a_negative_cost_counts_as_its_size(tmp_path: Path) -> None:
    assert _weekly(tmp_path, {F.UNIT_COST: "-20.00"})[1] == 200.0


def test_one_off_costs_have_no_weekly_figure(tmp_path: Path) -> None:
    assert _weekly(tmp_path, {F.COST_FREQUENCY: "One-off"}) == (None, None, None)


def test_missing_units_or_cost_give_no_weekly_cost(tmp_path: Path) -> None:
    assert _weekly(tmp_path, {F.PLANNED_UNITS_PER_WEEK: None})[1] is None
    assert _weekly(tmp_path, {F.UNIT_COST: "0"})[1] is None


def test_plain_values_follow_the_same_rule() -> None:
    """The casework forms and the synthetic council derive weekly figures by this rule too."""
    from whatmatters.journal.cld.weekly import weekly_figures

    figures = weekly_figures(
        [700.0, 20.0, 50.0, 0.0, None],
        ["Monthly", "hourly", "One-off", "Weekly", "Weekly"],
        [None, -6.0, 2.0, 1.0, 1.0],
    )
    assert figures.rows() == [
        (pytest.approx(0.230769), pytest.approx(700 * 0.230769), None),
        (6.0, 120.0, 6.0),  # planned units are taken as given, without their sign
        (None, None, None),  # a one-off cost has no weekly figure
        (1.0, None, None),  # a cost of 0 is left out, as DHSC does
        (1.0, None, None),  # so is an unknown one
    ]
