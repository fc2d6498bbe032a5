"""A chart as image files (SVG and PNG), rendered offline by vl-convert.

vl-convert bundles a Vega engine: no browser, no network. The page draws its
charts itself (``embed.py``); these are for slides and documents
(``check --images``) and the casework measures page.
"""

from __future__ import annotations

import html
import os
import tempfile
from pathlib import Path
from typing import Any

import altair as alt
import vl_convert

_OFFLINE: dict[str, Any] = {
    # No base URL is allowed: a spec that names external data fails instead of fetching.
    "allowed_base_urls": [],
    "format_locale": "en-GB",
    "time_format_locale": "en-GB",
}


def _spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    return chart.to_dict()


def chart_svg(chart: alt.TopLevelMixin, *, drawn_title: bool = True) -> str:
    """The chart as SVG text, rendered offline.

    The chart's title and description become the SVG's ``<title>`` and
    ``<desc>``, which screen readers announce. ``drawn_title=False`` leaves
    the title (and subtitle) off the drawing, for a page that prints them
    above it already.
    """
    spec = _spec(chart)
    title = spec.pop("title", None) if not drawn_title else spec.get("title")
    svg = vl_convert.vegalite_to_svg(spec, **_OFFLINE)
    return _with_title(svg, _title_text(title), spec.get("description") or "")


def _title_text(title: Any) -> str:
    if isinstance(title, dict):
        title = title.get("text", "")
    return " ".join(title) if isinstance(title, list) else str(title or "")


def _with_title(svg: str, title: str, description: str) -> str:
    """Insert ``<title>``/``<desc>`` as the first children of the root ``<svg>``."""
    end = svg.index(">", svg.index("<svg")) + 1
    parts = [f"<title>{html.escape(title)}</title>"] if title else []
    if description and description != title:
        parts.append(f"<desc>{html.escape(description)}</desc>")
    return svg[:end] + "".join(parts) + svg[end:]


def chart_png(chart: alt.TopLevelMixin, *, scale: float = 2.0) -> bytes:
    """The chart as PNG bytes, rendered offline at ``scale`` × its size."""
    return vl_convert.vegalite_to_png(_spec(chart), scale=scale, **_OFFLINE)


def save_chart(chart: alt.TopLevelMixin, stem: str | os.PathLike[str]) -> tuple[Path, Path]:
    """Write ``STEM.svg`` and ``STEM.png`` atomically; return both paths."""
    stem = Path(stem)
    svg_path = stem.parent / f"{stem.name}.svg"
    png_path = stem.parent / f"{stem.name}.png"
    svg = chart_svg(chart).encode("utf-8")
    png = chart_png(chart)
    _write_atomically(svg_path, svg)
    _write_atomically(png_path, png)
    return svg_path, png_path


def _write_atomically(path: Path, content: bytes) -> None:
    """Write to a hidden temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
