"""Numbers in plain words, the way a team leader would say them: the one formatter.

Every floor uses it (the importers' messages, the report, the casework page):
numbers, shares, money, days, dates, plurals, chart figures and waits.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from whatmatters.language import _, n_, np_, p_


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
    return sign + n_("{amount} point", "{amount} points", _count(text)).format(amount=text)


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
    text = number(round(x, 1))
    return n_("{days} day", "{days} days", _count(text)).format(days=text)


def _count(text: str) -> int:
    """The count a plural form is chosen by: the number as written ("1" reads "1 day" even
    when it was 1.04); a decimal or grouped number takes the "other" form."""
    return int(text) if text.isdigit() else 100


def months() -> tuple[str, ...]:
    """The months' names, January first, in the report's language."""
    return (
        p_("month name", "January"),
        p_("month name", "February"),
        p_("month name", "March"),
        p_("month name", "April"),
        p_("month name", "May"),
        p_("month name", "June"),
        p_("month name", "July"),
        p_("month name", "August"),
        p_("month name", "September"),
        p_("month name", "October"),
        p_("month name", "November"),
        p_("month name", "December"),
    )


def short_months() -> tuple[str, ...]:
    """The months' short names (Jan, Feb, …), in the report's language."""
    return (
        p_("short month name", "Jan"),
        p_("short month name", "Feb"),
        p_("short month name", "Mar"),
        p_("short month name", "Apr"),
        p_("short month name", "May"),
        p_("short month name", "Jun"),
        p_("short month name", "Jul"),
        p_("short month name", "Aug"),
        p_("short month name", "Sep"),
        p_("short month name", "Oct"),
        p_("short month name", "Nov"),
        p_("short month name", "Dec"),
    )


def date(d: dt.date | dt.datetime | None) -> str:
    """A date as a table says it: 3 Mar 2024 (3 Maw 2024)."""
    if d is None:
        return "–"
    return f"{d.day} {short_months()[d.month - 1]} {d.year}"


def long_date(d: dt.date | dt.datetime) -> str:
    """A date as a sentence says it: 3 March 2024 (3 Mawrth 2024)."""
    return f"{d.day} {months()[d.month - 1]} {d.year}"


def month_year(d: dt.date | dt.datetime) -> str:
    """A month as a sentence says it: March 2024 (Mawrth 2024)."""
    return f"{months()[d.month - 1]} {d.year}"


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
    """A count and its noun: "1 week", "3 weeks" (in Welsh "3 wythnos": the catalogue's
    counted forms of ``word``)."""
    return f"{number(n)} {np_('counted', word, many or word + 's', n)}"


def unit_word(unit: str) -> str:
    """A measure's unit ("days", "contacts", "hours a week") in the report's language."""
    return p_("unit", unit) if unit else unit


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
    return f"{text} {unit_word(unit)}" if with_word and unit else text


_DURATIONS = {
    "s": lambda n: _("{value} s"),
    "min": lambda n: _("{value} min"),
    "h": lambda n: _("{value} h"),
    "days": lambda n: n_("{value} day", "{value} days", n),
    "weeks": lambda n: n_("{value} week", "{value} weeks", n),
    "months": lambda n: n_("{value} month", "{value} months", n),
    "years": lambda n: n_("{value} year", "{value} years", n),
}
"""A waiting time's unit, said with its number (Welsh counts with the singular noun)."""


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
            return _DURATIONS[unit](_count(text)).format(value=text)
    raise AssertionError("unreachable")
