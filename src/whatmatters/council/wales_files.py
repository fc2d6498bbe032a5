"""Writing a Welsh synthetic council: its journal, the Welsh template, ARCS-like files.

``generate --nation wales`` writes::

    OUT/journal/                         the Welsh journal (the template's events)
    OUT/wales/welsh-events.csv           the same events as the Welsh template
    OUT/arcs/ARCS_<council>_<year>.csv   one ARCS-like census per year ending 31 March

The model's own journal is made first (as for England), turned into Welsh
events (``council.wales``) and replaced by them, atomically.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pyarrow as pa

from whatmatters.council.cld_files import reporting_years
from whatmatters.council.wales import welsh_journal
from whatmatters.journal.schema import Kind
from whatmatters.journal.store import (
    JournalWriter,
    folder_written,
    read_journal,
    read_manifest,
)
from whatmatters.journal.wales.arcs_map import DEFAULT_HEADINGS
from whatmatters.journal.wales.export import export_wales

WALES = "wales"
ARCS = "arcs"
TEMPLATE_FILE = "welsh-events.csv"


def write_welsh_council(
    journal: Path, out: Path, seed: int, council: str, start: dt.date, end: dt.date
) -> tuple[Path, list[Path]]:
    """Replace the model's journal at ``journal`` by the Welsh one; write the files.

    Returns the template file and the ARCS files.
    """
    model = read_journal(journal)
    manifest = read_manifest(journal)
    parameters = (journal / "parameters.json").read_text(encoding="utf-8")
    welsh = welsh_journal(model, seed, council)
    with JournalWriter(journal) as writer:
        writer.write(welsh)
        manifest.pop("rows", None)
        manifest.pop("schema_version", None)
        manifest["synthetic"]["council"] = council
        manifest["synthetic"]["nation"] = WALES
        kinds = pl.from_arrow(welsh.select(["kind"]))["kind"].value_counts(sort=True)
        manifest["rows_by_kind"] = dict(sorted(zip(kinds["kind"], kinds["count"], strict=True)))
        writer.manifest.update(manifest)
        writer.side_path("parameters.json").write_text(parameters, encoding="utf-8")
    template = export_wales(welsh, out / WALES / TEMPLATE_FILE).out
    return template, write_arcs_files(welsh, model, out / ARCS, council, start, end)


def write_arcs_files(
    welsh: pa.Table, model: pa.Table, folder: Path, council: str, start: dt.date, end: dt.date
) -> list[Path]:
    """One ARCS-like CSV per whole year ending 31 March in the run, atomically (a folder)."""
    plans = _plans(pl.from_arrow(welsh), pl.from_arrow(model))
    names = []
    with folder_written(folder) as temp:
        for first, last in reporting_years(start, end):
            if (last.month, last.day) != (3, 31):
                continue  # a part year has no census at its end
            name = f"ARCS_{council}_{last.year - 1}-{last.year % 100:02d}.csv"
            _census(plans, first, last).write_csv(temp / name, include_bom=True)
            names.append(name)
    return [folder / n for n in names]


def _plans(welsh: pl.DataFrame, model: pl.DataFrame) -> pl.DataFrame:
    """Each care and support plan with its closure, the person's details and safeguarding days."""
    kind = pl.col("kind")
    closures = welsh.filter(kind == Kind.CLOSURE.value).select(
        "person_id", pl.col("start").alias("closed"), pl.col("reason").alias("closure_reason")
    )
    welsh_speakers = (
        welsh.filter(pl.col("conversation_language") == "cy").select("person_id").unique()
    )
    people = model.group_by("person_id").agg(
        pl.col("date_of_birth").first(), pl.col("gender").first(), pl.col("ethnicity").first()
    )
    reports = (
        welsh.filter(pl.col("safeguarding_stage") == "report")
        .group_by("person_id")
        .agg(pl.col("start").alias("reported"))
    )
    return (
        welsh.filter(kind == Kind.PLAN.value)
        .select("council", "person_id", pl.col("start").alias("period_start"))
        .join(closures, on="person_id", how="left")
        .join(people, on="person_id", how="left")
        .join(reports, on="person_id", how="left")
        .with_columns(
            language=pl.when(pl.col("person_id").is_in(welsh_speakers["person_id"].implode()))
            .then(pl.lit("cy"))
            .otherwise(pl.lit("en"))
        )
        .sort("person_id")
    )


def _census(plans: pl.DataFrame, first: dt.date, last: dt.date) -> pl.DataFrame:
    """The census for the year [first, last]: every plan open at any point in it."""
    lo, hi = _midnight(first), _midnight(last)
    closed = pl.col("closed")
    in_year = plans.filter((pl.col("period_start") <= hi) & (closed.is_null() | (closed >= lo)))
    closed_in_year = closed.is_not_null() & (closed <= hi)
    safeguarded = (
        pl.col("reported").list.eval(pl.element().is_between(lo, hi)).list.any().fill_null(False)
    )
    day = "%d/%m/%Y"
    h = DEFAULT_HEADINGS
    return in_year.select(
        pl.col("council").alias(h["la_code"]),
        pl.col("person_id").alias(h["person_id"]),
        pl.col("date_of_birth").dt.strftime(day).alias(h["date_of_birth"]),
        pl.col("gender").alias(h["gender"]),
        pl.col("ethnicity").alias(h["ethnicity"]),
        pl.col("language").alias(h["language"]),
        pl.col("period_start").dt.strftime(day).alias(h["period_start"]),
        pl.when(closed_in_year).then(pl.lit("N")).otherwise(pl.lit("Y")).alias(h["plan_active"]),
        pl.when(closed_in_year).then(closed.dt.strftime(day)).alias(h["closure_date"]),
        pl.when(closed_in_year).then(pl.col("closure_reason")).alias(h["closure_reason"]),
        pl.when(safeguarded)
        .then(pl.lit("Y"))
        .otherwise(pl.lit("N"))
        .alias(h["adult_safeguarding"]),
    )


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)
