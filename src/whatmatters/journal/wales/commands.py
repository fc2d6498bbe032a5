"""Commands of the Welsh readers: ``import wales``, ``import arcs``, ``export wales``.

``whatmatters validate`` checks Welsh template files too: the CLD command
hands them here when their headings are the template's (``validate_files``).
Heavy imports stay inside the functions so ``whatmatters --help`` stays instant.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from whatmatters.terminal import fail
from whatmatters.words import plural

if TYPE_CHECKING:
    from whatmatters.journal.wales.checked import Checked

_REPORT_HELP = "Write every problem (file, row, field, value, rule, severity, message) to this CSV."
_STRICT_HELP = "Refuse the whole import if any row has an error."


def register(app: typer.Typer, *, import_app: typer.Typer, export_app: typer.Typer) -> None:
    """Add this reader's commands (see whatmatters.journal.commands)."""
    import_app.command("wales")(import_wales_command)
    import_app.command("arcs")(import_arcs_command)
    export_app.command("wales")(export_wales_command)


def _show(checked: Checked) -> None:
    import sys

    from rich.console import Console

    from whatmatters.journal.cld.report import problem_summary

    console = Console() if sys.stdout.isatty() else Console(width=160)
    for f in checked.files:
        state = f"[red]could not be read: {f.refused}[/]" if f.refused else plural(f.rows, "row")
        console.print(f"[bold]{f.source}[/]: {state}", highlight=False)
    if checked.problem_rows:
        console.print(problem_summary(checked.problems))


def _summary(checked: Checked) -> str:
    return (
        f"{plural(checked.rows_read, 'row')}: {plural(checked.errors, 'error')} in "
        f"{plural(checked.rows_with_errors, 'row')}, {plural(checked.warnings, 'warning')}"
    )


def _refuse_existing(out: Path) -> None:
    from whatmatters.journal.store import is_journal

    if out.exists() and not is_journal(out):
        fail(f"{out} exists and is not a journal; refusing to replace it", 1)


def import_wales_command(
    files: Annotated[list[Path], typer.Argument(help="Welsh template files: CSV or Excel.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The journal folder to write.")],
    strict: Annotated[bool, typer.Option("--strict", help=_STRICT_HELP)] = False,
    report: Annotated[Path | None, typer.Option("--report", help=_REPORT_HELP)] = None,
) -> None:
    """Import Welsh person-level event files (the template in docs/wales.md) into a journal.

    Rows with errors are left out and listed; rows with warnings are kept.
    Nothing is written if a file cannot be read, or with --strict if any row has an error.
    """
    from whatmatters.journal.wales.importer import import_checked
    from whatmatters.journal.wales.validate import validate_wales

    _refuse_existing(out)
    checked = validate_wales(files)
    _finish(import_checked(checked, out, strict=strict, report=report), report)


def import_arcs_command(
    file: Annotated[Path, typer.Argument(help="The ARCS census extract: CSV or Excel.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The journal folder to write.")],
    map_file: Annotated[
        Path | None,
        typer.Option(
            "--map", help="TOML column map for your layout (default: the published field names)."
        ),
    ] = None,
    year_ending: Annotated[
        str | None,
        typer.Option(
            "--year-ending",
            metavar="YYYY-03-31",
            help="The census year's 31 March (or give it in the map).",
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help=_STRICT_HELP)] = False,
    report: Annotated[Path | None, typer.Option("--report", help=_REPORT_HELP)] = None,
) -> None:
    """Import an ARCS census extract (Adults Receiving Care and Support) into a journal.

    ARCS is a yearly snapshot of care and support plans, not a journey: each
    adult becomes a plan row (and a closure row if the plan closed in the year).
    """
    from whatmatters.journal.wales.arcs import validate_arcs
    from whatmatters.journal.wales.arcs_map import MapError, check_year_ending, load_map
    from whatmatters.journal.wales.importer import import_checked

    _refuse_existing(out)
    try:
        arcs_map = load_map(map_file)
        year = check_year_ending(_day(year_ending)) if year_ending else arcs_map.year_ending
    except MapError as e:
        fail(e, 1)
    if year is None:
        fail("give --year-ending YYYY-03-31 (or year_ending in the map's [file])", 1)
    checked = validate_arcs([file], arcs_map, year)
    _finish(import_checked(checked, out, strict=strict, report=report, notes=()), report)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        fail(f"--year-ending {text!r} is not a date like 2024-03-31", 1)


def _finish(result, report: Path | None) -> None:  # type: ignore[no-untyped-def]
    _show(result.checked)
    if report:
        typer.echo(f"Problems written to {report}")
    if result.refused:
        fail(f"no journal written: {result.refused}", 1)
    typer.echo(
        f"Wrote {plural(result.rows_written, 'row')} to {result.journal} "
        f"({plural(result.checked.rows_with_errors, 'row')} left out with errors, "
        f"{plural(result.checked.warnings, 'warning')})"
    )


def validate_files(files: list[Path], report: Path | None) -> None:
    """``whatmatters validate`` for Welsh template files: list problems, exit 1 on errors."""
    from whatmatters.journal.cld.report import write_report
    from whatmatters.journal.wales.validate import validate_wales

    checked = validate_wales(files)
    if report:
        write_report(checked.problems, report)
    _show(checked)
    summary = _summary(checked)
    if checked.refused_files:
        summary = f"{plural(len(checked.refused_files), 'file')} could not be read; " + summary
    if not checked.ok:
        fail(summary, 1)
    typer.echo(f"No errors. {summary}")


def is_wales_template(path: Path) -> bool:
    """Whether ``path`` reads as the Welsh template (its headings), for ``validate``."""
    from whatmatters.journal.wales.read import WalesFileError, read_headers
    from whatmatters.journal.wales.template import looks_like_template

    try:
        return looks_like_template(read_headers(path, looks_like_template))
    except (WalesFileError, OSError, UnicodeDecodeError):
        return False


def export_wales_command(
    journal: Annotated[Path, typer.Argument(help="The journal folder to export.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The CSV file to write.")],
) -> None:
    """Write a journal's Welsh events as the Welsh template (CSV, dd/mm/yyyy dates)."""
    from whatmatters.journal.store import JournalError
    from whatmatters.journal.wales.export import export_wales

    try:
        result = export_wales(journal, out)
    except JournalError as e:
        fail(e, 1)
    typer.echo(
        f"Wrote {plural(result.rows_written, 'row')} to {result.out} "
        f"({plural(result.rows_left_out, 'row')} the template has no event type for left out)"
    )
