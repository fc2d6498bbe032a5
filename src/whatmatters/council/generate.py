"""Generate a synthetic council: the public entry point.

>>> from whatmatters.council import Settings, generate          # doctest: +SKIP
>>> summary = generate(Settings(population=300_000, years=4, seed=1), out)  # doctest: +SKIP

writes::

    OUT/journal/            the journal (manifest.json, events/part-*.parquet,
                            parameters.json: every parameter used, with its source)
    OUT/cld/                CLD Release 2 files, one per reporting year (April–March),
                            CLD_R2_<council>_<first day>_<last day>.csv

People are generated in chunks (``people_per_chunk`` adults each), each with
its own random stream derived from the seed and the chunk's number, and
written as they are made, so memory stays bounded and the output is the
same, byte for byte, for the same settings.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from whatmatters.council.cld_files import write_cld_files
from whatmatters.council.codes import Design
from whatmatters.council.context import Context
from whatmatters.council.long_term import LongTermSupport
from whatmatters.council.parameters import SECTIONS, Parameters, load_parameters
from whatmatters.council.people import DAYS_PER_YEAR, make_people, people_arriving
from whatmatters.council.phrases import PhraseBank, load_phrases
from whatmatters.council.records import add_deaths, journal_table
from whatmatters.council.rows import Rows
from whatmatters.council.simulate import simulate
from whatmatters.council.staff import Staff, make_staff
from whatmatters.journal.schema import conform
from whatmatters.journal.store import JournalWriter

JOURNAL = "journal"
CLD = "cld"
SYNTHETIC_NOTE = (
    "Synthetic data made by whatmatters' synthetic council: no row describes a real person."
)


class SettingsError(ValueError):
    """Settings that cannot make a council; the message says which and why."""


@dataclass(frozen=True)
class Settings:
    """What council to generate."""

    population: int = 300_000  # everyone, children included; adults are a share of it
    years: float = 4.0
    design: Design = Design.MENU
    switch: date | None = None  # the menu design becomes what-matters on this day
    seed: int = 0
    start: date = date(2022, 4, 1)
    council: str = "900"  # CLD LA code (fictional)
    people_per_chunk: int = 100_000
    parameters: Parameters | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.design, Design):
            object.__setattr__(self, "design", Design(self.design))
        # Bounds keep synthetic NHS numbers inside their 9xx range.
        if not 1 <= self.population <= 10_000_000:
            raise SettingsError(f"population must be 1 to 10,000,000, not {self.population}")
        if not 0 < self.years <= 50:
            raise SettingsError(f"years must be more than 0 and at most 50, not {self.years}")
        if self.seed < 0:
            raise SettingsError(f"seed must not be negative, not {self.seed}")
        if self.people_per_chunk < 1:
            raise SettingsError("people_per_chunk must be at least 1")
        if self.switch is not None:
            if self.design is not Design.MENU:
                raise SettingsError(
                    "--switch turns the menu design into what-matters: use it with --design menu"
                )
            if not self.start < self.switch < self.end:
                raise SettingsError(
                    f"the switch date {self.switch} must fall inside the run "
                    f"({self.start} to {self.end})"
                )

    @property
    def end(self) -> date:
        """The day after the run: whole years fall on the calendar date, a part year in days."""
        whole = int(self.years)
        try:
            anniversary = self.start.replace(year=self.start.year + whole)
        except ValueError:  # 29 February
            anniversary = date(self.start.year + whole, 3, 1)
        return date.fromordinal(
            anniversary.toordinal() + round((self.years - whole) * DAYS_PER_YEAR)
        )

    @property
    def horizon(self) -> float:
        """Days in the run."""
        return float((self.end - self.start).days)

    @property
    def switch_day(self) -> float:
        """The first day (from the start) the what-matters design applies; inf if never."""
        if self.design is Design.WHAT_MATTERS:
            return 0.0
        if self.switch is None:
            return float("inf")
        return float((self.switch - self.start).days)

    def resolved_parameters(self) -> Parameters:
        return self.parameters if self.parameters is not None else load_parameters()


@dataclass(frozen=True)
class Summary:
    """What was generated."""

    journal: Path
    cld: Path | None  # the CLD folder; None when CLD files were not asked for
    rows: int
    adults: int
    people_with_rows: int
    chunks: int
    rows_by_kind: dict[str, int]
    cld_files: tuple[Path, ...] = ()  # one CLD Release 2 file per reporting year
    wales_files: tuple[Path, ...] = ()  # --nation wales: the Welsh template, then ARCS files


def generate(
    settings: Settings,
    out: str | Path,
    *,
    cld: bool = True,
    progress: Callable[[int, int], None] | None = None,
    nation: str = "england",
) -> Summary:
    """Generate a council into ``out`` (journal, and CLD files unless ``cld`` is False).

    ``nation="wales"`` writes a Welsh council instead: the Welsh template and
    ARCS-like files in place of CLD (``council.wales_files``).
    ``progress(done, total)`` is called after each chunk of people.
    """
    out = Path(out)
    journal = out / JOURNAL
    summary = generate_journal(settings, journal, progress=progress)
    if nation == "wales":
        from whatmatters.council.wales import COUNCIL
        from whatmatters.council.wales_files import write_welsh_council

        council = COUNCIL if settings.council == Settings.council else settings.council
        template, arcs = write_welsh_council(
            journal, out, settings.seed, council, settings.start, settings.end
        )
        return _welsh_summary(summary, journal, (template, *arcs))
    if not cld:
        return summary
    files = write_cld_files(journal, out / CLD, settings.council, settings.start, settings.end)
    return dataclasses.replace(summary, cld=out / CLD, cld_files=tuple(files))


def generate_journal(
    settings: Settings,
    path: str | Path,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> Summary:
    """Generate a council's journal only, at ``path``."""
    p = settings.resolved_parameters()
    phrases = load_phrases()
    staff = make_staff(settings.population, p.teams.workers_per_300k)
    adults = round(settings.population * p.population.adult_share)
    chunks = [
        min(settings.people_per_chunk, adults - first)
        for first in range(0, adults, settings.people_per_chunk)
    ]
    counts = _Counts()
    with JournalWriter(path) as writer, ThreadPoolExecutor(max_workers=1) as background:
        writer.manifest.update(_manifest(settings, p))
        _write_parameters(writer.side_path("parameters.json"), p)
        origin = float(round(_warm_up_years(settings.design, p) * DAYS_PER_YEAR))
        horizon = origin + settings.horizon
        switch_day = 0.0 if settings.design is Design.WHAT_MATTERS else origin + settings.switch_day
        next_person = next_row = 0
        writing: Future[None] | None = None
        model = Model(p, staff, phrases, origin, horizon, switch_day)
        for number, size in enumerate(chunks):
            for ctx, support in model.rounds(settings.seed, number, size, next_person):
                next_person += len(ctx.people)
                add_deaths(ctx)
                table = journal_table(ctx, support, settings.start, settings.council, next_row)
                next_row += table.num_rows
                # Write these rows while the next are made (Arrow and Parquet release the GIL).
                if writing is not None:
                    writing.result()
                writing = background.submit(counts.write, writer, table)
            if progress is not None:
                progress(number + 1, len(chunks))
        if writing is not None:
            writing.result()
        writer.manifest["rows_by_kind"] = counts.by_kind()
    return Summary(
        journal=Path(path),
        cld=None,
        rows=writer.rows,
        adults=adults,
        people_with_rows=counts.people,
        chunks=len(chunks),
        rows_by_kind=counts.by_kind(),
    )


def _warm_up_years(design: Design, p: Parameters) -> float:
    """The burn-in: a what-matters council settles from the published (menu) stock."""
    if design is Design.WHAT_MATTERS:
        return p.timing.what_matters_warm_up_years
    return p.timing.warm_up_years


@dataclass(frozen=True)
class Model:
    """What every chunk of people is simulated with."""

    p: Parameters
    staff: Staff
    phrases: PhraseBank
    origin: float
    horizon: float
    switch_day: float

    def rounds(
        self, seed: int, number: int, size: int, first: int
    ) -> Iterator[tuple[Context, LongTermSupport]]:
        """Chunk ``number``'s ``size`` people, simulated; then, round by round, those who
        replace anyone who left earlier than planned, on the day they left.

        People numbers run on from ``first`` through the rounds; each round
        draws from its own seeded stream, so the first is the chunk as before.
        """
        rng = np.random.default_rng(np.random.SeedSequence([seed, number]))
        localities = int(self.p.teams.localities)
        people = make_people(rng, size, first, self.p, self.horizon, localities, self.origin)
        for extra in itertools.count(1):
            planned = people.exit_day.copy()
            ctx = Context(
                rng=rng,
                rows=Rows(),
                p=self.p,
                people=people,
                staff=self.staff,
                phrases=self.phrases,
                origin=self.origin,
                horizon=self.horizon,
                switch_day=self.switch_day,
            )
            support = simulate(ctx)
            left = np.flatnonzero((people.exit_day < planned) & (people.exit_day < self.horizon))
            people.vacate_successors(left)
            early = left[people.exit_day[left] >= people.arrival_day[left]]  # not vacated
            yield ctx, support
            if early.size == 0:
                return
            rng = np.random.default_rng(np.random.SeedSequence([seed, number, extra]))
            people = people_arriving(
                rng,
                people.band[early],
                people.exit_day[early],
                people.first + len(people),
                self.p,
                self.horizon,
                localities,
                self.origin,
            )


def _welsh_summary(summary: Summary, journal: Path, files: tuple[Path, ...]) -> Summary:
    """The summary of a Welsh council: its journal's rows replace the model's."""
    from whatmatters.journal.store import read_manifest

    manifest = read_manifest(journal)
    return dataclasses.replace(
        summary,
        rows=manifest["rows"],
        rows_by_kind=manifest["rows_by_kind"],
        wales_files=files,
    )


class _Counts:
    """Writes chunks and counts what was written (people, rows by kind)."""

    def __init__(self) -> None:
        self.people = 0
        self._kinds: dict[str, int] = {}

    def write(self, writer: JournalWriter, table: pa.Table) -> None:
        table = conform(table)
        writer.write(table)
        self.people += pc.count_distinct(table["person_id"]).as_py()
        counts = table["kind"].value_counts()
        for kind, n in zip(
            counts.field("values").to_pylist(), counts.field("counts").to_pylist(), strict=True
        ):
            self._kinds[kind] = self._kinds.get(kind, 0) + n

    def by_kind(self) -> dict[str, int]:
        return dict(sorted(self._kinds.items()))


def _manifest(settings: Settings, p: Parameters) -> dict[str, Any]:
    return {
        "sources": ["synthetic"],
        "notes": [SYNTHETIC_NOTE],
        "synthetic": {
            "population": settings.population,
            "years": settings.years,
            "design": settings.design.value,
            "switch": settings.switch.isoformat() if settings.switch else None,
            "seed": settings.seed,
            "start": settings.start.isoformat(),
            "end": settings.end.isoformat(),
            "council": settings.council,
            "people_per_chunk": settings.people_per_chunk,
            "parameters_version": p.version,
        },
    }


def _write_parameters(path: Path, p: Parameters) -> None:
    """Every parameter used, with its value and source, for anyone reading the journal later."""
    entries = {
        key: {"value": _plain(s.value), "source": s.source} for key, s in sorted(p.sources.items())
    }
    # Values changed in code (e.g. a mechanism switched off) are recorded as used.
    for section in SECTIONS:
        for name, value in dataclasses.asdict(getattr(p, section)).items():
            entries.setdefault(f"{section}.{name}", {})["value"] = _plain(value)
    for design in Design:
        for name, value in dataclasses.asdict(p.design(design)).items():
            entries.setdefault(f"design.{design.key}.{name}", {})["value"] = _plain(value)
    document = {"version": p.version, "note": SYNTHETIC_NOTE, "parameters": entries}
    path.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
