"""Buffers journal rows and set-aside attributes, and writes them in batches."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from whatmatters.journal.eventlog.kinds import KindMap
from whatmatters.journal.eventlog.lifecycle import Instance
from whatmatters.journal.schema import Kind
from whatmatters.journal.store import JournalWriter

BATCH_ROWS = 100_000
ASIDE_FILE = "aside/attributes.parquet"
ASIDE_SCHEMA = pa.schema(
    [
        ("person_id", pa.string()),
        ("source_row", pa.int64()),  # empty for an XES trace's own attributes
        ("attribute", pa.string()),
        ("value", pa.string()),
    ]
)


class JournalRows:
    """Turns activity instances into journal rows and hands them to the writer."""

    def __init__(
        self, writer: JournalWriter, *, source: str, council: str | None, kinds: KindMap
    ) -> None:
        self.writer = writer
        self.source = source
        self.council = council
        self.kinds = kinds
        self.rows = 0
        self.persons: set[str] = set()
        self.kind_counts: Counter[Kind] = Counter()
        self.unmapped: Counter[str] = Counter()  # activity → rows with no mapped kind
        self._kind_of: dict[str, Kind | None] = {}
        self._columns: dict[str, list] = _empty_columns()

    def add(self, instances: Iterable[Instance]) -> None:
        c = self._columns
        for i in instances:
            kind = self._kind(i.activity)
            c["event_id"].append(f"{self.source}#{'+'.join(map(str, i.rows))}")
            c["source_row"].append(i.rows[0])
            c["person_id"].append(i.person)
            c["kind"].append(kind)
            c["activity"].append(i.activity)
            c["start"].append(i.start)
            c["end"].append(i.end)
            c["team"].append(i.team)
            c["worker"].append(i.worker)
            self.persons.add(i.person)
        if len(c["event_id"]) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        columns, self._columns = self._columns, _empty_columns()
        n = len(columns["event_id"])
        if n == 0:
            return
        table = pa.table(
            {
                "council": pa.array([self.council] * n, pa.string()),
                "source": pa.array([self.source] * n, pa.string()),
                **columns,
            }
        )
        self.writer.write(table)
        self.rows += n

    def _kind(self, activity: str) -> str:
        if activity not in self._kind_of:
            self._kind_of[activity] = self.kinds.kind_of(activity)
        kind = self._kind_of[activity]
        if kind is None:
            self.unmapped[activity] += 1
            kind = Kind.OTHER
        self.kind_counts[kind] += 1
        return kind.value


class AsideAttributes:
    """Attributes no journal column takes, kept beside the journal, long format.

    One row per non-empty value: ``person_id, source_row, attribute, value``.
    The file appears only if there is something to keep.
    """

    def __init__(self, writer: JournalWriter) -> None:
        self.writer = writer
        self.counts: Counter[str] = Counter()  # attribute → values kept
        self._file: pq.ParquetWriter | None = None
        self._buffer: tuple[list, list, list, list] = ([], [], [], [])

    def __call__(self, person: str, row: int | None, key: str, value: str) -> None:
        persons, rows, keys, values = self._buffer
        persons.append(person)
        rows.append(row)
        keys.append(key)
        values.append(value)
        self.counts[key] += 1
        if len(keys) >= 4 * BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        buffer, self._buffer = self._buffer, ([], [], [], [])
        if not buffer[0]:
            return
        if self._file is None:
            path = self.writer.side_path(ASIDE_FILE)
            self._file = pq.ParquetWriter(path, ASIDE_SCHEMA, compression="zstd")
        arrays = [pa.array(values, f.type) for values, f in zip(buffer, ASIDE_SCHEMA, strict=True)]
        self._file.write_table(pa.Table.from_arrays(arrays, schema=ASIDE_SCHEMA))

    def close(self) -> None:
        self.flush()
        if self._file is not None:
            self._file.close()
            self._file = None


def _empty_columns() -> dict[str, list]:
    names = ("event_id", "source_row", "person_id", "kind", "activity", "start", "end")
    return {name: [] for name in (*names, "team", "worker")}
