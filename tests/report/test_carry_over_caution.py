"""A front-door chart whose sign of change is a pattern says that such patterns mislead more
often where demand carries over (docs/capability.md; decision 64); other charts do not."""

from __future__ import annotations

from whatmatters.check.capability import xmr
from whatmatters.check.catalogue import Measure
from whatmatters.language import use
from whatmatters.report.sections.capability import _carry_over_words

# Scatter around 100 with no sign of change, then eight periods above the average: a run.
STEADY = [100, 104, 97, 101, 99, 103, 96, 102, 100, 98, 103, 97, 101, 99, 102, 98]
RUN = [*STEADY, 103, 102, 104, 101, 103, 102, 104, 103]


def test_a_run_on_contacts_comes_with_the_caution() -> None:
    words = _carry_over_words(Measure.CONTACTS, xmr(RUN), "month")
    assert "Read its run, trend or two-of-three with care" in words
    assert "one month's demand carries into the next" in words


def test_no_caution_without_a_pattern_or_off_the_front_door() -> None:
    assert _carry_over_words(Measure.CONTACTS, xmr(STEADY), "month") == ""
    assert _carry_over_words(Measure.NEW_PLACEMENTS, xmr(RUN), "month") == ""
    # A point beyond the limits alone is not a pattern the carry-over makes more likely.
    spike = xmr([*STEADY, 140])
    assert spike.table["outside_limits"].any()
    assert _carry_over_words(Measure.ASSESSMENTS, spike, "month") == ""


def test_the_caution_is_said_in_welsh_for_weeks() -> None:
    with use("cy"):
        words = _carry_over_words(Measure.FAILURE_SHARE, xmr(RUN), "week")
    assert "galw un wythnos yn cario drosodd" in words
