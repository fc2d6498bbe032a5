"""Streaming XES reader: one trace at a time, in bounded memory.

lxml's ``iterparse`` reads the file incrementally; each trace is handed over
when its end tag is read and then freed, so memory holds one trace, however
large the log. Events are numbered 1, 2, 3 … in file order across the whole
log: that ordinal is an event's ``source_row``.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from whatmatters.journal.eventlog.formats import open_maybe_gzip
from whatmatters.journal.eventlog.problems import ProblemLog

TRACE, EVENT = "trace", "event"
_TAGS = ("{*}" + TRACE, "{*}" + EVENT)  # any namespace, or none
# Never fetch or expand anything the file points to (entities, DTDs).
_PARSER = {
    "huge_tree": True,
    "resolve_entities": False,
    "no_network": True,
    "remove_comments": True,
}


@dataclass
class XesTrace:
    attributes: dict[str, str]  # the trace's own attributes (concept:name …)
    events: list[tuple[int, dict[str, str]]]  # (ordinal in the file, attributes)


def read_xes(
    path: Path, problems: ProblemLog, on_progress: Callable[[int, int], None] | None = None
) -> Iterator[XesTrace]:
    """The traces of the XES log at ``path`` (``.xes`` or gzip-compressed)."""
    _check_root(path, problems)
    size = path.stat().st_size
    with path.open("rb") as raw, _errors_explained(problems):
        context = etree.iterparse(open_maybe_gzip(raw), events=("end",), tag=_TAGS, **_PARSER)
        ordinal, done = 0, 0
        pending: list[tuple[int, dict[str, str]]] = []
        for _, element in context:
            if _local(element.tag) == EVENT:
                ordinal += 1
                pending.append((ordinal, _attributes(element)))
                element.clear()
                if _local(element.getparent().tag) != TRACE:
                    problems.add("an <event> outside any <trace>", ordinal)
                    pending.pop()
                continue
            yield XesTrace(_attributes(element), pending)
            pending = []
            _free(element)
            if on_progress is not None and raw.tell() != done:  # moves a chunk at a time
                done = raw.tell()
                on_progress(done, size)


def _check_root(path: Path, problems: ProblemLog) -> None:
    """Refuse a file that is not XES at its first element, before reading it all."""
    with path.open("rb") as raw, _errors_explained(problems):
        for _, root in etree.iterparse(open_maybe_gzip(raw), events=("start",), **_PARSER):
            if _local(root.tag) != "log":
                raise problems.fail(f"not an XES file: its root is <{_local(root.tag)}>, not <log>")
            return


@contextmanager
def _errors_explained(problems: ProblemLog) -> Iterator[None]:
    """XML and gzip errors as a problem with the file, not a traceback."""
    try:
        yield
    except etree.XMLSyntaxError as error:
        raise problems.fail(f"not valid XML at line {error.lineno}: {error.msg}") from None
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        raise problems.fail(f"the gzip file is truncated or damaged ({error})") from None


def _attributes(element: etree._Element) -> dict[str, str]:
    """The element's own attributes (``<string key= value=>`` …), not its events'."""
    values: dict[str, str] = {}
    for child in element:
        key = child.get("key")
        if key is not None:
            value = child.get("value")
            if value is not None:  # <list>/<container> have children, not a value
                values[key] = value
    return values


def _free(element: etree._Element) -> None:
    """Drop a finished trace and the already-read siblings before it."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]
