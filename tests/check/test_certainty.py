"""How sure a results row is: intervals on known stretches, and no crash on odd ones."""

from __future__ import annotations

from whatmatters.check.certainty import NOT_ENOUGH, WITHIN, against_projection, level_change


def test_a_large_fall_in_a_count_is_beyond_ordinary_variation() -> None:
    sure = level_change([100, 104, 97, 101, 99, 103], [60, 63, 58, 61, 59, 62])
    assert sure.beyond_chance and sure.high is not None and sure.high < 0
    assert sure.low < -0.4 / 1.0 + 0.05  # about −40%


def test_the_same_level_on_both_sides_is_within_ordinary_variation() -> None:
    before = [50, 47, 53, 49, 55, 44, 51, 52, 46, 50, 54, 48]
    sure = level_change(before, before[::-1])
    assert sure.verdict == WITHIN and sure.low < 0 < sure.high


def test_rates_use_their_denominators_as_exposure() -> None:
    # The share doubles (10% → 20%) while the denominators halve: a rate change, not a count's.
    counts = [20, 22, 18, 21, 19, 23, 17, 20, 21, 19, 22, 18]
    sure = level_change(counts, counts[::-1], [200] * 12, [100] * 12)
    assert sure.beyond_chance and sure.low > 0


def test_odd_or_tiny_stretches_say_there_is_not_enough_rather_than_fail() -> None:
    assert level_change([0.5, 0.0], [0.0, 1.0], [0.5, 0.0], [0.0, 1.0]) == NOT_ENOUGH
    assert level_change([0, 0, 0], [1, 2, 3]) == NOT_ENOUGH
    assert level_change([1], [2]) == NOT_ENOUGH
    assert against_projection([1.0] * 5, [1.0] * 3) == NOT_ENOUGH  # a baseline too short
