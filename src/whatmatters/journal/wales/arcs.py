"""Reading an ARCS census extract (Adults Receiving Care and Support) into journal rows.

ARCS is a yearly snapshot: one row for every adult with a care and support
plan at any point from 1 April to 31 March, with the start of their latest
continuous period of care and support and, if the plan closed, its date and
reason. It is not a journey: there are no assessments, reviews or services.
Each row becomes a ``plan`` row (start to closure) and, when the plan closed,
a ``closure`` row with the reason; the person's details (date of birth,
gender, ethnicity, disability, language) ride on both, as in CLD.

Rules, beyond unreadable values (``date``, ``yes_no``, ``code``) and
``required`` fields: ``map_column`` (the map names a heading the file lacks),
``missing_column``, ``unknown_column`` (warning), ``date_order`` (closure before
start), ``outside_year`` (a start after 31 March, or a closure outside the
year), ``active_but_closed`` / ``closed_without_date`` (the plan-active flag
disagrees with the closure date), ``duplicate_person`` (a person twice in the
file), ``category_without_safeguarding`` (warning).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from whatmatters.journal.cld.problems import Severity
from whatmatters.journal.schema import Kind
from whatmatters.journal.wales.arcs_map import (
    DATE_FIELDS,
    DEFAULT_HEADINGS,
    REQUIRED,
    YES_NO_FIELDS,
    ArcsMap,
)
from whatmatters.journal.wales.checked import Checked, FileSeen
from whatmatters.journal.wales.read import Sheet, WalesFileError, read_sheet
from whatmatters.journal.wales.template import header_key
from whatmatters.journal.wales.values import BadValue, read_code, read_date, read_yes_no

NOTE = (
    "ARCS is a yearly snapshot of care and support plans, not a journey: it holds "
    "no assessments, reviews or services, so measures of flow cannot be read from it."
)
PLAN_ACTIVITY = "Care and support plan"
CLOSURE_ACTIVITY = "Care and support plan closed"
# Person details stored on both rows: ARCS field → journal column.
_PERSON = {
    "la_code": "council",
    "person_id": "person_id",
    "date_of_birth": "date_of_birth",
    "gender": "gender",
    "ethnicity": "ethnicity",
    "disability": "disability",
    "language": "language_preference",
    "safeguarding_category": "safeguarding_category",
}


def validate_arcs(files: Sequence[str | Path], arcs_map: ArcsMap, year_ending: dt.date) -> Checked:
    """Check ARCS extracts for the year ending ``year_ending``; keep their journal rows."""
    checked = Checked(notes=[NOTE])
    for path in map(Path, files):
        try:
            sheet = read_sheet(path)
        except WalesFileError as e:
            checked.files.append(FileSeen(e.source, refused=e.message))
            checked.add(e.source, None, None, None, e.rule, e.message)
            continue
        _check_sheet(sheet, arcs_map, year_ending, checked)
    return checked


def _check_sheet(sheet: Sheet, arcs_map: ArcsMap, year_ending: dt.date, checked: Checked) -> None:
    seen = FileSeen(sheet.source, rows=len(sheet.records))
    checked.files.append(seen)
    where = _columns(sheet, arcs_map, checked)
    if where is None:
        seen.refused = "its columns do not match the map"
        return
    first_row: dict[str, int] = {}
    for number, cells in sheet.records:
        row = _Row(sheet.source, number, arcs_map, checked)
        fields = row.read({name: cells[i] for name, i in where.items()})
        if fields is not None:
            fields = row.check(fields, year_ending)
        person = fields and fields["person_id"]
        if person and person in first_row:
            row.error(
                "person_id",
                person,
                "duplicate_person",
                f"this adult is already in row {first_row[person]}",
            )
            fields = None
        if fields is None:
            checked.rows_with_errors += 1
            continue
        first_row[person] = number
        checked.rows.extend(_journal_rows(fields, sheet.source, number, year_ending))


def _columns(sheet: Sheet, arcs_map: ArcsMap, checked: Checked) -> dict[str, int] | None:
    """Each field's column index, or None (each fault reported) if the file cannot be read."""
    index = {header_key(h): i for i, h in enumerate(sheet.headers)}
    where: dict[str, int] = {}
    faults = 0
    for name, heading in arcs_map.headings.items():
        if header_key(heading) in index:
            where[name] = index[header_key(heading)]
        elif heading != DEFAULT_HEADINGS[name]:  # the map named it: the file must have it
            checked.add(
                sheet.source,
                1,
                heading,
                None,
                "map_column",
                f"the map names this heading for {name}, but the file has no such column",
            )
            faults += 1
    for name in REQUIRED:
        if name not in where and arcs_map.headings[name] == DEFAULT_HEADINGS[name]:
            checked.add(
                sheet.source,
                1,
                DEFAULT_HEADINGS[name],
                None,
                "missing_column",
                f"the file has no column for {name}; name yours in the map's [columns]",
            )
            faults += 1
    used = set(where.values())
    for i, header in enumerate(sheet.headers):
        if i not in used:
            checked.add(
                sheet.source,
                1,
                header,
                None,
                "unknown_column",
                "the map does not use this column; its values are not imported",
                Severity.WARNING,
            )
    return None if faults else where


class _Row:
    """One record being checked: reports its problems under its file and row."""

    def __init__(self, source: str, number: int, arcs_map: ArcsMap, checked: Checked) -> None:
        self.source, self.number, self.map, self.checked = source, number, arcs_map, checked
        self.failed = False

    def error(self, name: str, value: str | None, rule: str, message: str) -> None:
        self.failed = True
        self.checked.add(self.source, self.number, self.map.headings[name], value, rule, message)

    def warn(self, name: str, value: str | None, rule: str, message: str) -> None:
        self.checked.add(
            self.source,
            self.number,
            self.map.headings[name],
            value,
            rule,
            message,
            Severity.WARNING,
        )

    def read(self, cells: dict[str, str]) -> dict[str, Any] | None:
        fields: dict[str, Any] = {}
        for name, text in cells.items():
            if not text.strip():
                continue
            try:
                fields[name] = self._value(name, text)
            except BadValue as e:
                self.error(name, text, e.rule, e.message)
        for name in REQUIRED:
            if name not in cells or not cells[name].strip():
                self.error(name, None, "required", "every row needs this")
        return None if self.failed else fields

    def _value(self, name: str, text: str) -> Any:
        if name in DATE_FIELDS:
            return read_date(text, self.map.date_formats)
        if name in YES_NO_FIELDS:
            return read_yes_no(text, self.map.yes_codes(name), self.map.no_codes(name))
        if name == "language":
            code = self.map.language.get(text.strip().casefold(), text)
            return read_code(code, ("cy", "en", "other"))
        return text.strip()

    def check(self, f: dict[str, Any], year_ending: dt.date) -> dict[str, Any] | None:
        year_start = dt.date(year_ending.year - 1, 4, 1)
        start, closed = f["period_start"], f.get("closure_date")
        if start > year_ending:
            self.error("period_start", start.isoformat(), "outside_year", f"after {year_ending}")
        if closed is not None and closed < start:
            self.error("closure_date", closed.isoformat(), "date_order", "before the plan's start")
        elif closed is not None and not year_start <= closed <= year_ending:
            self.error(
                "closure_date",
                closed.isoformat(),
                "outside_year",
                f"not within {year_start} to {year_ending}",
            )
        if f["plan_active"] and closed is not None:
            self.error(
                "plan_active",
                "yes",
                "active_but_closed",
                "the plan is active on 31 March but has a closure date in the year",
            )
        if not f["plan_active"] and closed is None:
            self.error(
                "closure_date",
                None,
                "closed_without_date",
                "the plan is not active on 31 March, so it needs its closure date",
            )
        if f.get("safeguarding_category") and f.get("adult_safeguarding") is False:
            self.warn(
                "safeguarding_category",
                f["safeguarding_category"],
                "category_without_safeguarding",
                "a category, but adult safeguarding is no",
            )
        return None if self.failed else f


def _journal_rows(f: dict[str, Any], source: str, number: int, year_ending: dt.date) -> list[dict]:
    person = {column: f[name] for name, column in _PERSON.items() if name in f}
    if f.get("adult_safeguarding") and "safeguarding_category" not in f:
        person["safeguarding_category"] = "unspecified"
    if f.get("adult_safeguarding") is False:
        person.pop("safeguarding_category", None)
    common = {
        **person,
        "la_person_id": f["person_id"],
        "source": source,
        "source_row": number,
        "reporting_period_start": dt.date(year_ending.year - 1, 4, 1),
        "reporting_period_end": year_ending,
    }
    closed = f.get("closure_date")
    key = f"arcs:{year_ending.year}:{f['person_id']}"
    rows = [
        {
            **common,
            "event_id": f"{key}:plan",
            "kind": Kind.PLAN.value,
            "activity": PLAN_ACTIVITY,
            "start": _midnight(f["period_start"]),
            "end": _midnight(closed) if closed else None,
        }
    ]
    if closed is not None:
        rows.append(
            {
                **common,
                "event_id": f"{key}:closure",
                "kind": Kind.CLOSURE.value,
                "activity": CLOSURE_ACTIVITY,
                "start": _midnight(closed),
                "reason": f.get("closure_reason"),
            }
        )
    return rows


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)
