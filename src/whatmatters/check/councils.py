"""A national journal checked council by council, and in total.

Each journal row says which council returned it (``council``, the CLD
local authority code). ``check_by_council`` runs the whole check on each
council's rows and on all of them together, over one window (the national
journal's, unless given), so councils are compared over the same months.
``CouncilChecks.tables()`` stacks each result table with the council as its
first column, the total last as "(all councils)".

A council's person and worker identifiers are its own: two councils may
both have a person "P001". In the total they are told apart by the council
code ("901/P001"); team names are left as they are, so the total adds up
teams that share a name, as it adds up steps.

Nothing here depends on the backend: it works on DuckDB as on Spark.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from whatmatters.check.events import usable
from whatmatters.check.params import CheckParams
from whatmatters.check.run import CheckResult, Progress, run_check
from whatmatters.check.window import window_of

ALL_COUNCILS = "(all councils)"
NO_COUNCIL = "(no council recorded)"
COUNCIL_COLUMN = "council"
LOCAL_IDENTIFIERS = ("person_id", "worker", "to_worker")
"""Columns whose values identify someone only within their council."""


@dataclass
class CouncilChecks:
    """The check of each council and of them all together."""

    total: CheckResult
    councils: dict[str, CheckResult]
    """Each council's check, by its code (``NO_COUNCIL`` for rows without one)."""

    def tables(self) -> dict[str, pa.Table]:
        """Every result table, councils one above the other, with a ``council`` column first."""
        checks = [*self.councils.items(), (ALL_COUNCILS, self.total)]
        names = dict.fromkeys(name for _, check in checks for name in check.tables)
        return {
            name: pa.concat_tables(
                [
                    _labelled(check.tables[name], label)
                    for label, check in checks
                    if name in check.tables
                ],
                promote_options="permissive",
            )
            for name in names
        }


def councils_in(journal: ir.Table) -> list[str]:
    """The councils in a journal, in order (``NO_COUNCIL`` last if some rows have none)."""
    found = journal.select(COUNCIL_COLUMN).distinct().to_pyarrow()[COUNCIL_COLUMN].to_pylist()
    named = sorted(c for c in found if c is not None)
    return [*named, NO_COUNCIL] if None in found else named


def council_rows(journal: ir.Table, council: str) -> ir.Table:
    """The journal rows of one council (``NO_COUNCIL``: rows with no council)."""
    column = journal[COUNCIL_COLUMN]
    return journal.filter(column.isnull() if council == NO_COUNCIL else column == council)


def nationally_identified(journal: ir.Table) -> ir.Table:
    """The journal with each local identifier prefixed by its council: ``901/P001``."""
    council = journal[COUNCIL_COLUMN].fill_null(NO_COUNCIL)
    return journal.mutate(
        **{
            name: journal[name].notnull().ifelse(council + "/" + journal[name], journal[name])
            for name in LOCAL_IDENTIFIERS
        }
    )


def check_by_council(
    journal: ir.Table,
    params: CheckParams | None = None,
    progress: Progress | None = None,
    councils: Sequence[str] | None = None,
    *,
    at_once: int = 1,
) -> CouncilChecks:
    """Run the check on each council's rows (all, or those named) and on the whole journal.

    Every run uses the same window: ``params``' dates, else the whole
    journal's first and last day. On Spark, ``at_once`` councils are checked
    at the same time (each check is many small Spark jobs, which leave a
    cluster idle between them); other backends check one at a time.
    """
    asked = params or CheckParams()
    step = progress or (lambda _: None)
    window = window_of(usable(journal), asked.start, asked.end)
    params = dataclasses.replace(asked, start=window.start, end=window.end)
    names = list(councils) if councils is not None else councils_in(journal)

    def as_asked(result: CheckResult) -> CheckResult:
        """Each run was given the shared window's dates: say how it was really chosen."""
        return dataclasses.replace(
            result,
            params=dataclasses.replace(result.params, start=asked.start, end=asked.end),
            window=dataclasses.replace(result.window, basis=window.basis),
        )

    def check(council: str) -> CheckResult:
        rows = council_rows(journal, council)
        return as_asked(run_check(rows, params, lambda what: step(f"{council}: {what}")))

    if at_once > 1 and ibis.get_backend(journal).name == "pyspark":
        with ThreadPoolExecutor(at_once, thread_name_prefix="council") as pool:
            results = dict(zip(names, pool.map(check, names), strict=True))
    else:
        results = {council: check(council) for council in names}
    total = as_asked(
        run_check(nationally_identified(journal), params, lambda w: step(f"{ALL_COUNCILS}: {w}"))
    )
    return CouncilChecks(total, results)


def _labelled(table: pa.Table, council: str) -> pa.Table:
    return table.add_column(0, COUNCIL_COLUMN, pa.array([council] * table.num_rows, pa.string()))
