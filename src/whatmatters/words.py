"""Numbers in plain words, the way a team leader would say them: the one formatter.

Every floor uses it (the importers' messages, the report, the casework page):
numbers, shares, money, days, dates, plurals, chart figures and waits.
"""

from __future__ import annotations

import datetime as dt
import math
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


def figure(x: float, unit: str, *, with_word: bool = False, places: int | None = None) -> str:
    """A chart's number rounded for reading (or to ``places`` decimals), with its unit:
    "£1,234", "12%", "3.5 days" (the capability sentence's figures)."""
    size = abs(x)
    if places is not None:
        text = f"{x:,.{places}f}"
    elif size >= 10 or x == 0:
        text = f"{x:,.0f}"
    elif size >= 1:
        text = f"{x:.1f}".removesuffix(".0")
    else:
        text = f"{x:.2g}"
    if text == "-0":
        text = "0"
    if unit in {"£", "$", "€"}:
        return text.replace("-", "-" + unit) if text.startswith("-") else unit + text
    if unit == "%":
        return text + "%"
    return f"{text} {unit}" if with_word and unit else text


def human_duration(seconds: float | None) -> str:
    """A waiting time in the unit a person would say: '45 s', '12 min', '3.5 h', '2 days'.

    A negative wait (the next step began before the last one ended) reads
    '−2 days'.
    """
    if seconds is None:
        return "–"
    if seconds < 0:
        return "−" + human_duration(-seconds)
    if seconds == 0:
        return "0"
    day = 86400.0
    for limit, size, unit in (
        (60, 1, "s"),
        (3600, 60, "min"),
        (day, 3600, "h"),
        (60 * day, day, "days"),
        (182 * day, 7 * day, "weeks"),
        (730 * day, 30.44 * day, "months"),
        (math.inf, 365.25 * day, "years"),
    ):
        if seconds < limit - size / 2:  # so 59.6 s reads "1 min", not "60 s"
            value = seconds / size
            text = f"{value:.0f}" if value >= 10 or unit == "s" else f"{value:.1f}"
            text = text.removesuffix(".0")
            if text == "1" and unit.endswith("s") and unit != "s":
                unit = unit[:-1]
            return f"{text} {unit}"
    raise AssertionError("unreachable")
