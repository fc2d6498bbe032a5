"""Numbers in plain words: the way a team leader would say them."""

from __future__ import annotations

import datetime as dt
from typing import Any


def number(x: float | int | None) -> str:
    """12,345 or 12.5 (one decimal below 100), "–" when unknown."""
    if x is None:
        return "–"
    if isinstance(x, int) or float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.1f}" if abs(x) < 100 else f"{x:,.0f}"


def percent(share: float | None) -> str:
    """A share (0–1) as a percentage: 46%, 0.5%, "–" when unknown."""
    if share is None:
        return "–"
    value = share * 100
    if 99.5 <= value < 100:  # nearly all, but not all: "99.8%", never "100%"
        return f"{min(value, 99.9):.1f}%"
    if value == 0 or abs(value) >= 10:
        return f"{value:.0f}%"
    return f"{value:.1f}%".replace(".0%", "%")


def change(share: float | None) -> str:
    """A % change with its sign: +12%, −28%."""
    if share is None:
        return "–"
    text = percent(abs(share))
    return ("−" if share < 0 else "+") + text if share else text


def points(change: float | None) -> str:
    """A change between two shares in percentage points: +3 points, −19 points."""
    if change is None:
        return "–"
    sign, text = signed_points(change)
    return f"{sign}{text} {'point' if text == '1' else 'points'}"


def signed_points(change: float) -> tuple[str, str]:
    """A change between two shares as (sign, percentage points): ("−", "19"), ("+", "3.5")."""
    text = number(round(abs(change) * 100, 1)).removesuffix(".0")
    return ("" if change == 0 else ("−" if change < 0 else "+")), text


def change_of(difference: float | None, relative: float | None, unit: str) -> str:
    """A before/after change as a reader compares it: shares in points, others in %."""
    return points(difference) if unit == "share" else change(relative)


def money(x: float | None) -> str:
    if x is None:
        return "–"
    sign = "−" if x < 0 else ""
    return f"{sign}£{abs(x):,.0f}"


def days(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{number(round(x, 1))} day" + ("" if x == 1 else "s")


def date(d: dt.date | dt.datetime | None) -> str:
    if d is None:
        return "–"
    return f"{d:%-d %b %Y}"


def amount(x: Any, unit: str) -> str:
    """A results-table figure in its unit."""
    if unit == "£":
        return money(x)
    if unit == "share":
        return percent(x)
    if unit == "days":
        return days(x)
    return number(x)


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{number(n)} {word if n == 1 else many or word + 's'}"
