"""Commands of this reader (see whatmatters.journal.commands)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from whatmatters.terminal import fail
from whatmatters.words import plural

if TYPE_CHECKING:
    from rich.console import Console

    from whatmatters.journal.eventlog import EventLogError, ImportResult
    from whatmatters.journal.eventlog.columns import Classifier

SHOWN_PROBLEMS = 20
SHOWN_UNMAPPED = 15


def register(app: typer.Typer, *, import_app: typer.Typer, export_app: typer.Typer) -> None:
    """Add this reader's commands: to ``import_app``/``export_app`` or top-level ``app``."""
    import_app.command("events")(import_events_command)


def _column(help_text: str) -> typer.models.OptionInfo:
    return typer.Option(help=help_text, show_default=False)


def import_events_command(
    file: Annotated[Path, typer.Argument(help="The event log: .csv, .parquet, .xes or .xes.gz.")],
    out: Annotated[Path, typer.Option("--out", help="The journal folder to write.")],
    person: Annotated[
        str, typer.Option(help="Column (XES: attribute) naming the case, i.e. the person.")
    ] = "case:concept:name",
    activity: Annotated[str, typer.Option(help="Column naming the activity.")] = "concept:name",
    start: Annotated[
        str | None,
        _column(
            r"Column with the start time"
            r" \[default: start_timestamp if present, else time:timestamp]."
        ),
    ] = None,
    end: Annotated[
        str | None,
        _column(
            r"Column with the end time \[default: time:timestamp when start_timestamp is used]."
        ),
    ] = None,
    team: Annotated[str | None, _column(r"Column with the team \[default: org:group].")] = None,
    worker: Annotated[
        str | None, _column(r"Column with the worker \[default: org:resource].")
    ] = None,
    lifecycle: Annotated[
        str | None,
        _column(r"Column with start/complete transitions \[default: lifecycle:transition]."),
    ] = None,
    to_team: Annotated[
        str | None,
        _column("Column with the team a referral passes work to (journal: to_team)."),
    ] = None,
    field: Annotated[
        list[str] | None,
        typer.Option(
            "--field",
            help="Any other journal text column, as JOURNAL_COLUMN=LOG_COLUMN"
            " (e.g. reason=closure_reason); repeat for more.",
            show_default=False,
        ),
    ] = None,
    classifier: Annotated[
        str,
        typer.Option(
            help="How a step is named: 'name' (the activity alone, as pm4py) or"
            " 'name+lifecycle' (with a status other than start/complete, as XES's"
            " standard classifier)."
        ),
    ] = "name+lifecycle",
    kinds: Annotated[
        Path | None, _column("TOML file mapping activity names and patterns to journal kinds.")
    ] = None,
    council: Annotated[str | None, _column("Council code for every row (CLD LA Code).")] = None,
) -> None:
    """Import an event log (CSV, Parquet, XES) into a journal, one row per activity instance.

    Start and complete events of one activity are joined into one row with a
    start and an end. Problems are listed by file, row and field; if there is
    any, no journal is written. See docs/event-logs.md.
    """
    from rich.console import Console

    from whatmatters.journal.eventlog import EventColumns, EventLogError, import_events
    from whatmatters.journal.store import JournalError

    try:
        columns = EventColumns(
            person,
            activity,
            start,
            end,
            team,
            worker,
            lifecycle,
            to_team=to_team,
            fields=tuple(_field(text) for text in field or ()),
            classifier=_classifier(classifier),
        )
        if council is not None and not council.strip():
            raise ValueError("--council is empty: give the council's code, or leave it out")
        if kinds is not None and not str(kinds).strip(". "):
            raise ValueError("--kinds is empty: give a TOML file, or leave it out")
    except ValueError as error:
        fail(error)
    try:
        with _progress(file.name) as on_progress:
            result = import_events(
                file, out, columns=columns, kinds=kinds, council=council, on_progress=on_progress
            )
    except EventLogError as error:
        _print_problems(error)
        fail(f"{plural(error.total, 'problem')}; no journal written", 1)
    except (JournalError, OSError) as error:
        fail(f"{error}; no journal written", 1)
    _print_summary(Console(highlight=False), result)


def _field(text: str) -> tuple[str, str]:
    """``--field reason=closure_reason`` → (journal column, log column)."""
    name, equals, key = text.partition("=")
    if not equals or not name.strip() or not key.strip():
        raise ValueError(f"--field {text!r}: write it as JOURNAL_COLUMN=LOG_COLUMN")
    return name.strip(), key


def _classifier(text: str) -> Classifier:
    from whatmatters.journal.eventlog.columns import Classifier

    try:
        return Classifier(text)
    except ValueError:
        choices = " or ".join(repr(c.value) for c in Classifier)
        raise ValueError(f"--classifier {text!r}: choose {choices}") from None


@contextmanager
def _progress(name: str) -> Iterator[Callable[[int, int], None]]:
    """A Rich progress bar fed by the importer's (done, total) callback."""
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TimeElapsedColumn

    columns = (BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
    with Progress(f"reading {_escape(name)}", *columns, transient=True) as progress:
        task = progress.add_task("read", total=None)
        yield lambda done, total: progress.update(task, completed=done, total=total)


def _print_problems(error: EventLogError) -> None:
    """The first problems, one a line on standard error, above the command's error line."""
    for problem in error.problems[:SHOWN_PROBLEMS]:
        typer.echo(f"  {problem}", err=True)
    hidden = error.total - min(len(error.problems), SHOWN_PROBLEMS)
    if hidden > 0:
        typer.echo(f"  … and {hidden:,} more problems", err=True)


def _print_summary(console: Console, result: ImportResult) -> None:
    console.print(
        f"Imported {_escape(result.source)} into {_escape(str(result.journal))}: "
        f"{plural(result.events, 'event')} of {plural(result.cases, 'case')} → "
        f"{plural(result.rows, 'row')}."
    )
    if result.pairs or result.open_starts or result.lone_completes:
        console.print(
            f"Lifecycle: {result.pairs:,} start/complete pairs joined, "
            f"{result.open_starts:,} starts never completed (no end), "
            f"{result.lone_completes:,} completes without a start."
        )
    console.print("Kinds: " + ", ".join(f"{k} {n:,}" for k, n in result.kinds.items()) + ".")
    if result.unmapped:
        console.print(
            f"{len(result.unmapped):,} activities have no kind (so 'other'); map them with --kinds:"
        )
        for activity, n in list(result.unmapped.items())[:SHOWN_UNMAPPED]:
            console.print(f"  {_escape(activity)} ({n:,} rows)")
        if len(result.unmapped) > SHOWN_UNMAPPED:
            console.print(f"  … and {len(result.unmapped) - SHOWN_UNMAPPED:,} more")
    if result.aside:
        from whatmatters.journal.eventlog.importer import column_name

        names = _escape(", ".join(column_name(name) for name in result.aside))
        console.print(
            f"Kept aside {len(result.aside):,} attributes no journal column takes ({names}) "
            "in aside/attributes.parquet."
        )


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
