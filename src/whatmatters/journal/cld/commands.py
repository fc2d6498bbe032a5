"""Commands of the CLD reader: ``import cld``, ``export cld``, ``validate``, ``summary``.

Heavy imports stay inside the command functions so ``whatmatters --help``
stays instant.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from whatmatters.journal.cld.release import Release
from whatmatters.terminal import fail
from whatmatters.words import plural


def register(app: typer.Typer, *, import_app: typer.Typer, export_app: typer.Typer) -> None:
    """Add this reader's commands: to ``import_app``/``export_app`` or top-level ``app``."""
    import_app.command("cld")(import_cld_command)
    export_app.command("cld")(export_cld_command)
    app.command("validate")(validate_command)
    app.command("summary")(summary_command)


_FILES_HELP = (
    "CLD (or Welsh template) files: CSV (UTF-8, UTF-8 with BOM or Windows-1252) or Excel workbooks."
)
_RELEASE_HELP = "Read every file as this CLD release instead of detecting it."
_REPORT_HELP = "Write every problem (file, row, field, value, rule, severity, message) to this CSV."


@contextmanager
def _progress() -> Iterator[Callable[[str], None]]:
    """A spinner on stderr showing the current step; yields the function that sets it."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("starting", total=None)
        yield lambda text: progress.update(task, description=text)


@contextmanager
def _startup_frozen() -> Iterator[None]:
    """Keep the garbage collector from walking start-up's objects during the work.

    Classifying a million rows makes a few hundred thousand objects, enough
    for several full collections, each walking every module and class loaded
    at start-up (0.2 CPU seconds in all); frozen, they are skipped.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _output():
    """The console for tables of problems: wide enough to read when written to
    a file or a CI log (Rich would otherwise squeeze them into 80 columns)."""
    import sys

    from rich.console import Console

    return Console() if sys.stdout.isatty() else Console(width=160)


def _show_files(validation: object) -> None:

    from whatmatters.journal.cld.validate import Validation

    assert isinstance(validation, Validation)
    console = _output()
    for f in validation.files:
        if f.refused:
            console.print(f"[bold]{f.source}[/]: [red]could not be read as CLD[/]")
            continue
        release = f.release.describe() if f.release else ""
        console.print(
            f"[bold]{f.source}[/]: {plural(f.rows, 'row')}, {release}, {f.encoding}",
            highlight=False,
        )


def import_cld_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="The journal folder to write.")],
    files: Annotated[list[Path] | None, typer.Argument(help=_FILES_HELP)] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Refuse the whole import if any row has an error.")
    ] = False,
    report: Annotated[Path | None, typer.Option("--report", help=_REPORT_HELP)] = None,
    release: Annotated[
        Release | None, typer.Option("--release", help=_RELEASE_HELP, case_sensitive=False)
    ] = None,
    sample: Annotated[
        bool, typer.Option("--sample", help="Import the bundled fictional sample council's return.")
    ] = False,
) -> None:
    """Import CLD returns (Release 1 or 2) into a journal, reporting every problem.

    Rows with errors are left out and listed; rows with warnings are kept.
    Duplicate events (DHSC's unique event key) are reported and one row kept.
    Nothing is written unless every file could be read.
    """

    from whatmatters.journal.cld.importer import import_cld
    from whatmatters.journal.cld.report import render
    from whatmatters.journal.cld.sample.make_sample import SAMPLE
    from whatmatters.journal.store import JournalError, is_journal

    paths = list(files or [])
    if sample:
        paths.append(SAMPLE)
    if not paths:
        fail("give one or more CLD files to import (or --sample)", 1)
    if out.exists() and not is_journal(out):
        fail(f"{out} exists and is not a journal; refusing to replace it (choose another --out)", 1)
    try:
        with _startup_frozen(), _progress() as step:
            result = import_cld(
                paths, out, strict=strict, release=release, report=report, step=step
            )
    except JournalError as e:
        fail(e, 1)
    v = result.validation
    _show_files(v)
    console = _output()
    render(console, v.problems, v.mappings)
    if report:
        console.print(f"Problems written to {report}", highlight=False)
    if result.refused:
        fail(f"no journal written: {result.refused}", 1)
    console.print(
        f"[green]Wrote {plural(result.rows_written, 'row')} to {result.journal}[/] "
        f"({plural(v.rows_with_errors, 'row')} left out with errors, "
        f"{_duplicates(v)} left out, "
        f"{plural(v.warning_count, 'warning')})",
        highlight=False,
    )


def _duplicates(validation) -> str:  # type: ignore[no-untyped-def]
    """Duplicate events, and apart from them events a later return records again."""
    later = validation.later_returns
    words = plural(validation.duplicates - later, "duplicate event")
    if later:
        words += f" and {plural(later, 'event')} recorded again in a later return"
    return words


def validate_command(
    files: Annotated[list[Path], typer.Argument(help=_FILES_HELP)],
    report: Annotated[Path | None, typer.Option("--report", help=_REPORT_HELP)] = None,
    release: Annotated[
        Release | None, typer.Option("--release", help=_RELEASE_HELP, case_sensitive=False)
    ] = None,
) -> None:
    """Check CLD files against the data-quality rules without importing them.

    Exits with status 1 if any file cannot be read or any row has an error.
    Welsh template files (docs/wales.md) are checked against the template's rules.
    """
    from whatmatters.journal.wales import commands as wales

    if files and all(wales.is_wales_template(f) for f in files):
        return wales.validate_files(files, report)

    from whatmatters.journal.cld.report import render, write_report
    from whatmatters.journal.cld.validate import validate_cld

    with _startup_frozen(), _progress() as step:
        validation = validate_cld(files, release=release, step=step)
    if report:
        write_report(validation.problems, report)
    _show_files(validation)
    console = _output()
    render(console, validation.problems, validation.mappings)
    summary = (
        f"{plural(validation.rows_read, 'row')}: {plural(validation.error_count, 'error')} in "
        f"{plural(validation.rows_with_errors, 'row')}, "
        f"{plural(validation.warning_count, 'warning')}, "
        f"{_duplicates(validation)}"
    )
    if validation.refused_files:
        summary = f"{plural(len(validation.refused_files), 'file')} could not be read; " + summary
    if not validation.ok:
        fail(summary, 1)
    console.print(f"[green]No errors.[/] {summary}", highlight=False)


def export_cld_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="The CSV file to write.")],
    journal: Annotated[
        Path | None, typer.Argument(help="The journal folder to export.", show_default=False)
    ] = None,
    database: Annotated[
        str | None,
        typer.Option(
            "--database",
            help="Export a casework database's journal instead: sqlite:///PATH or "
            "postgresql://user@host/db.",
        ),
    ] = None,
    release: Annotated[
        Release, typer.Option("--release", help="The CLD release to write (only R2).")
    ] = Release.R2,
) -> None:
    """Write a journal's CLD rows as a CLD Release 2 CSV (spaced headers, dd/mm/yyyy).

    Rows that are not CLD events (contacts, conversations, …) are left out and
    counted. Text a spreadsheet could run as a formula is neutralised.
    """
    from whatmatters.journal.cld.export import ExportError, export_cld
    from whatmatters.journal.store import JournalError

    if (journal is None) == (database is None):
        fail("give a journal folder or --database URL (one of them)", 1)
    try:
        result = export_cld(
            _casework_journal(database) if database else journal, out, release.value
        )
    except (ExportError, JournalError) as e:
        fail(e, 1)
    still_open = (
        f"; {result.open_left_out:,} requests, assessments or reviews not yet ended left out "
        "(CLD returns them once they end)"
        if result.open_left_out
        else ""
    )
    typer.echo(
        f"Wrote {plural(result.rows_written, 'CLD row')} to {result.out} "
        f"({plural(result.rows_left_out, 'row')} that are not CLD events left out{still_open})"
    )


def _casework_journal(database_url: str):
    """The journal table of a casework database, as Arrow (the exporter's input)."""
    from whatmatters.journal.database import DatabaseError, open_journal_database

    try:
        journal = open_journal_database(database_url)
    except DatabaseError as e:
        fail(e, 1)
    try:
        return journal.to_pyarrow()
    finally:
        journal.get_backend().disconnect()  # read whole: its session is not kept open


def summary_command(
    journal: Annotated[Path, typer.Argument(help="The journal folder to summarise.")],
) -> None:
    """Show what a journal holds: rows, people, dates, rows by kind and by source."""
    from rich.console import Console

    from whatmatters.journal.store import JournalError
    from whatmatters.journal.summary import render, summarise

    try:
        summary = summarise(journal)
    except JournalError as e:
        fail(e, 1)
    render(summary, journal, Console())
