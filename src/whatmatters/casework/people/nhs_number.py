"""NHS numbers: ten digits, the last a modulus 11 check digit."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[\s-]")


def normalise(value: str) -> str:
    """Digits only: '943 476 5919' → '9434765919'."""
    return _SEPARATORS.sub("", value or "")


def check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None when no valid number exists."""
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def is_valid(value: str) -> bool:
    digits = normalise(value)
    if not (len(digits) == 10 and digits.isdigit()):
        return False
    return check_digit(digits[:9]) == int(digits[9])


def validate(value: str) -> None:
    """Django validator: the field names the problem in the person's terms."""
    digits = normalise(value)
    if not (len(digits) == 10 and digits.isdigit()):
        raise ValidationError(_("NHS number must be 10 digits, like 943 476 5919"), "format")
    if not is_valid(digits):
        raise ValidationError(
            _("This is not a valid NHS number: check the digits (the last is a check digit)"),
            "checksum",
        )


def formatted(value: str) -> str:
    """'9434765919' → '943 476 5919'."""
    digits = normalise(value)
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}" if len(digits) == 10 else value
