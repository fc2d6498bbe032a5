"""Comparing journals apart from where their rows came from."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from whatmatters.journal.schema import PROVENANCE_COLUMNS
from whatmatters.journal.store import read_journal


def without_provenance(path: Path) -> pl.DataFrame:
    frame = pl.from_arrow(read_journal(path))
    assert isinstance(frame, pl.DataFrame)
    return frame.drop(PROVENANCE_COLUMNS)
