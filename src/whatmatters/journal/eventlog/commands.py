"""Commands of this reader (see whatmatters.journal.commands)."""

from __future__ import annotations

import typer


def register(app: typer.Typer, *, import_app: typer.Typer, export_app: typer.Typer) -> None:
    """Add this reader's commands: to ``import_app``/``export_app`` or top-level ``app``."""
