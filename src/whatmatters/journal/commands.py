"""``whatmatters import …``, ``export …`` and ``validate``."""

from __future__ import annotations

import typer

import_app = typer.Typer(help="Import a council's records into a journal.", no_args_is_help=True)
export_app = typer.Typer(help="Export a journal to a return format.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add the import and export groups and ``validate`` to ``app``."""
    app.add_typer(import_app, name="import")
    app.add_typer(export_app, name="export")
