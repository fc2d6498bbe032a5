"""docs/check.md documents every table the check returns and every option of the command."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from whatmatters.check.run import TABLES
from whatmatters.cli import app

DOC = Path(__file__).resolve().parents[2] / "docs" / "check.md"


def test_every_table_is_documented() -> None:
    text = DOC.read_text()
    missing = [name for name in TABLES if f"**`{name}`**" not in text]
    assert not missing, f"docs/check.md does not document: {missing}"


def test_every_option_of_the_command_is_documented() -> None:
    text = DOC.read_text()
    check = typer.main.get_command(app).commands["check"]
    options = [o for p in check.params for o in p.opts if o.startswith("--") and o != "--help"]
    missing = [o for o in options if not re.search(rf"`{re.escape(o)}\b", text)]
    assert not missing, f"docs/check.md does not document: {missing}"
