"""Spreadsheet formula injection: neutralising cells on export, restoring on import.

A CSV cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return can run as a formula when the file is opened in a spreadsheet
(OWASP, "CSV Injection"). On export such text cells get a leading
apostrophe, which spreadsheets show as text. So that exported files read back
exactly, text that *already* begins with apostrophes followed by one of
those characters gets one more, and the importer removes exactly one
apostrophe from any text of that shape. Numbers and dates are never touched
(a negative unit cost stays a number).

This is the one rule: the CLD export and its problem report use the Polars
expression, the check report's CSV tables ``neutralise_arrow``.
"""

from __future__ import annotations

import polars as pl
import pyarrow as pa
import pyarrow.compute as pc

_NEEDS = r"^'*[=+\-@\t\r]"  # text a spreadsheet could run (or that looks neutralised)
_NEUTRALISED = r"^'+[=+\-@\t\r]"


def neutralise_expr(text: pl.Expr) -> pl.Expr:
    """``text`` made safe to open in a spreadsheet."""
    return pl.when(text.str.contains(_NEEDS)).then(pl.lit("'") + text).otherwise(text)


def restore_expr(text: pl.Expr) -> pl.Expr:
    """Undo ``neutralise_expr``: drop the apostrophe it added."""
    return (
        pl.when(text.str.starts_with("'") & text.str.contains(_NEUTRALISED))
        .then(text.str.slice(1))
        .otherwise(text)
    )


def neutralise_arrow(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """An Arrow text column made safe to open in a spreadsheet, by the same rule."""
    needs = pc.fill_null(pc.match_substring_regex(column, _NEEDS), False)
    quoted = pc.binary_join_element_wise(
        pa.scalar("'", column.type), column, pa.scalar("", column.type)
    )
    return pc.if_else(needs, quoted, column)
