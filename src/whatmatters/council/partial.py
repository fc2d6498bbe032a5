"""Partial parameters files: a scenario holds only what changes.

``overlay(base, partial, path)`` lays a partial file's entries over a whole
one (the project's parameters, or a fitted model) before the whole is checked,
so a team leader writes

    [design.menu]
    network_hours_cover = 0.2

and everything else comes from the base. Names are checked here, where the
file's own words are known: an unknown section or key is a one-line error
naming it (with the nearest known name); values are checked, with their
allowed ranges, when the merged file is read (``parameters.parse_parameters``).
"""

from __future__ import annotations

import copy
import difflib
from pathlib import Path
from typing import Any

from whatmatters.council.codes import Design


class ParameterError(ValueError):
    """A parameters file is malformed; the message names the file and key."""


METADATA = ("model", "scenario")
"""Tables about the file, not the model: ``[model]`` (a fitted model's population and
source) and ``[scenario]`` (a scenario's name and design); see council/scenarios.py."""


def overlay(
    base: dict[str, Any], partial: dict[str, Any], path: Path, sections: tuple[str, ...]
) -> dict[str, Any]:
    """``base`` with the entries of a partial file laid over it, checked by name.

    An entry may be a bare value (its source becomes "scenario: set in FILE")
    or ``{value = …, source = "…"}``; a table value changes only the keys it
    names (``achieved = { universal = 0.9 }``).
    """
    merged = copy.deepcopy(base)
    for top, value in partial.items():
        if top in ("version", *METADATA):
            merged[top] = value
            continue
        if top == "design":
            for design, table in _table(path, "design", value).items():
                target = merged["design"].get(design)
                if target is None:
                    designs = [d.key for d in Design]
                    hint = _near(design, designs) or f"designs are {', '.join(designs)}"
                    raise ParameterError(f"{path}: unknown design [design.{design}]: {hint}")
                _lay(path, f"design.{design}", target, _table(path, f"design.{design}", table))
            continue
        if top not in sections:
            hint = _near(top, sections) or f"sections are {', '.join(sections)}"
            raise ParameterError(f"{path}: unknown section [{top}]: {hint}")
        _lay(path, top, merged[top], _table(path, top, value))
    return merged


def _lay(path: Path, where: str, target: dict[str, Any], changes: dict[str, Any]) -> None:
    for key, entry in changes.items():
        if key not in target:
            hint = _near(key, list(target)) or f"keys are {', '.join(target)}"
            raise ParameterError(f"{path}: [{where}]: unknown key {key!r}: {hint}")
        if not (isinstance(entry, dict) and "value" in entry):
            entry = {"value": entry, "source": f"scenario: set in {path.name}"}
        old, new = target[key].get("value"), entry["value"]
        if isinstance(old, dict) and isinstance(new, dict):
            unknown = sorted(set(new) - set(old))
            if unknown:
                raise ParameterError(
                    f"{path}: {where}.{key}: unknown key {unknown[0]!r}: keys are {', '.join(old)}"
                )
            entry = {**entry, "value": {**old, **new}}
        target[key] = entry


def _table(path: Path, where: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ParameterError(f"{path}: {where} must be a table ([{where}]), not {value!r}")
    return value


def _near(name: str, names: Any) -> str:
    close = difflib.get_close_matches(name, list(names), n=1)
    return f"did you mean {close[0]!r}?" if close else ""
