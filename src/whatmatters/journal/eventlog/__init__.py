"""Event logs (CSV, Parquet, XES) into the journal.

>>> from whatmatters.journal.eventlog import import_events   # doctest: +SKIP
>>> result = import_events("log.xes.gz", "journal")          # doctest: +SKIP

See ``docs/event-logs.md``.
"""

from whatmatters.journal.eventlog.columns import EventColumns
from whatmatters.journal.eventlog.formats import LogFormat
from whatmatters.journal.eventlog.importer import ImportResult, import_events
from whatmatters.journal.eventlog.kinds import KindMap, load_kind_map
from whatmatters.journal.eventlog.problems import EventLogError, Problem

__all__ = [
    "EventColumns",
    "EventLogError",
    "ImportResult",
    "KindMap",
    "LogFormat",
    "Problem",
    "import_events",
    "load_kind_map",
]
