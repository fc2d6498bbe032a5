"""``whatmatters import …``, ``export …`` and ``validate``.

The CLD and event-log readers each add their own commands to these groups.
"""

from __future__ import annotations

import typer

from whatmatters.journal.cld import commands as cld_commands
from whatmatters.journal.eventlog import commands as eventlog_commands
from whatmatters.journal.wales import commands as wales_commands

import_app = typer.Typer(help="Import a council's records into a journal.", no_args_is_help=True)
export_app = typer.Typer(
    help="Export a journal to a return format, or one person's data.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    """Add the import and export groups, and the readers' commands, to ``app``."""
    app.add_typer(import_app, name="import")
    app.add_typer(export_app, name="export")
    for module in (cld_commands, eventlog_commands, wales_commands):
        module.register(app, import_app=import_app, export_app=export_app)
