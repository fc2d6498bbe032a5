"""Corrections to Ibis's PySpark SQL compiler, so the check's expressions mean the same on Spark.

The check is one set of Ibis expressions on every backend; it has no Spark
code path. Where Ibis 12 translates an expression into Spark SQL that
means something else than on DuckDB, SQLite and PostgreSQL, the translation
is corrected here, one method per fault, each with a test
(``tests/spark/test_compiler.py``):

* ``group_concat`` over a window: Ibis wraps the whole
  ``array_join(collect_list(x))`` in ``OVER``, which Spark reads as a plain
  aggregate and refuses (MISSING_GROUP_BY). Here ``collect_list(x)`` is the
  windowed function and ``array_join`` is applied to its result.
* ``strip`` (and ``lstrip``, ``rstrip``): Ibis writes the whitespace set
  as the literal ``' \\t\\n\\r\\v\\f'``; Spark SQL does not know the
  escapes ``\\v`` and ``\\f`` and reads them as the letters ``v`` and ``f``,
  so ``'failure'`` was trimmed to ``'ailure'``. Here the set is built from character codes.
"""

from __future__ import annotations

import string
from typing import ClassVar

import ibis.expr.operations as ops
import sqlglot.expressions as sge
from ibis.backends.sql.compilers.pyspark import PySparkCompiler


class SparkCompiler(PySparkCompiler):
    """Ibis's PySpark compiler with the corrections above."""

    # Ibis maps these straight to Spark's one-argument ltrim/rtrim, which trim
    # spaces only; the methods below trim all whitespace, as other backends do.
    SIMPLE_OPS: ClassVar[dict] = {
        op: name
        for op, name in PySparkCompiler.SIMPLE_OPS.items()
        if op not in (ops.LStrip, ops.RStrip)
    }

    def visit_WindowFunction(self, op, *, func, **kwargs):
        if not isinstance(op.func, ops.GroupConcat):
            return super().visit_WindowFunction(op, func=func, **kwargs)
        collected = func.find(sge.ArrayAgg) or _find_call(func, "collect_list")
        windowed = super().visit_WindowFunction(op, func=collected.copy(), **kwargs)
        return func.transform(lambda node: windowed.copy() if node == collected else node)

    def visit_Strip(self, op, *, arg):
        return sge.Trim(this=arg, expression=_whitespace(), position="BOTH")

    def visit_LStrip(self, op, *, arg):
        return _call("ltrim", _whitespace(), arg)  # Spark's order: the characters first

    def visit_RStrip(self, op, *, arg):
        return _call("rtrim", _whitespace(), arg)


def _find_call(expr: sge.Expression, name: str) -> sge.Expression:
    for node in expr.walk():
        if isinstance(node, sge.Anonymous) and node.name.lower() == name:
            return node
    raise AssertionError(f"no {name} call in {expr.sql('spark')}")


def _whitespace() -> sge.Expression:
    """Python's ``string.whitespace`` as Spark SQL: ``concat(chr(32), chr(9), …)``."""
    return _call("concat", *(_call("chr", sge.convert(ord(c))) for c in string.whitespace))


def _call(name: str, *args: sge.Expression) -> sge.Expression:
    """A plain function call (sqlglot would rewrite some known names)."""
    return sge.Anonymous(this=name, expressions=list(args))
