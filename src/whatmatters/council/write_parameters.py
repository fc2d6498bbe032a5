"""Write parameters as a parameters file (TOML), every entry with its source and range.

The fitted model is written this way (``whatmatters model fit``), so it can be
read back, changed by hand and used as the base of scenarios like the
project's own file.
"""

from __future__ import annotations

import json
from typing import Any

from whatmatters.council.codes import Design
from whatmatters.council.parameters import SECTIONS, Parameters, Sourced

HEADER = """\
# A model of one council (whatmatters model fit): the project's parameters with
# the values its records show fitted to them. A fitted value's source starts
# "fitted:" and says how it was estimated; its range is the 95% interval. The
# rest keep the project's own sources. Use it as the base of scenarios:
#   whatmatters what-if THIS-FILE scenario.toml --out what-if
"""


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(float(value)) if isinstance(value, float) else str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {value!r} as TOML")


def _key(key: str) -> str:
    return key if key.replace("_", "").isalnum() and key.isascii() else json.dumps(key)


def _entry(s: Sourced) -> str:
    parts = [f"value = {_toml(s.value)}", f"source = {_toml(s.source)}"]
    if s.range is not None:
        parts += [f"range = {_toml(s.range)}", f"range_source = {_toml(s.range_source or '')}"]
    return "{ " + ", ".join(parts) + " }"


def parameters_toml(
    p: Parameters, entries: dict[str, Sourced], *, model: dict[str, Any] | None = None
) -> str:
    """The whole file: ``entries`` (by full key) for every parameter of ``p``."""
    lines = [HEADER, f"version = {_toml(p.version)}", ""]
    if model:
        lines += ["[model]", *(f"{k} = {_toml(v)}" for k, v in model.items()), ""]
    tables = [(s, s) for s in SECTIONS] + [(f"design.{d.key}", f"design.{d.key}") for d in Design]
    for heading, prefix in tables:
        lines.append(f"[{heading}]")
        for key, sourced in entries.items():
            if key.rsplit(".", 1)[0] == prefix:
                lines.append(f"{_key(key.rsplit('.', 1)[1])} = {_entry(sourced)}")
        lines.append("")
    return "\n".join(lines)
