"""Write the journal's column reference (``docs/journal.md``) from the schema.

``python -m whatmatters.journal.docs docs/journal.md`` regenerates the table
between the markers; a test fails when the file is out of step.
"""

from __future__ import annotations

import sys
from pathlib import Path

from whatmatters.journal.schema import COLUMNS, SCHEMA_VERSION, Kind

BEGIN = "<!-- columns: generated from whatmatters.journal.schema; do not edit by hand -->"
END = "<!-- end of columns -->"


def columns_markdown() -> str:
    lines = [BEGIN, "", f"Schema version **{SCHEMA_VERSION}**.", ""]
    group = None
    for column in COLUMNS:
        if column.group != group:
            group = column.group
            lines += ["", f"### {group.capitalize()}", "", "| column | type | meaning |"]
            lines.append("|---|---|---|")
        lines.append(f"| `{column.name}` | {column.type} | {column.description} |")
    lines += ["", "### Kinds", "", "| kind | |", "|---|---|"]
    lines += [f"| `{kind.value}` | {kind.name.lower().replace('_', ' ')} |" for kind in Kind]
    lines += ["", END]
    return "\n".join(lines)


def update(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return head + columns_markdown() + tail


if __name__ == "__main__":
    target = Path(sys.argv[1])
    target.write_text(update(target), encoding="utf-8")
