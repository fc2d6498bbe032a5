"""A figure of the report: a chart, map or table with the sentence that explains it."""

from __future__ import annotations

from dataclasses import dataclass, field

import altair as alt

PEOPLE_SHOWN = 20
"""Person ids a figure lists behind one of its parts (its table has them all)."""

TOP = 10
"""Rows a figure's table shows (the CSV beside it has them all)."""


@dataclass
class Figure:
    """One chart, map or table, and the sentence that explains it."""

    key: str
    title: str
    sentence: str
    chart: alt.TopLevelMixin | None = None
    svg: str | None = None
    """A drawing made without Vega (the process maps)."""
    full_svg: str | None = None
    """The whole drawing when ``svg`` shows a simplified one (written beside it, not inline)."""
    tables: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    rows: list[tuple[str, ...]] = field(default_factory=list)
    quotes: list[tuple[str, str]] = field(default_factory=list)
    """(reason, words) said by people, verbatim."""
    note: str = ""
    """How the figure is counted, in a line under the sentence."""
    people: list[PeopleBehind] = field(default_factory=list)
    """The pseudonymous ids behind parts of the figure (``report.sections.sides``)."""


@dataclass
class PeopleBehind:
    """The people behind one part of a figure: the first ids, and how many in all."""

    label: str
    ids: list[str]
    total: int
    table: str
    """The table with the full list."""


@dataclass
class ResultLine:
    """One line of the results table, with the key of the chart beside it."""

    name: str
    before: str
    after: str
    change: str
    method: str
    chart: str | None


@dataclass
class Section:
    key: str
    title: str
    intro: str
    figures: list[Figure]
    results: list[ResultLine] = field(default_factory=list)


def share(part: float, whole: float) -> float | None:
    return part / whole if whole else None
