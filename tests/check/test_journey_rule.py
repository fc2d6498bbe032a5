"""End-to-end time from the person's side: the same direction on a journal and its CLD return.

A council switching from the menu design (cases closed once services are
set up, though people come back within weeks) to the what-matters design
(followed through until what matters is achieved) is generated; the check
is worked out on its journal and on its own CLD export imported. The
journal has closures, the return has none: under the person's-side rule (a
closure followed by the person's return within 90 days is the same
journey) both must move the same way. Restarting the clock at every closure
made the journal say +24% and the return −58%.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from benchmarks.evidence_study import Council, Outcome, _measure

from whatmatters.council import Design, Settings, generate
from whatmatters.journal.cld.importer import import_cld

TOLERANCE = 0.05  # changes within ±5% have no direction to disagree about
SWITCHING = Council(Design.MENU, 20_000, seed=1, switch=dt.date(2024, 4, 1))


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[Outcome, Outcome]:
    out = tmp_path_factory.mktemp("switching")
    c = SWITCHING
    summary = generate(
        Settings(population=c.population, years=c.years, seed=c.seed, switch=c.switch), out
    )
    imported = Path(out) / "cld_journal"
    assert import_cld(list(summary.cld_files), imported).ok
    return _measure(c, summary.journal), _measure(c, imported)


def _direction(change: float) -> int:
    return 0 if abs(change) <= TOLERANCE else (1 if change > 0 else -1)


def test_end_to_end_time_moves_the_same_way_on_the_journal_and_its_return(both) -> None:
    journal, cld = (o.rows["end_to_end_days"][1] for o in both)
    assert journal is not None and cld is not None
    assert _direction(journal) * _direction(cld) >= 0, (journal, cld)


def test_the_switch_is_found_the_same_way_in_both(both) -> None:
    journal, cld = both
    for measure in ("requests", "assessments"):
        assert journal.found_fall(measure) and cld.found_fall(measure), measure
