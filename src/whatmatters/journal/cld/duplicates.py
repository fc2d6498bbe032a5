"""Rows that record the same event, found and resolved as DHSC does.

The key is DHSC's unique event (cld-algorithms.md §A6), for a single
submission: council, event start, the end (adjusted to the date of death as
§A3 does; services leave it out), client type, person (NHS number, else
council and LA person id), event type, then the route of access (requests),
assessment type (assessments) or service type and component (services);
services also by delivery mechanism, unit cost, cost frequency and planned
units to two decimal places. Values are compared as submitted, ignoring case
and trailing spaces as SQL Server does, before any Release 1 value is mapped:
a Release 1 and a Release 2 spelling that differ by more than case
("Progress to Assessment", "Progress to assessment, review or reassessment")
are two events, as nationally.

The row kept is the one §A8 ranks first: the latest end (an open event
first), then the outcome highest in the DHSC hierarchy, then the row loaded
last (a later file, then a later row).

Several returns (a council's yearly files) record an ongoing service again in
each: there the later return wins, as in DHSC's joined tables (§A8 ranks the
reporting period first, and matches services across periods without their
cost fields, so a new price is the same service). A row whose event a
later return records again is left out as ``later_return``: the later record
carries the end the earlier one could not know.
"""

from __future__ import annotations

import polars as pl

from whatmatters.journal.cld.codes import R1_ONLY_OUTCOME_RANK, CodeStatus, outcome_rank
from whatmatters.journal.cld.columns import PERSON_KEY, SOURCE, SOURCE_ROW, raw, status, value
from whatmatters.journal.cld.conditions import ASSESSMENT, REQUEST, SERVICE
from whatmatters.journal.cld.fields import Field
from whatmatters.journal.cld.problems import PROBLEM_SCHEMA, Severity, no_problems

RULE = "duplicate_event"
LATER_RETURN = "later_return"
ORDER = "\x1forder"  # the position of a row in the import: later files, later rows last
PERIOD = "\x1fperiod"


def _submitted(field: Field) -> pl.Expr:
    """A value as SQL Server compares it: without case or trailing spaces."""
    return raw(field).str.to_lowercase().str.strip_chars_end(" ")


def _compared(frame: pl.DataFrame, text: pl.Expr, as_compared: pl.Expr) -> pl.Expr:
    """``as_compared`` (``text`` without case, …), or ``text`` itself where that is the same.

    When no two of the column's values differ only in what ``as_compared``
    drops, comparing the text as written finds exactly the same equal keys,
    without making a lowered copy of every row (a coded column has a handful
    of values, so this is cheap to tell).
    """
    values = frame.select(text.drop_nulls().unique())  # keeps the column's name
    if values.height == values.select(as_compared.n_unique()).item():
        return text
    return as_compared


def _only(condition: pl.Expr, key: pl.Expr) -> pl.Expr:
    return pl.when(condition.fill_null(False)).then(key)


def derived_end() -> pl.Expr:
    """The end DHSC uses (§A3): the date of death when it falls in the event."""
    start, end = value(Field.EVENT_START_DATE), value(Field.EVENT_END_DATE)
    death = value(Field.DATE_OF_DEATH)
    died_during = death.is_between(start, end) | ((death > start) & end.is_null())
    return pl.when(died_during.fill_null(False)).then(death).otherwise(end)


def _key(frame: pl.DataFrame) -> tuple[list[pl.Expr], list[pl.Expr]]:
    """(DHSC's unique event key, the cost fields one submission's services add to it)."""

    def submitted(field: Field) -> pl.Expr:
        return _compared(frame, raw(field), _submitted(field))

    def lowered(field: Field) -> pl.Expr:
        return _compared(frame, value(field), value(field).str.to_lowercase())

    service = SERVICE
    in_service = pl.when(service)
    event = [
        submitted(Field.LA_CODE),
        value(Field.EVENT_START_DATE),
        pl.when(~service).then(derived_end()),
        submitted(Field.CLIENT_TYPE),
        PERSON_KEY.str.to_lowercase(),
        submitted(Field.EVENT_TYPE),
        _only(REQUEST, submitted(Field.ROUTE_OF_ACCESS)),
        _only(ASSESSMENT, submitted(Field.ASSESSMENT_TYPE)),
        _only(SERVICE, submitted(Field.SERVICE_TYPE)),
        _only(SERVICE, submitted(Field.SERVICE_COMPONENT)),
    ]
    costs = [
        in_service.then(lowered(Field.DELIVERY_MECHANISM)),
        in_service.then(value(Field.UNIT_COST).round(2)),
        in_service.then(lowered(Field.COST_FREQUENCY)),
        in_service.then(value(Field.PLANNED_UNITS_PER_WEEK).round(2)),
    ]
    return event, costs


def _outcome_rank() -> pl.Expr:
    ranks = value(Field.EVENT_OUTCOME).replace_strict(outcome_rank(), default=None)
    r1_only = status(Field.EVENT_OUTCOME) == CodeStatus.R1_ONLY.value
    return pl.when(r1_only).then(R1_ONLY_OUTCOME_RANK).otherwise(ranks).fill_null(999)


def find_duplicates(
    frame: pl.DataFrame, among: pl.Expr | None = None
) -> tuple[pl.DataFrame, pl.Series]:
    """(one problem per row left out, the ``ORDER`` of those rows).

    Only the rows where ``among`` holds are compared (all rows if None);
    ``frame`` must carry the ``ORDER`` column. Nothing is copied but the few
    rows whose key hash repeats.
    """
    event, costs = _key(frame)
    event_keys = [expr.alias(f"\x1fevent{i}") for i, expr in enumerate(event)]
    cost_keys = [expr.alias(f"\x1fcost{i}") for i, expr in enumerate(costs)]
    events = [k.meta.output_name() for k in event_keys]
    lines = [*events, *(k.meta.output_name() for k in cost_keys)]
    # Hash first (8 bytes a row), then compare whole keys only where hashes repeat.
    # Rows not compared get no hash (several nulls "repeat": they are then dropped).
    compared = pl.lit(True) if among is None else among
    hashed = frame.select(
        ORDER,
        compared.alias("\x1fcompared"),
        pl.when(compared).then(_combined_hash(event)).alias("\x1fhash"),
    )
    repeats = hashed.filter(pl.col("\x1fcompared") & pl.col("\x1fhash").is_duplicated()).get_column(
        ORDER
    )
    none = (no_problems(), pl.Series(ORDER, [], pl.Int64))
    if repeats.is_empty():
        return none
    candidates = (
        frame.lazy()
        .filter(pl.col(ORDER).is_in(repeats.implode()))
        .select(ORDER, SOURCE, SOURCE_ROW, *event_keys, *cost_keys, *_rank_columns())
        .collect()
    )
    ranked = candidates.filter(pl.struct(events).is_duplicated()).sort(
        [*events, PERIOD, "\x1fend", "\x1frank", ORDER],
        descending=[False] * len(events) + [True, True, False, True],
        nulls_last=[False] * len(events) + [True, False, False, False],
    )
    if ranked.height == 0:
        return none
    # The kept row of an event is its first in the ranking (a later return first).
    ranked = ranked.with_columns(
        (pl.col(PERIOD) < pl.col(PERIOD).max().over(events)).fill_null(False).alias(EARLIER),
        SOURCE.first().over(events).alias(KEPT_FILE),
        SOURCE_ROW.first().over(events).alias(KEPT_ROW),
    )
    # In the latest return holding an event, one submission's rule: cost fields count.
    current = ranked.filter(~pl.col(EARLIER) & pl.struct(lines).is_duplicated())
    current = current.with_columns(
        pl.int_range(pl.len()).over(lines).alias("\x1fplace"),
        SOURCE.first().over(lines).alias(KEPT_FILE),
        SOURCE_ROW.first().over(lines).alias(KEPT_ROW),
    ).filter(pl.col("\x1fplace") > 0)
    left_out = pl.concat(
        [
            _problems(ranked.filter(pl.col(EARLIER)), LATER_RETURN, LATER_MESSAGE),
            _problems(current, RULE, SAME_MESSAGE),
        ]
    )
    problems = left_out.drop(ORDER).cast(PROBLEM_SCHEMA)  # type: ignore[arg-type]
    return problems, left_out.get_column(ORDER)


EARLIER, KEPT_FILE, KEPT_ROW = "\x1fearlier", "\x1fkept_file", "\x1fkept_row"
SAME_MESSAGE = "the same event as {} row {} (DHSC unique event key), which is kept"
LATER_MESSAGE = "the event is recorded again in a later return, {} row {}, which is kept"


def _problems(left_out: pl.DataFrame, rule: str, message: str) -> pl.DataFrame:
    """A problem for each row left out, naming the row kept (with ``ORDER``)."""
    return left_out.select(
        ORDER,
        SOURCE.alias("file"),
        SOURCE_ROW.alias("row"),
        pl.lit(None, pl.String).alias("field"),
        pl.lit(None, pl.String).alias("value"),
        pl.lit(rule).alias("rule"),
        pl.lit(Severity.DUPLICATE.value).alias("severity"),
        pl.format(message, pl.col(KEPT_FILE), pl.col(KEPT_ROW)).alias("message"),
    )


def _combined_hash(key: list[pl.Expr]) -> pl.Expr:
    """One 64-bit hash of the whole key: each part's hash folded in (multiply, xor)."""
    combined = key[0].hash(seed=0)
    for i, part in enumerate(key[1:], start=1):
        combined = (combined * 1_000_003) ^ part.hash(seed=i)
    return combined


def _rank_columns() -> list[pl.Expr]:
    open_last = derived_end().fill_null(pl.date(9999, 1, 1))  # an open event ranks first
    return [
        value(Field.REPORTING_PERIOD_END_DATE).alias(PERIOD),  # a later return first
        open_last.alias("\x1fend"),
        _outcome_rank().alias("\x1frank"),
    ]
