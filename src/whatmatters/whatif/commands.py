"""``whatmatters what-if`` and ``whatmatters model fit`` (see docs/what-if.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from whatmatters.terminal import fail, progress_bar
from whatmatters.words import plural

model_app = typer.Typer(
    help="A council's model: fitted to its own records, for what-if questions.",
    no_args_is_help=True,
)


def what_if(
    model: Annotated[
        Path,
        typer.Argument(
            exists=True, dir_okay=False, help="The model: a fitted model file or a parameters file."
        ),
    ],
    scenarios: Annotated[
        list[Path] | None,
        typer.Argument(
            exists=True, dir_okay=False, help="Scenario files: only the values that change."
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for the page (index.html).")] = Path(
        "what-if"
    ),
    years: Annotated[float, typer.Option("--years", help="Length of each run in years.")] = 3.0,
    runs: Annotated[int, typer.Option("--runs", help="Runs of each scenario (seeds differ).")] = 5,
    population: Annotated[
        int | None,
        typer.Option("--population", help="People living there (default: the model's)."),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="The first run's seed.")] = 1,
    workers: Annotated[int, typer.Option("--workers", help="Processes to run in.")] = 2,
    sensitivity: Annotated[
        bool,
        typer.Option(
            "--sensitivity",
            help="Also vary each assumed value within its plausible range (tornado charts).",
        ),
    ] = False,
) -> None:
    """Run the model as it is and each scenario several times, check every run, and write
    one offline page comparing them side by side, with intervals across runs.

    The data are synthetic: councils generated from the model, not anyone's records.
    """
    from whatmatters.council import ParameterError, SettingsError
    from whatmatters.whatif.study import what_if as run

    if runs < 1 or workers < 1:
        fail("--runs and --workers must be at least 1")
    with progress_bar("Generating and checking councils") as advance:
        try:
            page = run(
                model,
                scenarios or [],
                out=out,
                years=years,
                runs=runs,
                population=population,
                seed=seed,
                workers=workers,
                sensitivity=sensitivity,
                progress=advance,
            )
        except (ParameterError, SettingsError) as error:
            fail(error)
        except OSError as error:
            fail(f"cannot write to {out}: {error.strerror}", 1)
    typer.echo(f"Compared {plural(1 + len(scenarios or []), 'scenario')}: {page}")
    typer.echo("The data are synthetic: councils generated from the model.")


@model_app.command("fit", no_args_is_help=True)
def fit(
    journal: Annotated[
        Path, typer.Argument(exists=True, help="The council's journal (or a CLD import's).")
    ],
    out: Annotated[Path, typer.Option("--out", help="The model file to write (TOML).")],
    population: Annotated[
        int | None,
        typer.Option(
            "--population",
            help="People living in the council (all ages); default: the journal's, if recorded.",
        ),
    ] = None,
    resamples: Annotated[
        int, typer.Option("--resamples", help="Bootstrap resamples for the intervals.")
    ] = 200,
    seed: Annotated[int, typer.Option("--seed", help="Seed for the bootstrap.")] = 0,
) -> None:
    """Estimate the menu design's parameters from a council's own records, each with its
    95% interval and how it was estimated, as a parameters file for what-if."""
    from whatmatters.council.fit import FitError, describe, fit_journal, write_model
    from whatmatters.journal import JournalError

    try:
        fitted = fit_journal(journal, population=population, resamples=resamples, seed=seed)
        write_model(fitted, out)
    except (FitError, JournalError) as error:
        fail(error)
    except OSError as error:
        fail(f"cannot write {out}: {error.strerror}", 1)
    typer.echo(
        f"Fitted {plural(len(fitted.estimates), 'parameter')} from "
        f"{plural(fitted.requests, 'request')} over {fitted.years:.1f} years: {out}"
    )
    for line in describe(fitted):
        typer.echo(f"  {line}")
    typer.echo("Everything else is as in the project's parameters (see the file's sources).")


def register(app: typer.Typer) -> None:
    """Add this package's commands to ``app``."""
    app.command("what-if", no_args_is_help=True)(what_if)
    app.add_typer(model_app, name="model")
