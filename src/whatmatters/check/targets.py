"""A council's targets, read from a small TOML file (``check --targets FILE``).

Each table of the file is one target: which steps (a journal ``kind``,
and/or an ``activity`` name), the target in whole days (``within_days``),
what is timed (``from``: the step's own start to its end, or the days since
the same person's previous such step) and how many days just inside the
target to look at for heaping (``band_days``). ``targets_example.toml``
beside this module is the bundled example (assessments within 28 days,
reviews within 12 months). Every mistake is a one-line error naming the
file, the target and the key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from whatmatters.check.errors import CheckError
from whatmatters.journal.schema import Kind

EXAMPLE = Path(__file__).with_name("targets_example.toml")
KEYS = ("label", "kind", "activity", "within_days", "from", "band_days")


class TargetsError(CheckError):
    """A targets file that cannot be used; the message says where and why."""


class Timed(StrEnum):
    """What a target times."""

    START = "start"  # the step's own start to its end
    PREVIOUS = "previous"  # the days since the same person's previous such step began


@dataclass(frozen=True)
class Target:
    """One target: which steps, and in how many whole days."""

    name: str
    label: str
    within_days: int
    kind: str | None = None
    activity: str | None = None
    timed: Timed = Timed.START
    band_days: int = 3

    @property
    def band(self) -> tuple[int, int]:
        """The first and last whole day of the band just inside the target."""
        return self.within_days - self.band_days + 1, self.within_days


def read_targets(path: str | Path) -> tuple[Target, ...]:
    """The targets in ``path``, in the file's order."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise TargetsError(f"{path}: cannot read the targets file: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise TargetsError(f"{path}: not valid TOML: {error}") from None
    if not raw:
        raise TargetsError(f"{path}: no targets: add a [table] such as [assessment]")
    return tuple(_target(path, name, table) for name, table in raw.items())


def _target(path: Path, name: str, table: Any) -> Target:
    where = f"{path}: [{name}]"
    if not isinstance(table, dict):
        raise TargetsError(f"{where} must be a table of keys ({', '.join(KEYS)})")
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise TargetsError(f"{where}: unknown key {unknown[0]!r} (allowed: {', '.join(KEYS)})")
    kind, activity = table.get("kind"), table.get("activity")
    if kind is None and activity is None:
        raise TargetsError(f'{where}: say which steps: kind = "assessment" or activity = "…"')
    kinds = [k.value for k in Kind]
    if kind is not None and kind not in kinds:
        raise TargetsError(f"{where}: kind {kind!r} is not a journal kind ({', '.join(kinds)})")
    if activity is not None and (not isinstance(activity, str) or not activity.strip()):
        raise TargetsError(f"{where}: activity must be an activity's name, not {activity!r}")
    within = _days(where, table, "within_days", None)
    band = _days(where, table, "band_days", 3)
    if band > within:
        raise TargetsError(f"{where}: band_days ({band}) is longer than within_days ({within})")
    timed = table.get("from", Timed.START.value)
    if timed not in {t.value for t in Timed}:
        raise TargetsError(f'{where}: from must be "start" or "previous", not {timed!r}')
    label = table.get("label", name)
    if not isinstance(label, str) or not label.strip():
        raise TargetsError(f"{where}: label must be some words, not {label!r}")
    return Target(name, label.strip(), within, kind, activity, Timed(timed), band)


def _days(where: str, table: dict[str, Any], key: str, default: int | None) -> int:
    value = table.get(key, default)
    if value is None:
        raise TargetsError(f"{where}: missing {key} (the target in whole days, e.g. 28)")
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise TargetsError(
            f"{where}: {key} must be a whole number of days, 1 or more, not {value!r}"
        )
    return value
