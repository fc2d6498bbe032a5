"""A finished chart: its Vega-Lite specification, written once, data put in at the end.

The report's charts are written with Altair, but Altair's objects copy their
whole tree (inline data included) at every layer and ``properties`` call,
check each part against the Vega-Lite schema as it is made, and hash every
dataset as JSON when the chart is written out: for the report's twenty
charts that cost most of the page's time. So a chart is written from small,
data-free Altair parts that name their data (``Datasets.named``); the
finished specification takes the rows as its top-level ``datasets`` and
the one shared look (``config``), and is kept as a plain dict in a
``Drawing``, which answers ``to_dict`` as an Altair chart does.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import altair as alt
from altair.utils import schemapi


class Datasets(dict[str, list[dict[str, Any]]]):
    """A chart's rows by name, gathered while its layers are written."""

    def named(self, name: str, rows: list[dict[str, Any]]) -> alt.Data:
        """Keep ``rows`` as dataset ``name`` and return the reference a layer draws from."""
        if name in self:
            raise ValueError(f"a chart has two datasets named {name!r}")
        self[name] = rows
        return alt.Data(name=name)


_switch = threading.Lock()
_inside = 0  # how many blocks (in any thread) are making charts unchecked now
_before = True  # Altair's own setting, put back when the last one leaves


@contextmanager
def unchecked() -> Iterator[None]:
    """Altair's parts made without checking each against the schema as it is made.

    The finished specification is checked when asked (``Drawing.to_dict(validate=True)``,
    as the image files and the tests ask), and the browser tests draw every chart.
    Altair's setting is one for the whole process, and the casework site draws
    charts in several threads at once: it is switched off when the first block
    enters and put back only when the last one leaves (Altair's own
    ``debug_mode`` would let a thread leaving early put it back under another).
    """
    global _inside, _before
    with _switch:
        if _inside == 0:
            _before = schemapi.DEBUG_MODE
            schemapi.DEBUG_MODE = False
        _inside += 1
    try:
        yield
    finally:
        with _switch:
            _inside -= 1
            if _inside == 0:
                schemapi.DEBUG_MODE = _before


class Drawing:
    """A chart's finished Vega-Lite specification, with its data and look."""

    def __init__(
        self, chart: alt.TopLevelMixin, datasets: dict[str, list[Any]], config: dict[str, Any]
    ) -> None:
        with unchecked():
            spec = chart.to_dict(validate=False)
        if datasets:
            spec["datasets"] = dict(datasets)
        spec["config"] = config
        self._spec = spec

    def to_dict(self, validate: bool = True, **_: Any) -> dict[str, Any]:
        """The specification; a new top level each call, so a caller may change its keys.

        The rows and nested parts are shared, not copied: change those in a copy of your own.
        """
        spec = dict(self._spec)
        if validate:
            alt.TopLevelSpec.validate(spec)
        return spec

    def __repr__(self) -> str:
        return f"Drawing({self._spec.get('title')!r})"
