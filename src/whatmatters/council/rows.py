"""Journal rows built column by column, in blocks of numpy arrays.

The model emits rows in blocks: one block is one kind of step for many people
at once (e.g. "an assessment for each of these 812 requests"). A value is a
scalar (the same for the whole block), a numpy array, or ``Coded`` — integer
codes into a vocabulary (teams, phrases, workers), so strings are built once,
at the end, as an Arrow dictionary. No Python work happens per row.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any

import numpy as np
import pyarrow as pa

from whatmatters.journal.schema import COLUMNS_BY_NAME, Kind

_FLOAT_COLUMNS = {c.name for c in COLUMNS_BY_NAME.values() if c.type == pa.float64()}
_INT_COLUMNS = {c.name for c in COLUMNS_BY_NAME.values() if c.type == pa.int64()}
_BOOL_COLUMNS = {c.name for c in COLUMNS_BY_NAME.values() if c.type == pa.bool_()}
_STRING_COLUMNS = {c.name for c in COLUMNS_BY_NAME.values() if c.type == pa.string()}

# Event columns the model fills (person details are added from the people table).
EVENT_COLUMNS = (
    "kind",
    "activity",
    "team",
    "worker",
    "to_team",
    "to_worker",
    "reason",
    "outcome",
    "channel",
    "contact_from",
    "demand_type",
    "demand_reason",
    "resolved_first_point",
    "words",
    "words_by",
    "status",
    "rating",
    "action_by",
    "route_of_access",
    "assessment_type",
    "eligible_needs_identified",
    "method_of_assessment",
    "review_reason",
    "review_outcomes_achieved",
    "method_of_review",
    "service_type",
    "service_component",
    "delivery_mechanism",
    "unit_cost",
    "cost_frequency",
    "planned_units_per_week",
    "units_per_week",
    "weekly_cost",
    "hours_per_week",
)


OUTCOME_NUMBER = "outcome_number"
"""Not a journal column: the rows of one outcome share a number (``Rows.numbers``), which
``records`` writes as their event reference, as the casework app writes its own."""

COUNTED_AT_COMPLETION = frozenset({Kind.ASSESSMENT.value, Kind.REVIEW.value})
"""Kinds a return records in the period they were completed (CLD): kept when begun in the
burn-in and completed in the run."""


@dataclass(frozen=True)
class Coded:
    """Integer codes into ``vocabulary``; a code of -1 is an empty value."""

    codes: np.ndarray
    vocabulary: tuple[str, ...]


@cache
def vocabulary(enum: type[Enum]) -> tuple[str, ...]:
    """The values of a string enum, in order (its members' codes are their positions)."""
    return tuple(str(member.value) for member in enum)


def coded(enum: type[Enum], codes: np.ndarray) -> Coded:
    return Coded(np.asarray(codes, dtype=np.int64), vocabulary(enum))


@dataclass
class _Block:
    n: int
    person: np.ndarray
    start: np.ndarray
    end: np.ndarray | None
    values: dict[str, Any]


class Rows:
    """The rows of one chunk of people, as blocks until ``finish``."""

    def __init__(self) -> None:
        self._blocks: list[_Block] = []
        self._numbered = 0

    def __len__(self) -> int:
        return sum(b.n for b in self._blocks)

    def add(
        self,
        kind: Kind,
        person: np.ndarray,
        start: np.ndarray,
        end: np.ndarray | float | None = None,
        **values: Any,
    ) -> None:
        """Add one row per element of ``person`` (days are floats from the run's start)."""
        n = len(person)
        if n == 0:
            return
        unknown = set(values) - {*EVENT_COLUMNS, OUTCOME_NUMBER}
        if unknown:
            raise KeyError(f"not event columns: {', '.join(sorted(unknown))}")
        if end is not None and np.ndim(end) == 0:
            end = np.full(n, float(end))
        self._blocks.append(
            _Block(
                n,
                np.asarray(person, dtype=np.int64),
                np.asarray(start, dtype=np.float64),
                None if end is None else np.asarray(end, dtype=np.float64),
                {"kind": kind.value, **values},
            )
        )

    def numbers(self, n: int) -> np.ndarray:
        """``n`` new outcome numbers, unique among these rows (one round of a chunk: the
        reference ``records`` writes adds the round's first person number)."""
        first, self._numbered = self._numbered, self._numbered + n
        return np.arange(first, first + n, dtype=np.int64)

    def persons(self) -> np.ndarray:
        """The people (chunk numbers) who have rows so far."""
        if not self._blocks:
            return np.empty(0, dtype=np.int64)
        return np.unique(np.concatenate([b.person for b in self._blocks]))

    def finish(
        self, origin: float, horizon: float, leaving: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, pa.Table]:
        """Crop to the run and to each person's leaving, order rows, build event columns.

        Returns the person index, start day and end day (NaN when open or an
        instant) of each row, and an Arrow table of the event columns and the
        outcome number (``OUTCOME_NUMBER``, null on other rows). Kept:
        rows starting in [``origin``, ``horizon``), and rows in progress at
        ``origin``: services still open (a record of a period lists the services
        active in it), assessments and reviews completed in the run; a
        row starting after the person left (``leaving``, by person) is dropped.
        Ends are cut at leaving; ends after the run become open.
        """
        if not self._blocks:
            empty = np.empty(0)
            table = pa.table({n: pa.nulls(0, COLUMNS_BY_NAME[n].type) for n in EVENT_COLUMNS})
            table = table.append_column(OUTCOME_NUMBER, pa.nulls(0, pa.int64()))
            return empty.astype(np.int64), empty, empty, table
        at = np.cumsum([0] + [b.n for b in self._blocks])
        person = np.concatenate([b.person for b in self._blocks])
        start = np.concatenate([b.start for b in self._blocks])
        end = np.full(len(person), np.nan)
        service = np.zeros(len(person), dtype=bool)
        completed = np.zeros(len(person), dtype=bool)
        for block, first in zip(self._blocks, at, strict=False):
            if block.end is not None:
                end[first : first + block.n] = block.end
            if block.values["kind"] == Kind.SERVICE.value:
                service[first : first + block.n] = True
            if block.values["kind"] in COUNTED_AT_COMPLETION:
                completed[first : first + block.n] = True
        left = leaving[person]
        end = np.minimum(end, left)  # no end (NaN) stays no end
        # In progress when the run starts: a service still open (no end yet), and an
        # assessment or review completed in the run (a return records it in the year it
        # was completed; without it the first month would be short of them).
        in_progress = (service & ~(end < origin)) | (completed & (end >= origin))
        in_run = (start >= origin) | in_progress
        keep = in_run & (start < horizon) & (start <= left)
        end = np.where(end >= horizon, np.nan, end)
        # Stable: rows of one person on one day keep the order the model made them.
        order = np.lexsort((start, person))
        order = order[keep[order]]
        columns = {name: self._column(name, at, order) for name in EVENT_COLUMNS}
        numbers = self._fill(OUTCOME_NUMBER, at, np.int64, -1)[order]
        columns[OUTCOME_NUMBER] = masked(pa.int64(), numbers, numbers >= 0)
        return person[order], start[order], end[order], pa.table(columns)

    def _fill(self, name: str, at: np.ndarray, dtype: Any, missing: Any) -> np.ndarray:
        """One column's values in row order: each block's value (scalar or array) in its slice."""
        out = np.full(at[-1], missing, dtype=dtype)
        for block, first in zip(self._blocks, at, strict=False):
            value = block.values.get(name)
            if value is not None:
                out[first : first + block.n] = value
        return out

    def _column(self, name: str, at: np.ndarray, order: np.ndarray) -> pa.Array:
        if name in _STRING_COLUMNS:
            return self._strings(name, at, order)
        if name in _FLOAT_COLUMNS:
            values = self._fill(name, at, np.float64, np.nan)[order]
            return masked(pa.float64(), values, ~np.isnan(values))
        if name in _INT_COLUMNS:
            values = self._fill(name, at, np.int64, -1)[order]
            return masked(pa.int64(), values, values >= 0)
        if name in _BOOL_COLUMNS:
            values = self._fill(name, at, np.int8, -1)[order]
            bits = pa.py_buffer(np.packbits(values == 1, bitorder="little"))
            valid = values >= 0
            return pa.Array.from_buffers(
                pa.bool_(), len(values), [_validity(valid), bits], len(values) - int(valid.sum())
            )
        raise KeyError(name)  # pragma: no cover

    def _strings(self, name: str, at: np.ndarray, order: np.ndarray) -> pa.Array:
        """A string column as a dictionary array: codes into one dictionary of its values."""
        dictionary: dict[str, int] = {}
        mappings: dict[int, np.ndarray] = {}
        codes = np.full(at[-1], -1, dtype=np.int32)
        for block, first in zip(self._blocks, at, strict=False):
            value = block.values.get(name)
            if value is None:
                continue
            if isinstance(value, Coded):
                key = id(value.vocabulary)
                if key not in mappings:
                    mappings[key] = np.array(
                        [dictionary.setdefault(s, len(dictionary)) for s in value.vocabulary]
                        + [-1],  # code -1 indexes this: empty
                        dtype=np.int32,
                    )
                codes[first : first + block.n] = mappings[key][value.codes]
            else:
                text = value.value if isinstance(value, Enum) else str(value)
                codes[first : first + block.n] = dictionary.setdefault(text, len(dictionary))
        codes = codes[order]
        indices = masked(pa.int32(), codes, codes >= 0)
        return pa.DictionaryArray.from_arrays(indices, pa.array(list(dictionary), pa.string()))


def masked(type_: pa.DataType, values: np.ndarray, valid: np.ndarray) -> pa.Array:
    """An Arrow array of fixed-width ``values`` with nulls where not ``valid``.

    Built from buffers: ``pa.array(..., mask=…)`` goes through pyarrow's pandas
    compatibility layer, which imports pandas (seconds, for nothing).
    """
    values = np.ascontiguousarray(values)
    nulls = len(values) - int(np.count_nonzero(valid))
    return pa.Array.from_buffers(
        type_, len(values), [_validity(valid) if nulls else None, pa.py_buffer(values)], nulls
    )


def _validity(valid: np.ndarray) -> pa.Buffer:
    return pa.py_buffer(np.packbits(valid, bitorder="little"))
