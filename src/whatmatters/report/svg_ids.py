"""Ids inside inline SVGs, made unique so that several drawings on one page never clash."""

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
