"""The ``whatmatters`` command.

Each package adds its own commands through a ``register(app)`` function in
its ``commands`` module (the casework application's are in ``cli/casework.py``,
on the top floor, because serving it needs its Django project), so this file
only assembles them. Heavy imports stay
inside the command functions: ``whatmatters --help`` must be instant.
"""

from __future__ import annotations

import typer

from whatmatters import __version__
from whatmatters.cli import casework as casework_commands
from whatmatters.cli import check as check_commands
from whatmatters.council import commands as council_commands
from whatmatters.journal import commands as journal_commands
from whatmatters.whatif import commands as whatif_commands

app = typer.Typer(
    name="whatmatters",
    help=(
        "Follow adult social care work from the person's side: import a council's "
        "records, check the system, work the what-matters way, measure the change."
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"whatmatters {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """whatmatters."""


for module in (
    journal_commands,
    council_commands,
    check_commands,
    casework_commands,
    whatif_commands,
):
    module.register(app)
