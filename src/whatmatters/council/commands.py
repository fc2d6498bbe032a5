"""``whatmatters generate``: a synthetic council (see docs/synthetic-council.md)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

import typer


class DesignChoice(StrEnum):
    """The system design (mirrors whatmatters.council.Design; kept here for a light import)."""

    MENU = "menu"
    WHAT_MATTERS = "what-matters"


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2024-04-01", param_hint=option)


def generate(
    out: Path = typer.Option(..., "--out", help="Folder to write into: OUT/journal and OUT/cld."),
    population: int = typer.Option(
        300_000, "--population", help="People living in the council (all ages)."
    ),
    years: float = typer.Option(4.0, "--years", help="Length of the run in years."),
    design: DesignChoice = typer.Option(
        DesignChoice.MENU, "--design", help="The system design at the start of the run."
    ),
    switch: str | None = typer.Option(
        None,
        "--switch",
        metavar="YYYY-MM-DD",
        help="Turn the menu design into the what-matters design on this day.",
    ),
    seed: int = typer.Option(0, "--seed", help="Random seed: the same seed gives identical files."),
    start: str = typer.Option("2022-04-01", "--start", metavar="YYYY-MM-DD", help="First day."),
    parameters: Path | None = typer.Option(
        None,
        "--parameters",
        exists=True,
        dir_okay=False,
        help="A parameters file to use instead of the project's own (for what-if runs).",
    ),
    cld: bool = typer.Option(True, "--cld/--no-cld", help="Also write CLD Release 2 files."),
) -> None:
    """Generate a synthetic council's records: a journal and CLD Release 2 files.

    The data are synthetic: a model of a menu-driven or a what-matters adult
    social care system, with no real person in them.
    """
    from rich.console import Console
    from rich.progress import Progress

    from whatmatters.council import (
        Design,
        ParameterError,
        Settings,
        SettingsError,
        load_parameters,
    )
    from whatmatters.council import (
        generate as run,
    )

    console = Console(stderr=True)
    try:
        settings = Settings(
            population=population,
            years=years,
            design=Design(design.value),
            switch=_date(switch, "--switch"),
            seed=seed,
            start=_date(start, "--start") or date(2022, 4, 1),
            parameters=load_parameters(parameters) if parameters else None,
        )
    except (SettingsError, ParameterError) as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None
    if cld:
        try:
            import whatmatters.journal.cld.export  # noqa: F401
        except ImportError:
            console.print(
                "[red]error:[/red] this installation has no CLD exporter "
                "(whatmatters.journal.cld.export); run with --no-cld for the journal only"
            )
            raise typer.Exit(2) from None
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("Generating people and their records", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        try:
            summary = run(settings, out, cld=cld, progress=advance)
        except OSError as error:
            console.print(f"[red]error:[/red] cannot write to {out}: {error.strerror}")
            raise typer.Exit(1) from None
    typer.echo(
        f"Wrote {summary.rows:,} journal rows for {summary.people_with_rows:,} people "
        f"({summary.adults:,} adults) to {summary.journal}"
    )
    for kind, count in summary.rows_by_kind.items():
        typer.echo(f"  {kind:<13} {count:>10,}")
    if summary.cld is not None:
        typer.echo(f"CLD Release 2 files in {summary.cld}")
    typer.echo("The data are synthetic: no real person is in them.")


def register(app: typer.Typer) -> None:
    """Add this package's commands to ``app``."""
    app.command("generate", no_args_is_help=True)(generate)
