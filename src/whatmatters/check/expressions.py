"""Small expression helpers that compile the same way on every backend.

The check runs unchanged on DuckDB, SQLite and PostgreSQL (and Spark
later). Some obvious Ibis spellings do not: SQLite has no interval
arithmetic before 3.46 and no median; PostgreSQL cannot cast a boolean to a
number; DuckDB types epoch seconds as 32-bit. These helpers are the one
spelling that works everywhere (``docs/check.md``, "Backends").
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

SECONDS_PER_DAY = 86_400


def seconds(ts: ir.TimestampValue) -> ir.IntegerValue:
    """Seconds since 1970-01-01, whole seconds (fractions are dropped everywhere)."""
    return ts.epoch_seconds().cast("float64").floor().cast("int64")


# Backends where whole epoch seconds and ``microsecond()`` are known to add up
# (SQLite's microsecond() reads strftime('%f'), the seconds themselves).
_MICROSECOND_BACKENDS = frozenset({"duckdb"})


def exact_seconds(ts: ir.TimestampValue) -> ir.FloatingValue:
    """Seconds since 1970-01-01 to the microsecond, where the backend can say so.

    Event logs carry fractions of a second, and a mean wait should equal a
    process-mining tool's exactly. ``seconds`` is the floor (before 1970 too)
    and ``microsecond()`` the fraction of that second, so they add up. On other backends (SQLite,
    PostgreSQL, Spark) this is ``seconds``: whole seconds.
    """
    whole = seconds(ts)
    if ibis.get_backend(ts).name not in _MICROSECOND_BACKENDS:
        return whole.cast("float64")
    return whole.cast("float64") + ts.microsecond().cast("float64") / 1e6


def seconds_between(earlier: ir.TimestampValue, later: ir.TimestampValue) -> ir.IntegerValue:
    """Whole seconds from ``earlier`` to ``later`` (negative if ``later`` is before)."""
    return seconds(later) - seconds(earlier)


def day_number(ts: ir.TimestampValue) -> ir.IntegerValue:
    """Days since 1970-01-01 of the timestamp's date (no interval arithmetic needed)."""
    return ts.date().delta(ibis.date(1970, 1, 1), unit="day").cast("int64")


def flag(condition: ir.BooleanValue) -> ir.IntegerValue:
    """1 where ``condition`` holds, else 0 (unknown counts as 0)."""
    return condition.ifelse(1, 0).fill_null(0)


def count_where(condition: ir.BooleanValue) -> ir.IntegerScalar:
    """How many rows of the group satisfy ``condition``."""
    return flag(condition).sum().fill_null(0)


def lowered(value: ir.StringValue) -> ir.StringValue:
    """Lower case, trimmed: CLD codes compare case-insensitively (cld-algorithms.md §G)."""
    return value.strip().lower()


def median_by(table: ir.Table, by: list[str], value: str, name: str = "median") -> ir.Table:
    """The median of ``value`` for each ``by`` group, as a table of ``by`` + ``name``.

    SQLite has no median, so it is read off a histogram: each distinct value
    with how many rows have it and how many come before it; the middle row
    (or the mean of the two middle rows) is the median, as pandas and numpy
    define it. Times recorded as dates have few distinct values, which keeps
    the histogram small. Null values are left out.
    """
    rows = table.filter(table[value].notnull())
    histogram = rows.group_by([*by, value]).agg(_n=rows.count())
    running = ibis.window(group_by=by, order_by=histogram[value], rows=(None, 0))
    histogram = histogram.mutate(
        _upto=histogram._n.sum().over(running),
        _total=histogram._n.sum().over(ibis.window(group_by=by)),
    )
    lower, upper = (histogram._total - 1) // 2, histogram._total // 2
    first = histogram._upto - histogram._n
    middle = histogram.filter(
        ((first <= lower) & (lower < histogram._upto))
        | ((first <= upper) & (upper < histogram._upto))
    )
    return middle.group_by(by).agg(**{name: middle[value].cast("float64").mean()})
