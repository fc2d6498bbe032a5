"""The benchmark's journals: synthetic councils of about 1M, 2M and 5M events.

Made by whatmatters' own synthetic council (menu design, four years, seed 1),
so the journal has the shape the check is for: dates as CLD records them,
contacts with value and failure demand, requests, assessments, referrals
between teams, services with hours and weekly costs. A council of about
0.66 people a row gives the size wanted; the actual count is reported.
"""

from __future__ import annotations

from pathlib import Path

from whatmatters.council import Design, Settings, generate_journal
from whatmatters.journal import read_manifest

PEOPLE_PER_ROW = 0.661


def generate(path: Path, rows: int, seed: int = 1) -> tuple[Path, int]:
    """A council journal of about ``rows`` events at ``path`` (kept for later runs)."""
    if not (path / "manifest.json").is_file():
        population = max(round(rows * PEOPLE_PER_ROW), 1_000)
        settings = Settings(population=population, years=4, design=Design.MENU, seed=seed)
        generate_journal(settings, path)
    return path, int(read_manifest(path)["rows"])
