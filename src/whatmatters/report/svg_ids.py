"""Inline SVGs on one page: their ids made unique so that drawings never clash, and the
size each is drawn at."""

from __future__ import annotations

import re

_ID = re.compile(r'\bid="([^"]+)"')


def namespace_ids(svg: str, prefix: str) -> str:
    """Prefix every id in an SVG (and references to it), so inline SVGs never clash."""
    ids = set(_ID.findall(svg))
    if not ids:
        return svg
    pattern = re.compile(r'(\bid="|url\(#|href="#)(' + "|".join(map(re.escape, ids)) + r")\b")
    return pattern.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)


def drawn_width(svg: str) -> float | None:
    """The width an SVG is drawn at, from its root element (None if it has none)."""
    return _drawn(svg, "width")


def drawn_height(svg: str) -> float | None:
    """The height an SVG is drawn at, from its root element (None if it has none)."""
    return _drawn(svg, "height")


def _drawn(svg: str, attribute: str) -> float | None:
    match = re.search(rf'<svg\b[^>]*?\s{attribute}="([0-9.]+)', svg)
    return float(match.group(1)) if match else None
