"""Which journal kind each activity of an event log is.

A mapping is a small TOML file::

    # exact activity names, as the log writes them (case matters)
    [exact]
    "register request" = "request"
    "decide" = "assessment"

    # glob patterns (* any text, ? one character), ignoring case,
    # tried in file order when no exact name matches
    [patterns]
    "examine *" = "assessment"
    "*closed*" = "closure"

Values are journal kinds (``whatmatters.journal.schema.Kind``). An activity
that matches nothing is kind ``other``, and the import reports it.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from whatmatters.journal.eventlog.problems import EventLogError, Problem
from whatmatters.journal.schema import Kind

TABLES = ("exact", "patterns")


@dataclass(frozen=True)
class KindMap:
    """Activity names and patterns to kinds; see the module docstring."""

    exact: dict[str, Kind] = field(default_factory=dict)
    patterns: tuple[tuple[str, Kind], ...] = ()
    _compiled: tuple[tuple[re.Pattern[str], Kind], ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        compiled = tuple(
            (re.compile(fnmatch.translate(glob), re.IGNORECASE), kind)
            for glob, kind in self.patterns
        )
        object.__setattr__(self, "_compiled", compiled)

    def kind_of(self, activity: str) -> Kind | None:
        """The activity's kind, or None when nothing maps it."""
        kind = self.exact.get(activity)
        if kind is not None:
            return kind
        for pattern, kind in self._compiled:
            if pattern.match(activity):
                return kind
        return None


def load_kind_map(path: str | Path) -> KindMap:
    """Read a mapping file; raises ``EventLogError`` naming the line or key at fault."""
    path = Path(path)

    def fail(message: str, key: str | None = None) -> EventLogError:
        return EventLogError([Problem(path.name, message, field=key)])

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise fail(f"cannot read the kinds mapping: {error.strerror}") from None
    except UnicodeDecodeError:
        raise fail("the kinds mapping is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise fail(f"not valid TOML: {error}") from None
    unknown = [name for name in data if name not in TABLES]
    if unknown:
        raise fail(f"unknown section {unknown[0]!r}: a mapping has only [exact] and [patterns]")
    tables: dict[str, dict[str, Kind]] = {}
    for table in TABLES:
        entries = data.get(table, {})
        if not isinstance(entries, dict):
            raise fail(f"[{table}] must be a table of activity = kind", table)
        tables[table] = {
            key: _kind(value, f"[{table}] {key}", fail) for key, value in entries.items()
        }
    return KindMap(exact=tables["exact"], patterns=tuple(tables["patterns"].items()))


def _kind(value: object, where: str, fail) -> Kind:
    try:
        return Kind(value)
    except (ValueError, TypeError):
        kinds = ", ".join(k.value for k in Kind)
        raise fail(f"{value!r} is not a journal kind (one of: {kinds})", where) from None
