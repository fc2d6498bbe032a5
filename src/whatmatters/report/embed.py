"""Charts drawn in the page: Vega-Lite specifications embedded by vega-embed.

The page carries each chart's specification (data inline) in a
``<script type="application/json">`` block; ``scripts/draw.js`` hands every
one to vega-embed, which is bundled into the report folder as
``scripts/vega-embed.js`` (vl-convert's offline bundle of Vega, Vega-Lite
and vega-embed). Nothing is fetched, and no script is inline, so the page
opens from the file system with the network off.

Building the bundle takes vl-convert several seconds, so it is built once
per vl-convert version and kept in the user's cache folder.
"""

from __future__ import annotations

import os
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

import altair as alt
import vl_convert

SCRIPTS = "scripts"
BUNDLE = "vega-embed.js"
DRAW = "draw.js"
ZOOM = "zoom.js"
"""Zoom and pan for the process maps."""


def page_spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The chart's specification for the page: as wide as its column, no drawn title.

    The page prints the title and sentence above the chart, so the drawing
    leaves them off; ``width: "container"`` lets the chart follow the
    column's width (a phone's or a wide screen's) and redraw on resize.
    """
    # Altair's schema check costs most of the report's time; the charts are made by this
    # package's own functions, checked by their tests, and the browser tests draw every one
    spec = chart.to_dict(validate=False)
    spec.pop("title", None)
    spec["background"] = "transparent"  # the page's own: a scroll cue's shadow shows through
    if spec.get("width") is not None and not _is_grid(spec):
        spec["width"] = "container"
        spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    return spec


def _is_grid(spec: dict[str, Any]) -> bool:
    """A square grid (the handoff matrix) keeps its drawn size: its cells must stay square."""
    return spec.get("width") == spec.get("height") and "layer" in spec and _has_rect(spec)


def _has_rect(spec: dict[str, Any]) -> bool:
    for layer in spec.get("layer", []):
        mark = layer.get("mark")
        if mark == "rect" or (isinstance(mark, dict) and mark.get("type") == "rect"):
            return True
    return False


def write_scripts(folder: Path) -> None:
    """Write ``scripts/vega-embed.js``, ``draw.js`` and ``zoom.js`` into the report ``folder``."""
    scripts = folder / SCRIPTS
    scripts.mkdir(exist_ok=True)
    (scripts / BUNDLE).write_text(bundle(), encoding="utf-8")
    for name in (DRAW, ZOOM):
        text = resources.files("whatmatters.report").joinpath(f"static/{name}").read_text()
        (scripts / name).write_text(text, encoding="utf-8")


def bundle() -> str:
    """vega-embed with Vega and Vega-Lite, for a script tag; from the cache when built before."""
    cached = _cache_folder() / f"vega-embed-{vl_convert.__version__}.js"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    text = vl_convert.javascript_bundle()
    try:  # a cache that cannot be written only costs the next report the same wait
        cached.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=cached.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, cached)
    except OSError:
        pass
    return text


def _cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "whatmatters"
