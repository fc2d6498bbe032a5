"""``whatmatters check``: run the check on a journal and write its report (see whatmatters.cli)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from whatmatters.check.engines import DEFAULT_TABLE, Backend
from whatmatters.check.params import Period, StoryBy
from whatmatters.terminal import fail

RUN_STEPS = 7  # the steps run_check reports
REPORT_STEPS = 3  # and the report writer


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date like 2024-04-01", param_hint=option
        ) from None


def check(
    journal: Annotated[
        str,
        typer.Argument(
            help="A journal folder or .parquet file, or a CLD return or event log (.csv, "
            ".xlsx, .xes, .xes.gz, .parquet) imported on the fly; with --backend sqlite a "
            "SQLite database file, with --backend postgres a postgresql:// URL (the "
            "casework database), with --backend spark a table in Spark's catalog or a "
            "journal path on the cluster.",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", help="Folder to write the report into.", show_default=False)
    ],
    start: Annotated[
        str | None, typer.Option("--from", help="First day to look at (YYYY-MM-DD).")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Last day to look at (YYYY-MM-DD).")
    ] = None,
    change_date: Annotated[
        str | None,
        typer.Option(
            "--change-date",
            help="When the way of working changed (YYYY-MM-DD): charts recalculate limits "
            "there and results compare before with after.",
        ),
    ] = None,
    period: Annotated[
        Period, typer.Option("--period", help="One point per month or week on the charts.")
    ] = Period.MONTH,
    backend: Annotated[
        Backend, typer.Option("--backend", help="Where the check runs.", case_sensitive=False)
    ] = Backend.DUCKDB,
    table: Annotated[
        str, typer.Option("--table", help="The journal table's name inside a database.")
    ] = DEFAULT_TABLE,
    person: Annotated[
        str | None,
        typer.Option("--person", help="Whose timeline to show (default: the most fragmented)."),
    ] = None,
    story_by: Annotated[
        StoryBy,
        typer.Option(
            "--story-by",
            help="Whose story to tell: the journey with the most teams (then workers, …), "
            "records, workers or assessments.",
            case_sensitive=False,
        ),
    ] = StoryBy.TEAMS,
    targets: Annotated[
        Path | None,
        typer.Option(
            "--targets",
            help="A TOML file of the council's targets (e.g. assessments within 28 days): "
            "the report shows the days taken around each and tests for work piling up just "
            "inside it. Example: whatmatters/check/targets_example.toml.",
            show_default=False,
        ),
    ] = None,
    episode_gap_days: Annotated[
        int,
        typer.Option("--episode-gap-days", help="Days with nothing happening that end an episode."),
    ] = 90,
    repeat_days: Annotated[
        int,
        typer.Option("--repeat-days", help="Look-back for repeat requests on charts and results."),
    ] = 90,
    by_council: Annotated[
        bool,
        typer.Option(
            "--by-council",
            help="Also check each council's rows (journal column council) apart: every table "
            "with a council column, in OUT/by_council.",
        ),
    ] = False,
    memory_limit: Annotated[
        str | None,
        typer.Option(
            "--memory-limit",
            help="Bound DuckDB's memory, e.g. 1.5GB (beyond it, work spills to disk).",
        ),
    ] = None,
    same_journey_days: Annotated[
        int,
        typer.Option(
            "--same-journey-days",
            help="A person back within this many days of a closure is on the same journey "
            "(default: the repeat-request look-back).",
            min=0,
        ),
    ] = 90,
    same_day_quirk: Annotated[
        bool,
        typer.Option(
            "--same-day-quirk",
            help="Sequels exactly as NHS England's STS001 code counts them: a request that "
            "starts and ends on the same day is not held to the 28 days (to reproduce its "
            "figures).",
        ),
    ] = False,
    floor_at_zero: Annotated[
        bool,
        typer.Option(
            "--floor-at-zero",
            help="Show capability charts' lower limits no lower than 0 (for times and "
            "counts that cannot be negative).",
        ),
    ] = False,
    map_threshold: Annotated[
        float | None,
        typer.Option(
            "--map-threshold",
            help="Simplify the process map: 0 shows every path, 1 only the busiest "
            "(default: the commonest steps, at most 15, and the busiest paths between them; "
            "the full map is written beside it).",
            min=0.0,
            max=1.0,
        ),
    ] = None,
    images: Annotated[
        bool,
        typer.Option(
            "--images",
            help="Also write every chart as SVG and PNG files in OUT/charts (for slides).",
        ),
    ] = False,
    language: Annotated[
        str,
        typer.Option(
            "--language",
            help="The report's language: en (English) or cy (Cymraeg, Welsh).",
        ),
    ] = "en",
) -> None:
    """Check the system from the person's side: journeys, demand, flow, capability, results.

    Writes an offline HTML report (OUT/index.html) that draws its charts in the
    page, every figure as CSV and Parquet (OUT/tables), the process maps as SVG
    (OUT/charts, with every chart as SVG and PNG too given --images). With
    --by-council the report is of the whole journal, and OUT/by_council holds
    every table for each council and in total.
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from whatmatters.check.capability import XmrParams
    from whatmatters.check.councils import check_by_council
    from whatmatters.check.errors import CheckError
    from whatmatters.check.params import CheckParams, EpisodeRules, SequelRules
    from whatmatters.check.run import run_check
    from whatmatters.check.sources import open_source
    from whatmatters.check.targets import TargetsError, read_targets
    from whatmatters.journal.store import JournalError
    from whatmatters.language import LanguageError, choose
    from whatmatters.report.writer import ReportError, write_council_tables, write_report

    try:
        language = choose(language)
        council_targets = read_targets(targets) if targets is not None else ()
    except (LanguageError, TargetsError) as e:
        fail(e, 2)
    try:
        params = CheckParams(
            start=_date(start, "--from"),
            end=_date(end, "--to"),
            change_date=_date(change_date, "--change-date"),
            period=period,
            episodes=EpisodeRules(gap_days=episode_gap_days, same_journey_days=same_journey_days),
            sequels=SequelRules(same_day_quirk=same_day_quirk),
            repeat_days=repeat_days,
            person=person,
            story_by=story_by,
            targets=council_targets,
            xmr=XmrParams(floor_at_zero=floor_at_zero),
        )
    except ValueError as e:
        fail(e, 2)
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
    )
    try:
        with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
            steps = None if by_council else RUN_STEPS + REPORT_STEPS  # councils: not known yet
            task = bar.add_task("opening the journal", total=steps)

            def step(what: str) -> None:
                bar.update(task, description=what, advance=1)

            with open_source(journal, backend, table, memory_limit) as source:
                if by_council:
                    checks = check_by_council(source.table, params, progress=step)
                    result = checks.total
                else:
                    result = run_check(source.table, params, progress=step)
                page = write_report(
                    result,
                    out,
                    source=source.name,
                    map_threshold=map_threshold,
                    progress=step,
                    images=images,
                    language=language,
                )
                checked = source.name
            if by_council:
                write_council_tables(checks, out / "by_council")
    except (CheckError, JournalError, ReportError) as e:
        fail(e, 1)
    if checked != journal:  # imported on the fly: say what was read, and what left out
        typer.echo(f"checked {checked}")
    typer.echo(f"report written: {page}")


def register(app: typer.Typer) -> None:
    """Add this package's commands to ``app``."""
    app.command("check")(check)
