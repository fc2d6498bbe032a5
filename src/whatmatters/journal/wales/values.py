"""Reading one cell of a Welsh file: dates, yes/no, codes and text.

Each reader returns the value, or raises ``BadValue`` with the rule broken and
a message a person can act on; the validator turns that into a problem row.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")
# Yes and no in English and Welsh (ie/na, do/naddo), and as spreadsheets write them.
YES = frozenset({"yes", "y", "true", "1", "ie", "do"})
NO = frozenset({"no", "n", "false", "0", "na", "naddo"})
_NEUTRALISED = re.compile(r"^'+[=+\-@\t\r]")


class BadValue(ValueError):
    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule, self.message = rule, message


@lru_cache(maxsize=2**16)  # a file's dates repeat: parse each once (strptime is slow)
def read_date(text: str, formats: tuple[str, ...] = DATE_FORMATS) -> dt.date:
    """A date in one of ``formats`` (a time after it, as Excel may add, is ignored
    only when it is midnight)."""
    value = text.strip()
    if value.endswith((" 00:00:00", "T00:00:00")):
        value = value[:-9]
    for form in formats:
        try:
            day = dt.datetime.strptime(value, form).date()
        except ValueError:
            continue
        if not 1900 <= day.year <= 2100:
            raise BadValue("date", f"{day.year} is not a plausible year")
        return day
    shown = " or ".join(_shown(f) for f in formats)
    raise BadValue("date", f"not a date like {shown}")


def _shown(form: str) -> str:
    return form.replace("%d", "dd").replace("%m", "mm").replace("%Y", "yyyy")


def read_yes_no(text: str, yes: frozenset[str] = YES, no: frozenset[str] = NO) -> bool:
    key = text.strip().casefold()
    if key in yes:
        return True
    if key in no:
        return False
    raise BadValue("yes_no", "not yes or no")


@lru_cache(maxsize=2**12)
def read_code(text: str, codes: tuple[str, ...]) -> str:
    """One of ``codes`` (case, spaces and hyphens as underscores ignored)."""
    key = re.sub(r"[\s\-]+", "_", text.strip().casefold())
    if key in codes:
        return key
    raise BadValue("code", f"not one of {', '.join(codes)}")


def read_text(text: str) -> str:
    """Text as given, but without the apostrophe an export adds before a cell a
    spreadsheet could run as a formula (see ``journal.cld.neutralise``)."""
    return text[1:] if _NEUTRALISED.match(text) else text
