"""Mandatory fields: blank where the specification needs a value."""

from __future__ import annotations

from collections.abc import Iterator

from whatmatters.journal.cld.columns import blank
from whatmatters.journal.cld.conditions import DESCRIPTIONS, holds
from whatmatters.journal.cld.fields import Condition, Field, field_specs
from whatmatters.journal.cld.problems import Severity
from whatmatters.journal.cld.rules.registry import Context, Finding, rule


@rule(
    "mandatory",
    "A field is blank where it is mandatory; when depends on the event and client type "
    "(reference/fields.csv, mandatory_when). A blank in a field every row needs (LA Code, "
    "LA Person Unique Identifier, Client Type, Event Type, Event Start and End Date) is an "
    "error; any other blank is a warning.",
    Severity.WARNING,
    fields=tuple(Field),
)
def mandatory(context: Context) -> Iterator[Finding]:
    for field, spec in field_specs().items():
        if spec.mandatory_when is Condition.NEVER or field not in context.present:
            continue  # a column missing altogether is reported once for the file
        yield Finding(
            field,
            holds(spec.mandatory_when) & blank(field),
            f"{field} is blank; it is mandatory {DESCRIPTIONS[spec.mandatory_when]}",
            severity=spec.blank_severity,
        )
