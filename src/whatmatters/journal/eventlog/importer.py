"""``import_events``: an event log (CSV, Parquet, XES) into a journal."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from whatmatters.journal.eventlog.columns import CASE_PREFIX, EventColumns
from whatmatters.journal.eventlog.events import EventBuilder, SourceEvent
from whatmatters.journal.eventlog.formats import LogFormat, check_readable, detect_format
from whatmatters.journal.eventlog.kinds import KindMap, load_kind_map
from whatmatters.journal.eventlog.lifecycle import Instance, PairingCounts, pair_case, single
from whatmatters.journal.eventlog.problems import ProblemLog
from whatmatters.journal.eventlog.sink import ASIDE_FILE, AsideAttributes, JournalRows
from whatmatters.journal.eventlog.tabular import csv_encoding, read_csv, read_parquet
from whatmatters.journal.eventlog.xes import read_xes
from whatmatters.journal.store import JournalWriter

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportResult:
    """What an import read and wrote."""

    journal: Path
    source: str  # the file's name, as in the journal's ``source`` column
    format: LogFormat
    encoding: str | None  # CSV only: "utf-8-sig" or "cp1252"
    events: int  # events read from the file
    rows: int  # journal rows written (events less the pairs joined)
    cases: int  # distinct cases (persons)
    pairs: int  # start/complete pairs joined into one row
    open_starts: int  # starts never completed: rows with no end
    lone_completes: int  # completes with no start: instants
    kinds: dict[str, int]  # kind → rows
    unmapped: dict[str, int]  # activity → rows, for activities no mapping names
    aside: dict[str, int] = field(default_factory=dict)  # attribute → values kept aside


def import_events(
    path: str | Path,
    out: str | Path,
    *,
    columns: EventColumns | None = None,
    kinds: KindMap | str | Path | None = None,
    council: str | None = None,
    keep_aside: bool = True,
    on_progress: Progress | None = None,
) -> ImportResult:
    """Import the event log at ``path`` into a new journal at ``out``.

    ``columns`` says where each field is (default: the XES standard keys);
    ``kinds`` maps activities to journal kinds (a ``KindMap`` or a TOML file);
    ``council`` fills the journal's council column. Attributes no journal
    column takes are kept in ``JOURNAL/aside/attributes.parquet`` unless
    ``keep_aside`` is false. Raises ``EventLogError`` listing every problem
    found; then no journal is written (an existing one stays as it was).
    """
    path, out = Path(path), Path(out)
    columns = columns or EventColumns()
    kind_map = kinds if isinstance(kinds, KindMap) else load_kind_map(kinds) if kinds else KindMap()
    check_readable(path)
    log_format = detect_format(path)
    problems = ProblemLog(path.name)
    counts = PairingCounts()
    encoding = csv_encoding(path, problems) if log_format is LogFormat.CSV else None
    with JournalWriter(out) as writer:
        rows = JournalRows(
            writer, source=path.name, council=council, kinds=kind_map, extra=columns.extra
        )
        aside = AsideAttributes(writer) if keep_aside else None
        builder = EventBuilder(columns, problems, aside)
        if log_format is LogFormat.XES:
            instances = _xes_instances(path, builder, counts, on_progress)
        else:
            instances = _table_instances(path, log_format, encoding, builder, counts, on_progress)
        events = 0
        for batch in instances:
            events += batch.events
            if not problems.total:  # once anything is wrong, only look for more problems
                rows.add(batch.instances)
        if events == 0 and not problems.total:
            problems.add("the log has no events: nothing to import")
        problems.raise_if_any()
        rows.flush()
        if aside is not None:
            aside.close()
        result = ImportResult(
            journal=out,
            source=path.name,
            format=log_format,
            encoding=encoding,
            events=events,
            rows=rows.rows,
            cases=len(rows.persons),
            pairs=counts.paired,
            open_starts=counts.open_starts,
            lone_completes=counts.lone_completes,
            kinds={kind.value: n for kind, n in rows.kind_counts.most_common()},
            unmapped=dict(rows.unmapped.most_common()),
            aside=dict(aside.counts) if aside is not None else {},
        )
        writer.manifest.update(_manifest(result, columns, kinds, council))
    return result


def column_name(name: str) -> str:
    """A column's name to show: quoted, or said to have none (a spreadsheet's index)."""
    return repr(name) if name.strip() else "an unnamed column"


@dataclass
class _Batch:
    events: int  # source events behind these instances
    instances: list[Instance]


def _xes_instances(
    path: Path,
    builder: EventBuilder,
    counts: PairingCounts,
    on_progress: Progress | None,
) -> Iterator[_Batch]:
    """One batch per trace: its events paired by lifecycle."""
    case_keys = {
        key.removeprefix(CASE_PREFIX)
        for key in builder.columns.source_keys()
        if key.startswith(CASE_PREFIX)
    }
    for trace in read_xes(path, builder.problems, on_progress):
        case = trace.attributes
        events = _built(builder.build(attrs, row, case) for row, attrs in trace.events)
        if builder.aside is not None and events:  # the trace's own, once per trace
            own = [(CASE_PREFIX + k, v) for k, v in case.items() if k not in case_keys]
            builder.aside(events[0].person, None, own)
        yield _Batch(len(trace.events), pair_case(events, counts, builder.columns.classifier))
    for option, key in builder.columns.explicit().items():
        if key not in builder.seen:
            builder.problems.add(f"no event has this attribute (named by {option})", field=key)


def _table_instances(
    path: Path,
    log_format: LogFormat,
    encoding: str | None,
    builder: EventBuilder,
    counts: PairingCounts,
    on_progress: Progress | None,
) -> Iterator[_Batch]:
    """Rows as they come; or, when the file has a lifecycle column, paired per case."""
    problems, columns = builder.problems, builder.columns
    if log_format is LogFormat.CSV:
        assert encoding is not None
        header, records = read_csv(path, encoding, problems, on_progress)
    else:
        header, records = read_parquet(path, problems, on_progress)
    missing = {**columns.explicit(), **columns.required(header)}
    for option, key in missing.items():
        if key not in header:
            shown = ", ".join(column_name(name) for name in header)
            raise problems.fail(
                f"the file has no column {key!r} for {option}; its columns are {shown}",
                row=1 if log_format is LogFormat.CSV else None,
            )
    if columns.lifecycle_key not in header:
        for row, record in records:
            event = builder.build(record, row)
            yield _Batch(1, [single(event, columns.classifier)] if event is not None else [])
        return
    by_case: dict[str, list[SourceEvent]] = {}
    events = 0
    for row, record in records:
        events += 1
        event = builder.build(record, row)
        if event is not None:
            by_case.setdefault(event.person, []).append(event)
    yield _Batch(events, [])
    for case_events in by_case.values():
        yield _Batch(0, pair_case(case_events, counts, columns.classifier))


def _built(events: Iterable[SourceEvent | None]) -> list[SourceEvent]:
    return [e for e in events if e is not None]


def _manifest(
    result: ImportResult,
    columns: EventColumns,
    kinds: KindMap | str | Path | None,
    council: str | None,
) -> dict[str, object]:
    kinds_file = None if kinds is None or isinstance(kinds, KindMap) else Path(kinds).name
    return {
        "sources": [result.source],
        "council": council,
        "import": {
            "reader": "eventlog",
            "format": result.format.value,
            "encoding": result.encoding,
            "columns": asdict(columns),
            "kinds_file": kinds_file,
            "events": result.events,
            "cases": result.cases,
            "pairs": result.pairs,
            "open_starts": result.open_starts,
            "lone_completes": result.lone_completes,
            "kinds": result.kinds,
            "unmapped_activities": result.unmapped,
            "aside": {"file": ASIDE_FILE, "attributes": result.aside} if result.aside else None,
        },
    }
