"""``whatmatters generate``: a synthetic council (see docs/synthetic-council.md)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from whatmatters.terminal import fail, progress_bar
from whatmatters.words import plural


class Nation(StrEnum):
    ENGLAND = "england"
    WALES = "wales"


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
        message = f"{value!r} is not a date like 2024-04-01"
        raise typer.BadParameter(message, param_hint=option) from None


def generate(
    out: Annotated[
        Path, typer.Option("--out", help="Folder to write into: OUT/journal and OUT/cld.")
    ],
    population: Annotated[
        int, typer.Option("--population", help="People living in the council (all ages).")
    ] = 300_000,
    years: Annotated[float, typer.Option("--years", help="Length of the run in years.")] = 4.0,
    design: Annotated[
        DesignChoice, typer.Option("--design", help="The system design at the start of the run.")
    ] = DesignChoice.MENU,
    switch: Annotated[
        str | None,
        typer.Option(
            "--switch",
            metavar="YYYY-MM-DD",
            help="Turn the menu design into the what-matters design on this day.",
        ),
    ] = None,
    seed: Annotated[
        int, typer.Option("--seed", help="Random seed: the same seed gives identical files.")
    ] = 0,
    start: Annotated[
        str, typer.Option("--start", metavar="YYYY-MM-DD", help="First day of the run.")
    ] = "2022-04-01",
    parameters: Annotated[
        Path | None,
        typer.Option(
            "--parameters",
            exists=True,
            dir_okay=False,
            help="A parameters file to use instead of the project's own (for what-if runs).",
        ),
    ] = None,
    cld: Annotated[
        bool, typer.Option("--cld/--no-cld", help="Also write CLD Release 2 files.")
    ] = True,
    nation: Annotated[
        Nation,
        typer.Option(
            "--nation",
            help="wales: write the Welsh template and ARCS-like files instead of CLD "
            "(docs/wales.md).",
        ),
    ] = Nation.ENGLAND,
) -> None:
    """Generate a synthetic council's records: a journal and CLD Release 2 files.

    The data are synthetic: a model of a menu-driven or a what-matters adult
    social care system, with no real person in them.
    """
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
    from whatmatters.journal import JournalError

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
        fail(error, 2)
    if nation is Nation.WALES:
        cld = False  # a Welsh council submits no CLD
    if cld:
        try:
            import whatmatters.journal.cld.export  # noqa: F401
        except ImportError:
            fail(
                "this installation has no CLD exporter (whatmatters.journal.cld.export); "
                "run with --no-cld for the journal only",
                2,
            )
    with progress_bar("Generating people and their records") as advance:
        try:
            summary = run(settings, out, cld=cld, progress=advance, nation=nation.value)
        except JournalError as error:
            fail(error, 1)
        except OSError as error:
            fail(f"cannot write to {out}: {error.strerror}", 1)
    typer.echo(
        f"Wrote {plural(summary.rows, 'journal row')} for "
        f"{plural(summary.people_with_rows, 'person', 'people')} with records "
        f"(of {plural(summary.adults, 'adult')} living there) to {summary.journal}"
    )
    for kind, count in summary.rows_by_kind.items():
        typer.echo(f"  {kind:<13} {count:>10,}")
    if summary.cld is not None:
        typer.echo(f"CLD Release 2 files in {summary.cld}")
    if summary.wales_files:
        template, *arcs = summary.wales_files
        typer.echo(f"Welsh template: {template}")
        typer.echo(f"ARCS-like census files: {', '.join(str(a) for a in arcs) or 'none'}")
    typer.echo("The data are synthetic: no real person is in them.")


def register(app: typer.Typer) -> None:
    """Add this package's commands to ``app``."""
    app.command("generate", no_args_is_help=True)(generate)
