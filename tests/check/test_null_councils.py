"""On councils where nothing changes, no results row claims a change more often than it says.

A small version of the study in ``benchmarks/bench_evidence.py``: four small
councils (menu only and what-matters only, two seeds each), checked with a
change date half way. Each results row says "beyond ordinary variation
(95%)" at a stated level of 5%; in four runs a row may claim once by chance
(probability 19%), twice only with probability 1.4% — so a row claiming
twice or more is calibrated wrongly. The same runs' cost avoidance is held
to the same.
"""

from __future__ import annotations

import pytest
from benchmarks.evidence_study import Council, Outcome, study_council

from whatmatters.check.catalogue import RESULTS
from whatmatters.council import Design

NULL = [
    Council(design, 15_000, seed=seed, years=3.0)
    for design in (Design.MENU, Design.WHAT_MATTERS)
    for seed in (1, 2)
]
MOST_CLAIMS = 1  # of 4 runs at 5%: two or more has probability 1.4%


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> list[Outcome]:
    work = tmp_path_factory.mktemp("null")
    return [study_council(c, work) for c in NULL]


@pytest.mark.parametrize("measure", [m.value for m in RESULTS] + ["cost_avoidance"])
def test_no_row_claims_a_change_on_null_councils_beyond_its_stated_level(
    outcomes: list[Outcome], measure: str
) -> None:
    claims = [o.council.label for o in outcomes if o.claimed(measure)]
    assert len(claims) <= MOST_CLAIMS, f"{measure} claimed a change on: {claims}"


def test_every_compared_row_says_how_sure_it_is(outcomes: list[Outcome]) -> None:
    for o in outcomes:
        for measure, (certainty, change) in o.rows.items():
            if change is None:  # not compared: the records hold none of it (a menu council's
                continue  # outcomes), or nothing to compare
            assert certainty, f"{measure} on {o.council.label} says nothing of how sure it is"
