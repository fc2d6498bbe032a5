"""The demo council's history: a synthetic council that changes to the what-matters way.

``whatmatters.council`` models the council: three years of a menu-driven
system, then a year after it switches to the what-matters design, so the
measures page shows the change. Its calendar ends at the start of the
current month, so the history is recent; the same seed gives the same
people and records (only the calendar moves with the month).

The synthetic council names no one; casework finds people by name, so each
person gets a made-up name here (from the seed; no row describes a real
person).
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from whatmatters.council.codes import Team

YEARS = 4
YEARS_BEFORE_THE_SWITCH = 3
# The team the demo's worker and team leader belong to: after the switch,
# a neighbourhood team holds each person's work from first contact on.
DEMO_TEAM = Team.LOCAL_NORTH.value

FEMALE = (
    "Angharad", "Ann", "Beth", "Bronwen", "Carys", "Catrin", "Ceri", "Eira", "Elin", "Ffion",
    "Gwen", "Joan", "Lowri", "Mair", "Mary", "Megan", "Nia", "Rhian", "Sian", "Sioned",
)  # fmt: skip
MALE = (
    "Alun", "Bryn", "Dafydd", "Dai", "David", "Dylan", "Emyr", "Gareth", "Geraint", "Huw",
    "Idris", "Iwan", "John", "Llew", "Owain", "Peter", "Rhodri", "Rhys", "Tom", "Wyn",
)  # fmt: skip
LAST = (
    "Bevan", "Davies", "Edwards", "Evans", "Griffiths", "Howells", "Hughes", "James",
    "Jenkins", "Jones", "Lewis", "Llewellyn", "Morgan", "Morris", "Owen", "Parry", "Powell",
    "Price", "Pritchard", "Rees", "Roberts", "Rowlands", "Thomas", "Vaughan", "Williams",
)  # fmt: skip


def run_start(today: datetime.date, years: int = YEARS) -> datetime.date:
    """The first day of the run: ``years`` before the start of this month."""
    return today.replace(year=today.year - years, day=1)


def council_settings(population: int, seed: int, today: datetime.date):
    """The synthetic council's settings for a demo of ``population`` people."""
    from whatmatters.council import Design, Settings

    start = run_start(today)
    return Settings(
        population=population,
        years=YEARS,
        design=Design.MENU,
        switch=start.replace(year=start.year + YEARS_BEFORE_THE_SWITCH),
        seed=seed,
        start=start,
    )


def council_history(population: int, seed: int, today: datetime.date | None = None) -> pa.Table:
    """The demo council's journal (an Arrow table), with made-up names."""
    from whatmatters.council import generate_journal
    from whatmatters.journal.store import read_journal

    settings = council_settings(population, seed, today or datetime.date.today())
    with tempfile.TemporaryDirectory(prefix="whatmatters-demo-") as folder:
        generate_journal(settings, Path(folder) / "journal")
        table = read_journal(Path(folder) / "journal")
    return with_names(table, seed)


def with_names(table: pa.Table, seed: int) -> pa.Table:
    """Fill first and last names: one made-up name a person, the same on all their rows."""
    people = pc.unique(table["person_id"]).sort()
    rng = np.random.default_rng(np.random.SeedSequence([seed, 1]))
    female = np.array(FEMALE, dtype=object)[rng.integers(len(FEMALE), size=len(people))]
    male = np.array(MALE, dtype=object)[rng.integers(len(MALE), size=len(people))]
    last = np.array(LAST, dtype=object)[rng.integers(len(LAST), size=len(people))]
    index = pc.index_in(table["person_id"], value_set=people)
    is_female = pc.equal(table["gender"], "Female").fill_null(False)
    first = pc.if_else(
        is_female,
        pa.array(female).take(index),
        pa.array(male).take(index),
    )
    names = {"first_name": first, "last_name": pa.array(last).take(index)}
    for name, column in names.items():
        table = table.set_column(table.schema.get_field_index(name), name, column)
    return table
