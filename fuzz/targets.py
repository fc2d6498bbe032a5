"""What each fuzz target feeds to whatmatters, and which outcomes are not crashes.

A target takes the fuzzer's bytes, makes a file of them, and runs an importer
on it the way the command line does. Success, or the importer's own refusal
(``CldFileError``, ``EventLogError``: a message naming file, row and field), is
a pass; any other exception is a crash, and an input that takes over ten
seconds is a hang. Files are written to a RAM folder when there is one.

Event-log targets run the whole import except writing the journal's Parquet
parts (two thirds of the time per input, and code the store's own tests
cover): rows are still conformed to the journal's schema, then dropped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from whatmatters.journal.cld.read import CldFileError, read_cld_file
from whatmatters.journal.cld.validate import validate_cld
from whatmatters.journal.eventlog import EventLogError, import_events, importer
from whatmatters.journal.eventlog.kinds import load_kind_map
from whatmatters.journal.schema import conform
from whatmatters.journal.store import JournalWriter
from whatmatters.journal.wales.arcs import validate_arcs
from whatmatters.journal.wales.arcs_map import ArcsMap, MapError, load_map
from whatmatters.journal.wales.validate import validate_wales

_RAM = Path("/dev/shm")
WORK = Path(tempfile.mkdtemp(prefix="whatmatters-fuzz-", dir=_RAM if _RAM.is_dir() else None))


def _file(name: str, data: bytes) -> Path:
    path = WORK / name
    path.write_bytes(data)
    return path


def _journal() -> Path:
    out = WORK / "journal"
    shutil.rmtree(out, ignore_errors=True)
    return out


def cld(data: bytes) -> None:
    """The CLD reader (CSV, or a workbook when the bytes are a zip), then its rules."""
    name = "input.xlsx" if data.startswith(b"PK") else "input.csv"
    path = _file(name, data)
    try:
        read_cld_file(path)
    except CldFileError:
        return
    if VALIDATE:
        validate_cld([path])


# The CLD rules after reading: deeper, but a third of the speed (``--validate``).
VALIDATE = False


class _RowsDropped(JournalWriter):
    """A journal writer that checks each batch against the schema and keeps none."""

    def write(self, table: pa.Table | pa.RecordBatch) -> None:
        if isinstance(table, pa.RecordBatch):
            table = pa.Table.from_batches([table])
        self.rows += conform(table).num_rows


@contextmanager
def _rows_dropped() -> Iterator[None]:
    """The importer's journal writer swapped for ``_RowsDropped`` for one call only
    (the test suite imports this module beside tests that write real journals)."""
    saved = importer.JournalWriter
    importer.JournalWriter = _RowsDropped  # type: ignore[misc]
    try:
        yield
    finally:
        importer.JournalWriter = saved  # type: ignore[misc]


def _events(name: str, data: bytes) -> None:
    with _rows_dropped(), contextlib.suppress(EventLogError):
        import_events(_file(name, data), _journal())


def events_csv(data: bytes) -> None:
    _events("log.csv", data)


def events_xes(data: bytes) -> None:
    _events("log.xes", data)


def events_parquet(data: bytes) -> None:
    """A Parquet log built from the bytes (so the fuzzer explores values, not only
    the file format), or the bytes themselves when they start as Parquet does."""
    if data.startswith(b"PAR1"):
        _events("log.parquet", data)
        return
    table = parquet_table(data)
    if table is None:
        return
    path = WORK / "log.parquet"
    try:
        pq.write_table(table, path)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return  # Parquet cannot hold it (a timestamp[s] past the ms range): no such log
    with _rows_dropped(), contextlib.suppress(EventLogError):
        import_events(path, _journal())


def kinds_toml(data: bytes) -> None:
    """The kinds mapping: read, then used on a few activities."""
    try:
        mapping = load_kind_map(_file("kinds.toml", data))
    except EventLogError:
        return
    for activity in ("register request", "Examine thoroughly", "", "*", "décidé"):
        mapping.kind_of(activity)


def wales(data: bytes) -> None:
    """The Welsh template (CSV, or a workbook when the bytes are a zip): every row checked.

    The validator reports unreadable files as problems, so any exception is a crash."""
    validate_wales([_file("events.xlsx" if data.startswith(b"PK") else "events.csv", data)])


def arcs(data: bytes) -> None:
    """An ARCS extract with the published headings, for the year to 31 March 2024."""
    validate_arcs([_file("arcs.csv", data)], ArcsMap(), dt.date(2024, 3, 31))


def arcs_map(data: bytes) -> None:
    """An ARCS column map: read, or refused with a MapError naming the key."""
    with contextlib.suppress(MapError):
        load_map(_file("map.toml", data))


TARGETS: dict[str, Callable[[bytes], None]] = {
    "cld": cld,
    "events_csv": events_csv,
    "events_xes": events_xes,
    "events_parquet": events_parquet,
    "kinds_toml": kinds_toml,
    "wales": wales,
    "arcs": arcs,
    "arcs_map": arcs_map,
}


def every(data: bytes) -> None:
    """The bytes through every target: the test suite's one short run."""
    for target in TARGETS.values():
        target(data)


# Parquet logs built from bytes -------------------------------------------------------

_NAMES = (
    "case:concept:name",
    "concept:name",
    "time:timestamp",
    "start_timestamp",
    "lifecycle:transition",
    "org:resource",
    "org:group",
    "note",
)
_TYPES = (
    pa.string(),
    pa.large_string(),
    pa.date32(),
    pa.date64(),
    pa.timestamp("s"),
    pa.timestamp("ms"),
    pa.timestamp("us"),
    pa.timestamp("ns"),
    pa.timestamp("us", "UTC"),
    pa.timestamp("s", "+01:00"),
    pa.int32(),
    pa.int64(),
    pa.float64(),
    pa.bool_(),
    pa.binary(),
)
_TEXTS = (
    "P1",
    "P2",
    "start",
    "complete",
    "assess",
    "2024-03-01",
    "0001-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59-01:00",
    "31/02/2024",
    "２０２４-０１-０１",
    "P\x001",
    "",
    " ",
)


def parquet_table(data: bytes) -> pa.Table | None:
    """A small table whose column names, types and values the bytes choose."""
    import atheris

    provider = atheris.FuzzedDataProvider(data)
    width = provider.ConsumeIntInRange(1, 6)
    rows = provider.ConsumeIntInRange(0, 8)
    columns: dict[str, pa.Array] = {}
    for _ in range(width):
        name = (
            provider.PickValueInList(list(_NAMES))
            if provider.ConsumeBool()
            else (provider.ConsumeUnicodeNoSurrogates(8))
        )
        kind = provider.PickValueInList(list(_TYPES))
        values = [_value(provider, kind) for _ in range(rows)]
        try:
            columns[name] = _array(values, kind)
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError, ValueError):
            return None
    return pa.table(columns)


def _value(provider, kind: pa.DataType) -> object:
    if provider.ConsumeIntInRange(0, 9) == 0:
        return None
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        if provider.ConsumeBool():
            return provider.PickValueInList(list(_TEXTS))
        return provider.ConsumeUnicodeNoSurrogates(12)
    if pa.types.is_binary(kind):
        return provider.ConsumeBytes(8)
    if pa.types.is_boolean(kind):
        return provider.ConsumeBool()
    if pa.types.is_floating(kind):
        return provider.ConsumeRegularFloat() if provider.ConsumeBool() else provider.ConsumeFloat()
    edge = (0, 1, -1, 2**31 - 1, -(2**31), 2**63 - 1, -(2**63), 19_000, 1_700_000_000)
    return (
        provider.PickValueInList(list(edge)) if provider.ConsumeBool() else (provider.ConsumeInt(8))
    )


def _array(values: list[object], kind: pa.DataType) -> pa.Array:
    """Values as ``kind``; temporal columns from raw integers (any, even past year 9999)."""
    if pa.types.is_temporal(kind):
        width = pa.int32() if kind in (pa.date32(),) else pa.int64()
        bounded = [None if v is None else int(v) for v in values]  # type: ignore[call-overload]
        return pa.array(bounded, pa.int64()).cast(width, safe=True).view(kind)
    return pa.array(values, kind)


def cleanup() -> None:
    shutil.rmtree(WORK, ignore_errors=True)
