"""Values in fields that do not apply to the row's event or client type."""

from __future__ import annotations

from collections.abc import Iterator

from whatmatters.journal.cld.columns import blank
from whatmatters.journal.cld.conditions import DESCRIPTIONS, holds
from whatmatters.journal.cld.fields import Condition, Field, field_specs
from whatmatters.journal.cld.problems import Severity
from whatmatters.journal.cld.rules.registry import Context, Finding, rule


@rule(
    "not_applicable",
    "A field has a value on a row it does not apply to (e.g. a Service Type on a request); "
    "the value is kept.",
    Severity.WARNING,
    fields=tuple(Field),
)
def not_applicable(context: Context) -> Iterator[Finding]:
    for field, spec in field_specs().items():
        if spec.applies_when is Condition.ALWAYS or field not in context.present:
            continue
        yield Finding(
            field,
            ~blank(field) & ~holds(spec.applies_when),
            f"{field} has a value but applies only {DESCRIPTIONS[spec.applies_when]}",
        )
