"""The report's language: every word it says comes through here, from one catalogue.

On the ground floor (beside ``words``, which says numbers, dates and counts
in it), so every floor's words can follow it; the catalogue is the report's.

The catalogue is gettext's (``locale/LANG/LC_MESSAGES/report.po``, compiled
to ``report.mo`` beside it, committed so an installed copy needs no tools;
``python -m whatmatters.report.readings.messages`` collects new strings and
compiles it). English is the source language: its words are the message
ids themselves. The language in use is a context variable, so the sections,
charts and readings need no language argument: the report writer (and the
casework measures page) say which language, once, with ``use``.

Placeholders are ``str.format`` names: ``_("Since {when}: {what}").format(...)``.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

LOCALE = Path(__file__).parent / "report" / "readings" / "locale"
"""The report's catalogues (``report/readings/locale/LANG/LC_MESSAGES/report.po``)."""
DOMAIN = "report"
LANGUAGES = {"en": "English", "cy": "Cymraeg"}
"""The languages the report is written in (ISO 639-1 code: its own name)."""
SOURCE = "en"

_language: ContextVar[str] = ContextVar("report_language", default=SOURCE)


class LanguageError(ValueError):
    """A language the report is not written in."""


def choose(code: str) -> str:
    """The report language for ``code`` ("cy", "en", or a regional "en-gb", "cy-GB")."""
    base = code.strip().lower().replace("_", "-").split("-")[0]
    if base not in LANGUAGES:
        known = ", ".join(f"{c} ({name})" for c, name in LANGUAGES.items())
        raise LanguageError(f"the report is not written in {code!r}; choose one of {known}")
    return base


def current() -> str:
    """The language the report is being written in now."""
    return _language.get()


@contextmanager
def use(code: str) -> Iterator[str]:
    """Write in ``code`` within this block (and in the threads it copies its context to)."""
    token = _language.set(choose(code))
    try:
        yield _language.get()
    finally:
        _language.reset(token)


@cache
def _catalogue(code: str) -> gettext.NullTranslations:
    if code == SOURCE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE, [code])


def _(message: str) -> str:
    """``message`` in the current language."""
    return _catalogue(current()).gettext(message)


def N_(message: str) -> str:
    """``message`` unchanged: marks words kept in a constant for the catalogue (say them
    with ``_(CONSTANT)``), as gettext's ``gettext_noop``."""
    return message


def n_(singular: str, plural: str, n: int) -> str:
    """The form of a counted phrase for ``n`` in the current language (Welsh has four)."""
    return _catalogue(current()).ngettext(singular, plural, n)


def p_(context: str, message: str) -> str:
    """``message`` in the current language, where ``context`` tells same-spelt words apart."""
    return _catalogue(current()).pgettext(context, message)


def np_(context: str, singular: str, plural: str, n: int) -> str:
    """The form of a counted phrase for ``n``, where ``context`` tells same-spelt words apart."""
    return _catalogue(current()).npgettext(context, singular, plural, n)


def html_lang() -> str:
    """The page's ``lang`` attribute for the current language."""
    return {"en": "en-GB", "cy": "cy"}[current()]


def for_period(period: str, message: str) -> str:
    """``message`` said of a week or a month (``period``): Welsh mutates the noun in it
    ("un wythnos", "un mis", "unrhyw fis"), so each period has its own translation."""
    return p_(period, message)
