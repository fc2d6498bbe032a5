"""Numbers in plain words: the report's and the measures page's changes."""

from __future__ import annotations

import pytest
from django.utils import translation

from whatmatters import words
from whatmatters.casework.measures.figures import in_readers_language


@pytest.mark.parametrize(
    ("difference", "said"),
    [(-0.19, "−19 points"), (0.01, "+1 point"), (0.0345, "+3.5 points"), (0.0, "0 points")],
)
def test_a_change_between_shares_is_said_in_points(difference: float, said: str) -> None:
    assert words.points(difference) == said


def test_shares_change_in_points_and_counts_in_percent() -> None:
    # 27% → 8% of requests repeated: 19 points fewer, not "−69%"
    assert words.change_of(-0.19, -0.69, "share") == "−19 points"
    assert words.change_of(5.0, 0.1, "days") == "+10%"
    assert words.plural(1, "row") == "1 row" and words.plural(2, "row") == "2 rows"


def test_the_measures_page_says_points_in_welsh_too(settings) -> None:  # type: ignore[no-untyped-def]
    with translation.override("en-gb"), in_readers_language():
        assert words.points(-0.19) == "−19 points"
    with translation.override("cy"), in_readers_language():
        assert words.points(-0.19) == "−19 pwynt"
        assert words.points(-0.02) == "−2 bwynt"  # soft mutation after "dau"


def test_cost_avoidance_within_ordinary_variation_says_so() -> None:
    from whatmatters.report.readings.results import change

    row = {"name": "Cost avoidance", "measure": "cost_avoidance", "unit": "£", "after": 1_000.0}
    within = change({**row, "ordinary_variation": 5_000.0})
    assert within == "£1,000 avoided (within ordinary variation: no evidence of a change)"
    beyond = change({**row, "ordinary_variation": 500.0})
    assert beyond == "£1,000 avoided"
