"""Buffers journal rows and set-aside attributes, and writes them in batches."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from whatmatters.journal.eventlog.kinds import KindMap
from whatmatters.journal.eventlog.lifecycle import Instance
from whatmatters.journal.schema import COLUMNS_BY_NAME, Kind
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
        self,
        writer: JournalWriter,
        *,
        source: str,
        council: str | None,
        kinds: KindMap,
        extra: Iterable[str] = (),
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
        self.extra = tuple(extra)  # further journal columns, as ``Instance.extra``
        self._columns: dict[str, list] = _empty_columns(self.extra)

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
            for name, value in zip(self.extra, i.extra, strict=True):
                c[name].append(value)
            self.persons.add(i.person)
        if len(c["event_id"]) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        columns, self._columns = self._columns, _empty_columns(self.extra)
        n = len(columns["event_id"])
        if n == 0:
            return
        columns["council"] = [self.council] * n
        columns["source"] = [self.source] * n
        # Typed arrays: inferring the type of a list of datetimes is 100× slower.
        table = pa.table(
            {name: pa.array(values, COLUMNS_BY_NAME[name].type) for name, values in columns.items()}
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

    One row per value (empty ones left out): ``person_id, source_row, attribute,
    value``, the value as text.
    The file appears only if there is something to keep.
    """

    def __init__(self, writer: JournalWriter) -> None:
        self.writer = writer
        self.counts: Counter[str] = Counter()  # attribute → values kept
        self._file: pq.ParquetWriter | None = None
        self._buffer: tuple[list, list, list, list] = ([], [], [], [])

    def __call__(self, person: str, row: int | None, values: list[tuple[str, object]]) -> None:
        persons, rows, keys, texts = self._buffer
        persons += [person] * len(values)
        rows += [row] * len(values)
        for key, value in values:
            keys.append(key)
            texts.append(value if type(value) is str else str(value))
        if len(keys) >= 4 * BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        columns, self._buffer = self._buffer, ([], [], [], [])
        if not columns[0]:
            return
        if self._file is None:
            path = self.writer.side_path(ASIDE_FILE)
            self._file = pq.ParquetWriter(path, ASIDE_SCHEMA, compression="zstd")
        self.counts.update(columns[2])
        arrays = [pa.array(values, f.type) for values, f in zip(columns, ASIDE_SCHEMA, strict=True)]
        self._file.write_table(pa.Table.from_arrays(arrays, schema=ASIDE_SCHEMA))

    def close(self) -> None:
        self.flush()
        if self._file is not None:
            self._file.close()
            self._file = None


def _empty_columns(extra: tuple[str, ...] = ()) -> dict[str, list]:
    names = ("event_id", "source_row", "person_id", "kind", "activity", "start", "end")
    return {name: [] for name in (*names, "team", "worker", *extra)}
