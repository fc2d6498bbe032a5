"""Comparing result tables from two backends: the tolerance the Spark tests state."""

from __future__ import annotations

import math

import pyarrow as pa

REL_TOL = 1e-9
"""Means and shares may differ in the last bits (sums in another order); counts may not."""


def assert_same_table(a: pa.Table, b: pa.Table, what: str) -> None:
    """Same columns, types and rows; floats equal to 1 part in 10⁹, everything else exactly."""
    assert a.schema.names == b.schema.names, what
    assert a.schema.types == b.schema.types, (what, a.schema, b.schema)
    assert a.num_rows == b.num_rows, what
    for column in a.column_names:
        left, right = a[column].to_pylist(), b[column].to_pylist()
        for i, (x, y) in enumerate(zip(left, right, strict=True)):
            if isinstance(x, float) and isinstance(y, float):
                assert math.isclose(x, y, rel_tol=REL_TOL, abs_tol=REL_TOL), (what, column, i, x, y)
            else:
                assert x == y, (what, column, i, x, y)
