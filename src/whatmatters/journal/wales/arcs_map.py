"""The column map for an ARCS extract: which of a council's headings holds each field.

Welsh Government publishes the ARCS census's field list but no file layout or
code lists, so each council's extract differs. A council writes a small TOML
file once (``docs/wales.md`` shows one)::

    [file]
    year_ending = "2024-03-31"        # the census year's 31 March
    date_format = "%d/%m/%Y"          # optional

    [columns]                         # field = "your heading"
    person_id = "Client Ref"
    period_start = "C&S Start"

    [values.plan_active]              # your codes for yes and no
    yes = ["Y"]
    no = ["N"]

    [values.language]                 # your code = cy, en or other
    W = "cy"

Any field not named in ``[columns]`` is looked for under its published name
(``DEFAULT_HEADINGS``); a field the file does not hold is simply not imported.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from whatmatters.journal.wales.template import LANGUAGES
from whatmatters.journal.wales.values import DATE_FORMATS, NO, YES

# Field → the heading it has in Welsh Government's ARCS field list (quality report).
DEFAULT_HEADINGS: dict[str, str] = {
    "la_code": "LA code",
    "person_id": "LA adult identifier",
    "date_of_birth": "Date of birth",
    "gender": "Gender",
    "ethnicity": "Ethnicity",
    "disability": "Disability",
    "language": "Language",
    "period_start": "Start date of latest continuous period of care and support",
    "plan_active": "Care and support plan active on 31 March",
    "closure_date": "Care and support plan closure date",
    "closure_reason": "Care and support plan closure reason",
    "adult_safeguarding": "Adult safeguarding",
    "safeguarding_category": "Adult safeguarding category",
}
REQUIRED = ("person_id", "period_start", "plan_active")
YES_NO_FIELDS = ("plan_active", "adult_safeguarding")
DATE_FIELDS = ("date_of_birth", "period_start", "closure_date")


class MapError(ValueError):
    """A column map that cannot be used; the message names the key at fault."""


@dataclass(frozen=True)
class ArcsMap:
    year_ending: dt.date | None = None
    date_formats: tuple[str, ...] = DATE_FORMATS
    headings: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_HEADINGS))
    yes: dict[str, frozenset[str]] = field(default_factory=dict)  # field → your yes codes
    no: dict[str, frozenset[str]] = field(default_factory=dict)
    language: dict[str, str] = field(default_factory=dict)  # your code → cy/en/other

    def yes_codes(self, name: str) -> frozenset[str]:
        return self.yes.get(name, YES)

    def no_codes(self, name: str) -> frozenset[str]:
        return self.no.get(name, NO)


def load_map(path: Path | None) -> ArcsMap:
    """The map in ``path``; the published headings when no map is given."""
    if path is None:
        return ArcsMap()
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise MapError(f"cannot read the map {path}: {e.strerror}") from e
    except UnicodeDecodeError:
        raise MapError(f"the map {path} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as e:
        raise MapError(f"the map {path} is not valid TOML: {e}") from e
    _only(document, {"file", "columns", "values"}, "the map")
    file = document.get("file", {})
    _only(file, {"year_ending", "date_format"}, "[file]")
    columns = document.get("columns", {})
    _only(columns, set(DEFAULT_HEADINGS), "[columns]")
    headings = dict(DEFAULT_HEADINGS)
    for name, heading in columns.items():
        if not isinstance(heading, str) or not heading.strip():
            raise MapError(f"[columns] {name} must be a heading in quotes")
        headings[name] = heading
    values = document.get("values", {})
    _only(values, {*YES_NO_FIELDS, "language"}, "[values]")
    yes, no = {}, {}
    for name in YES_NO_FIELDS:
        if name in values:
            yes[name], no[name] = _yes_no(values[name], f"[values.{name}]")
    language_table = values.get("language", {})
    if not isinstance(language_table, dict):
        raise MapError("[values.language] must be a table of your code = cy, en or other")
    language = {str(k).casefold(): v for k, v in language_table.items()}
    for code, meaning in language.items():
        if meaning not in LANGUAGES:
            raise MapError(f"[values.language] {code} = {meaning!r}: use one of cy, en, other")
    return ArcsMap(
        year_ending=_year_ending(file.get("year_ending")),
        date_formats=(_date_format(file["date_format"]),)
        if "date_format" in file
        else DATE_FORMATS,
        headings=headings,
        yes=yes,
        no=no,
        language=language,
    )


def _only(table: object, allowed: set[str], where: str) -> None:
    if not isinstance(table, dict):
        raise MapError(f"{where} must be a table")
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise MapError(
            f"{where} has {unknown[0]!r}, which is not one of: {', '.join(sorted(allowed))}"
        )


def _yes_no(table: object, where: str) -> tuple[frozenset[str], frozenset[str]]:
    _only(table, {"yes", "no"}, where)
    assert isinstance(table, dict)
    if set(table) != {"yes", "no"}:
        raise MapError(f"{where} needs both yes = [...] and no = [...]")
    for key in ("yes", "no"):
        if not isinstance(table[key], list):
            raise MapError(f'{where} {key} must be a list, like {key} = ["Y"]')
    yes = frozenset(str(v).strip().casefold() for v in table["yes"])
    no = frozenset(str(v).strip().casefold() for v in table["no"])
    if yes & no:
        raise MapError(f"{where}: {sorted(yes & no)[0]!r} is given as both yes and no")
    return yes, no


def _date_format(value: object) -> str:
    """A strptime format that reads back the day it writes (e.g. "%d/%m/%Y")."""
    sample = dt.date(2024, 3, 31)
    try:
        assert isinstance(value, str)
        if dt.datetime.strptime(sample.strftime(value), value).date() == sample:
            return value
    except (AssertionError, ValueError):
        pass
    raise MapError(f'[file] date_format {value!r} is not a date format like "%d/%m/%Y"')


def _year_ending(value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        raise MapError(f"[file] year_ending {value!r} is not a date like 2024-03-31") from None
    return check_year_ending(day)


def check_year_ending(day: dt.date) -> dt.date:
    if (day.month, day.day) != (3, 31):
        raise MapError(f"year_ending {day} is not a 31 March (ARCS years end on 31 March)")
    return day
