"""Checking Welsh template files row by row, and turning good rows into journal rows.

Every problem names the file, the row (header = row 1), the field, the value,
the rule and what is wrong. A row with an error is left out of the journal;
a row with only warnings is kept. The rules:

* ``missing_column`` (file): a required heading (Person ID, Event Type,
  Event Date) is absent — the file cannot be read;
* ``unknown_column`` (warning, file): a heading not in the template is not imported;
* ``required``: Person ID, Event Type or Event Date is blank;
* ``required_for_event``: a field the event type needs is blank (an assessment's
  Eligibility Outcome, a review's Review Decision, …);
* ``expected_for_event`` (warning): a field the event type should have is blank
  (a plan closure's Outcomes Achieved, a contact's Language and Active Offer);
* ``not_for_event`` (warning): a field given on an event type it does not belong
  to (it is not stored);
* ``date``, ``yes_no``, ``code``: a value that cannot be read;
* ``date_order``: End Date before Event Date;
* ``duplicate_event_id``: an Event ID used by an earlier row;
* ``la_code`` (warning): LA Code is not an ONS Welsh council code (W06 and six digits).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from whatmatters.journal.cld.problems import Severity
from whatmatters.journal.wales.checked import Checked, FileSeen
from whatmatters.journal.wales.read import Sheet, WalesFileError, read_sheet
from whatmatters.journal.wales.template import (
    ALWAYS_REQUIRED,
    EVENT_TYPES,
    FIELDS_BY_HEADER,
    ONLY_FOR,
    EventType,
    FieldType,
    TemplateField,
    header_key,
    looks_like_template,
)
from whatmatters.journal.wales.values import (
    BadValue,
    read_code,
    read_date,
    read_text,
    read_yes_no,
)

_LA_CODE = re.compile(r"^W06\d{6}$")
_HEADER_OF = {f.column: f.header for f in FIELDS_BY_HEADER.values()}


def validate_wales(files: Sequence[str | Path]) -> Checked:
    """Check Welsh template files; ``Checked.rows`` holds the journal rows without errors."""
    checked = Checked()
    seen_ids: dict[str, tuple[str, int]] = {}
    for path in map(Path, files):
        try:
            sheet = read_sheet(path, choose=looks_like_template)
        except WalesFileError as e:
            checked.files.append(FileSeen(e.source, refused=e.message))
            checked.add(e.source, None, None, None, e.rule, e.message)
            continue
        _check_sheet(sheet, checked, seen_ids)
    return checked


def _check_sheet(sheet: Sheet, checked: Checked, seen_ids: dict[str, tuple[str, int]]) -> None:
    seen = FileSeen(sheet.source, rows=len(sheet.records))
    checked.files.append(seen)
    fields = _columns(sheet, checked)
    if fields is None:
        seen.refused = "it lacks a required column"
        return
    for number, cells in sheet.records:
        row = _check_row(sheet.source, number, fields, cells, checked)
        if row is None:
            checked.rows_with_errors += 1
            continue
        event_id = row.get("event_id")
        if event_id and event_id in seen_ids:
            first = seen_ids[event_id]
            checked.add(
                sheet.source,
                number,
                "Event ID",
                event_id,
                "duplicate_event_id",
                f"this Event ID is already used by {first[0]} row {first[1]}",
            )
            checked.rows_with_errors += 1
            continue
        row["event_id"] = event_id or f"{sheet.source}:{number}"
        seen_ids[row["event_id"]] = (sheet.source, number)
        checked.rows.append(row)


def _columns(sheet: Sheet, checked: Checked) -> list[TemplateField | None] | None:
    """Each heading's template field (None for headings not in the template)."""
    fields = [FIELDS_BY_HEADER.get(header_key(h)) for h in sheet.headers]
    for header, known in zip(sheet.headers, fields, strict=True):
        if known is None:
            checked.add(
                sheet.source,
                1,
                header,
                None,
                "unknown_column",
                "this column is not in the Welsh template; its values are not imported",
                Severity.WARNING,
            )
    present = {f.column for f in fields if f}
    missing = [_HEADER_OF[c] for c in ALWAYS_REQUIRED if c not in present]
    for header in missing:
        checked.add(
            sheet.source,
            1,
            header,
            None,
            "missing_column",
            f"the file has no {header!r} column, which every row needs",
        )
    return None if missing else fields


def _check_row(
    source: str,
    number: int,
    fields: list[TemplateField | None],
    cells: list[str],
    checked: Checked,
) -> dict[str, Any] | None:
    """The row as journal columns, or None when it has an error (each one reported)."""
    errors_before = checked.errors

    def problem(f: TemplateField, value: str | None, rule: str, message: str, warn=False) -> None:
        severity = Severity.WARNING if warn else Severity.ERROR
        checked.add(source, number, f.header, value, rule, message, severity)

    values: dict[str, Any] = {}
    given: dict[str, TemplateField] = {}
    raw: dict[str, str] = {}  # values as submitted, for the problems
    for f, text in zip(fields, cells, strict=True):
        if f is None or not text.strip():
            continue
        given[f.column], raw[f.column] = f, text
        try:
            values[f.column] = _value(f, text)
        except BadValue as e:
            problem(f, text, e.rule, e.message)
    for column in ALWAYS_REQUIRED:
        if column not in given:
            f = FIELDS_BY_HEADER[_HEADER_OF[column].casefold()]
            problem(f, None, "required", "every row needs this")
    event = EVENT_TYPES.get(values.get("kind", ""))
    if event is not None:
        _check_event(event, values, given, raw, problem)
    start, end = values.get("start"), values.get("end")
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime) and end < start:
        problem(given["end"], raw["end"], "date_order", "before the Event Date")
    council = values.get("council")
    if council and not _LA_CODE.match(council):
        problem(given["council"], council, "la_code", "not an ONS Welsh council code", True)
    if checked.errors > errors_before or event is None:
        return None
    values["kind"] = event.kind.value
    values["activity"] = event.activity
    values.update(event.fixed)
    values["source"] = source
    values["source_row"] = number
    return values


def _check_event(
    event: EventType,
    values: dict[str, Any],
    given: dict[str, TemplateField],
    raw: dict[str, str],
    problem: Callable[..., None],
) -> None:
    """The event type's own rules: fields it needs, should have, and must not carry."""
    for column in event.required:
        if column not in given:
            f = FIELDS_BY_HEADER[_HEADER_OF[column].casefold()]
            problem(f, None, "required_for_event", f"a {event.code} row needs this")
    for column in event.expected:
        if column not in given:
            f = FIELDS_BY_HEADER[_HEADER_OF[column].casefold()]
            problem(f, None, "expected_for_event", f"a {event.code} row should have this", True)
    for column, owners in ONLY_FOR.items():
        if column in given and event.code not in owners:
            f = given[column]
            values.pop(column, None)
            problem(
                f,
                raw[column],
                "not_for_event",
                f"only for {', '.join(owners)} rows; not stored on a {event.code} row",
                True,
            )


def _value(f: TemplateField, text: str) -> Any:
    if f.type is FieldType.DATE:
        day = read_date(text)
        return day if f.column == "date_of_birth" else dt.datetime(day.year, day.month, day.day)
    if f.type is FieldType.YES_NO:
        return read_yes_no(text)
    if f.type is FieldType.CODE:
        return read_code(text, f.codes)
    return read_text(text) if f.column == "words" else read_text(text.strip())
