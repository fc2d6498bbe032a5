"""The process map's text: how wide a line of it is drawn, and where it wraps."""

from __future__ import annotations

import re

from whatmatters.words import human_duration, number

__all__ = ["_count", "_wrap", "human_duration", "text_width"]


def _count(n: int) -> str:
    return number(n)


# Helvetica widths (Liberation Sans and Arial share them), in thousandths of the font size.
_WIDTHS = dict(
    zip(
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
        "abcdefghijklmnopqrstuvwxyz{|}~",
        [
            278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
            *[556] * 10, 278, 278, 584, 584, 584, 556, 1015,
            667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667,
            778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333,
            556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556,
            556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
        ],
        strict=True,
    )
)  # fmt: skip


def text_width(text: str, size: float) -> float:
    """Width of ``text`` in a Helvetica-metric font of ``size`` px (unknown glyphs count wide)."""
    return sum(_WIDTHS.get(ch, 720) for ch in text) * size / 1000


def _wrap(text: str, size: float, width: float) -> list[str]:
    """Lines no wider than ``width`` where possible, broken at spaces or after '/' and '_'."""
    lines: list[str] = []
    line, space = "", ""
    for match in re.finditer(r"([^\s/_]+[/_]?|[/_])(\s*)", text):
        word = match.group(1)
        candidate = line + space + word
        if line and text_width(candidate, size) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
        space = " " if match.group(2) else ""
    return [*lines, line] if line else [text]
