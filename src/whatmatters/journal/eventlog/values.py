"""Values no event log should hold: control characters and digits other than 0-9.

A control character (NUL, the bell, an escape …) inside a value is a damaged
export or an attack, never data: a NUL in a person id would make a phantom
person. Tab, line feed and carriage return are ordinary text in a quoted
value and are allowed. Full-width (``２０２４``) and Arabic-Indic (``٢٠٢٤``)
digits look like numbers to Python but are not what a council's system
writes in a date; they are refused rather than read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def control_field(items: Iterable[tuple[str, object]]) -> tuple[str, str] | None:
    """The first (key, value) whose text holds a control character, or None."""
    for key, value in items:
        if isinstance(value, str) and CONTROL.search(value):
            return key, value
    return None


def has_other_digits(text: str) -> bool:
    """True if ``text`` holds a decimal digit outside 0-9 (full-width, Arabic-Indic …)."""
    return not text.isascii() and any(ch.isdecimal() and not "0" <= ch <= "9" for ch in text)
