"""Validating CLD files: every problem, with no journal written.

``validate_cld`` reads each file, tells its release, types its values, runs
the release's rules, leaves out rows with errors, then finds duplicate events
across all the files. The importer runs exactly this and then writes what is
left (``importer.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from whatmatters.journal.cld.codes import CodeStatus, release_only_values
from whatmatters.journal.cld.columns import SOURCE_ROW, raw, status, value
from whatmatters.journal.cld.conditions import DESCRIPTIONS
from whatmatters.journal.cld.duplicates import LATER_RETURN, ORDER, find_duplicates
from whatmatters.journal.cld.fields import Condition, Field, FieldType, fields_of_type, spec
from whatmatters.journal.cld.prepare import prepare
from whatmatters.journal.cld.problems import (
    PROBLEM_SCHEMA,
    Severity,
    no_problems,
    sort_problems,
)
from whatmatters.journal.cld.read import CldFileError, RawFile, iter_sources, read_cld_file
from whatmatters.journal.cld.release import Release, ReleaseEvidence
from whatmatters.journal.cld.rules import Context, rules_for, run_rules

Step = Callable[[str], None]  # told what is being done, for progress displays
KEEP = "\x1fkeep"  # column of ``Validation.prepared``: true on the rows an import writes

MAPPING_SCHEMA = {
    "field": pl.String(),
    "submitted": pl.String(),
    "stored": pl.String(),
    "how": pl.String(),
    "rows": pl.Int64(),
}


@dataclass
class FileReport:
    """What happened to one file."""

    source: str
    path: Path
    rows: int = 0  # rows with values (blank rows are not counted)
    blank_rows: int = 0
    rows_with_errors: int = 0
    refused: bool = False  # the file could not be read as CLD at all
    release: ReleaseEvidence | None = None
    encoding: str | None = None
    unknown_columns: tuple[str, ...] = ()


@dataclass
class Validation:
    """Every problem in a set of CLD files, and what an import would keep."""

    files: list[FileReport]
    problems: pl.DataFrame
    mappings: pl.DataFrame  # values stored differently from how they were submitted
    duplicates: int = 0
    rows_kept: int = 0
    # For the importer: every prepared row, ``KEEP`` true on those it writes (no
    # error, not a duplicate left out); the rows left out (as submitted); and the
    # values of unknown columns. Rows are marked, not filtered: a filtered copy of
    # every prepared column would double the memory an import needs.
    prepared: pl.DataFrame | None = field(default=None, repr=False)
    left_out: pl.DataFrame | None = field(default=None, repr=False)
    unknown: pl.DataFrame | None = field(default=None, repr=False)

    @property
    def rows_read(self) -> int:
        return sum(f.rows for f in self.files)

    @property
    def rows_with_errors(self) -> int:
        return sum(f.rows_with_errors for f in self.files)

    @property
    def later_returns(self) -> int:
        """Rows left out because a later return records the same event (of ``duplicates``)."""
        return self.problems.filter(pl.col("rule") == LATER_RETURN).height

    @property
    def error_count(self) -> int:
        return self.problems.filter(pl.col("severity") == Severity.ERROR.value).height

    @property
    def warning_count(self) -> int:
        return self.problems.filter(pl.col("severity") == Severity.WARNING.value).height

    @property
    def refused_files(self) -> list[FileReport]:
        return [f for f in self.files if f.refused]

    @property
    def ok(self) -> bool:
        """No errors at all (warnings and duplicates allowed)."""
        return self.error_count == 0


def detect_release(frame: pl.DataFrame, present: Sequence[Field]) -> ReleaseEvidence:
    """Release 1 if more values are exactly a Release-1-only spelling than Release-2-only.

    Many Release 2 values differ from Release 1 only in case ("Service User" →
    "Service user"), so spellings are compared exactly.
    """
    counts = []
    for one in fields_of_type(FieldType.CODE):
        if one not in present:
            continue
        r1_only, r2_only = release_only_values(one)
        if r1_only or r2_only:
            column = raw(one)
            counts += [
                column.is_in(sorted(r1_only)).sum().alias(f"1{one.value}"),
                column.is_in(sorted(r2_only)).sum().alias(f"2{one.value}"),
            ]
    totals = frame.select(counts).row(0, named=True) if counts else {}
    r1 = sum(v for k, v in totals.items() if k.startswith("1"))
    r2 = sum(v for k, v in totals.items() if k.startswith("2"))
    return ReleaseEvidence(Release.R1 if r1 > r2 else Release.R2, r1, r2)


def validate_cld(
    files: Sequence[str | Path],
    *,
    release: Release | None = None,
    step: Step | None = None,
) -> Validation:
    """Check CLD files without importing them.

    ``release`` forces the release (otherwise each file's is detected).
    The returned ``Validation`` lists every problem; ``ok`` is False if any
    is an error.
    """
    return run_validation(files, release=release, step=step, keep=False)


def run_validation(
    files: Sequence[str | Path],
    *,
    release: Release | None,
    step: Step | None,
    keep: bool,
) -> Validation:
    say = step or (lambda _: None)
    reports, problems, mappings, prepared, left_out, unknown = [], [], [], [], [], []
    errors = False
    for index, (path, source) in enumerate(iter_sources([Path(f) for f in files])):
        say(f"reading {source}")
        report = FileReport(source, path)
        reports.append(report)
        try:
            raw_file = read_cld_file(path, source)
        except CldFileError as e:
            report.refused = True
            problems.append(e.problem())
            continue
        say(f"checking {source}")
        found, frame, mapped = _check_file(raw_file, report, release)
        problems.append(found)
        mappings.append(mapped)
        order = (pl.lit(index, pl.Int64) * 2**32 + SOURCE_ROW).alias(ORDER)
        fine = _without_errors(found) if report.rows_with_errors else pl.lit(True)
        frame = frame.with_columns(order, fine.alias(KEEP))
        if report.rows_with_errors:
            errors = True
            if keep:
                left_out.append(_as_submitted(frame, ~pl.col(KEEP)))
        prepared.append(frame)
        if keep:
            unknown.append(raw_file.unknown)
    say("finding duplicate events")
    combined = pl.concat(prepared) if prepared else None
    duplicates = rows_kept = 0
    if combined is not None:
        repeated, dropped = find_duplicates(combined, pl.col(KEEP) if errors else None)
        problems.append(repeated)
        duplicates = repeated.height
        if duplicates:
            left = pl.col(ORDER).is_in(dropped.implode())
            if keep:
                left_out.append(_as_submitted(combined, left))
            combined = combined.with_columns(pl.col(KEEP) & ~left)
        rows_kept = int(combined.get_column(KEEP).sum())
    return Validation(
        files=reports,
        problems=sort_problems(pl.concat(problems)) if problems else no_problems(),
        mappings=_sum_mappings(mappings),
        duplicates=duplicates,
        rows_kept=rows_kept,
        prepared=combined if keep else None,
        left_out=pl.concat(left_out) if keep and left_out else None,
        unknown=pl.concat(unknown) if keep and unknown else None,
    )


def _without_errors(problems: pl.DataFrame) -> pl.Expr:
    errors = problems.filter(pl.col("severity") == Severity.ERROR.value).get_column("row")
    return ~SOURCE_ROW.is_in(errors.drop_nulls().unique().implode())


def _as_submitted(frame: pl.DataFrame, rows: pl.Expr) -> pl.DataFrame:
    """The rows where ``rows`` holds, as submitted: source, row and each field's text."""
    fields = (f.value for f in Field)
    return frame.lazy().filter(rows).select("source", "source_row", *fields).collect()


def _check_file(
    raw_file: RawFile, report: FileReport, release: Release | None
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(problems, prepared rows, value mappings) of one readable file."""
    evidence = (
        ReleaseEvidence(release, 0, 0, given=True)
        if release
        else detect_release(raw_file.frame, raw_file.present)
    )
    report.release = evidence
    report.encoding = raw_file.encoding
    report.rows = raw_file.frame.height
    report.blank_rows = raw_file.blank_rows
    report.unknown_columns = tuple(
        raw_file.unknown.get_column("column").unique(maintain_order=True)
    )
    frame = prepare(raw_file.frame, raw_file.source, evidence.release)
    context = Context(evidence.release, frozenset(raw_file.present))
    problems = pl.concat(
        [
            _column_problems(raw_file, report),
            run_rules(frame, rules_for(evidence.release), context),
        ]
    )
    errors = problems.filter(pl.col("severity") == Severity.ERROR.value).get_column("row")
    report.rows_with_errors = errors.drop_nulls().n_unique()
    return problems, frame, _mappings(frame, raw_file.present)


def _column_problems(raw_file: RawFile, report: FileReport) -> pl.DataFrame:
    """One warning per mandatory column the file lacks and per column that is not CLD."""
    rows = []
    for one in Field:
        condition = spec(one).mandatory_when
        if one not in raw_file.present and condition is not Condition.NEVER:
            rows.append(
                (
                    one.value,
                    "mandatory",
                    f"the file has no {one} column; {one} is mandatory {DESCRIPTIONS[condition]}",
                )
            )
    for column in report.unknown_columns:
        rows.append(
            (
                column,
                "unknown_column",
                f"'{column}' is not a CLD field; its values are kept aside in the journal "
                "(aside/unknown_columns.parquet)",
            )
        )
    return pl.DataFrame(
        [
            {
                "file": raw_file.source,
                "row": 1 if rule == "unknown_column" else None,
                "field": name,
                "value": None,
                "rule": rule,
                "severity": Severity.WARNING.value,
                "message": message,
            }
            for name, rule, message in rows
        ],
        schema=PROBLEM_SCHEMA,
    )


_MAPPED = {
    CodeStatus.MAPPED.value: "Release 1 → Release 2",
    CodeStatus.RELEASE_1.value: "Release 1 value in a Release 2 file → Release 2",
    CodeStatus.NORMALISED.value: "case or spacing normalised",
}


def _mappings(frame: pl.DataFrame, present: Sequence[Field]) -> pl.DataFrame:
    """Coded values stored differently from how they were submitted, with counts."""
    parts = []
    coded = [f for f in fields_of_type(FieldType.CODE) if f in present]

    def changed(field: Field) -> pl.Expr:
        return pl.any_horizontal(status(field) == state for state in _MAPPED)

    changed_fields = frame.select(changed(f).any() for f in coded).row(0)
    for one, some in zip(coded, changed_fields, strict=True):
        if not some:
            continue
        parts.append(
            frame.filter(changed(one))
            .group_by(raw(one).alias("submitted"), value(one).alias("stored"), status(one))
            .len("rows")
            .select(
                pl.lit(one.value).alias("field"),
                "submitted",
                "stored",
                status(one).cast(pl.String).replace_strict(_MAPPED).alias("how"),
                pl.col("rows").cast(pl.Int64),
            )
        )
    return pl.concat(parts) if parts else pl.DataFrame(schema=MAPPING_SCHEMA)


def _sum_mappings(mappings: list[pl.DataFrame]) -> pl.DataFrame:
    if not mappings:
        return pl.DataFrame(schema=MAPPING_SCHEMA)
    return (
        pl.concat(mappings)
        .group_by("field", "submitted", "stored", "how")
        .agg(pl.col("rows").sum())
        .sort(["field", "rows", "submitted"], descending=[False, True, False])
    )
