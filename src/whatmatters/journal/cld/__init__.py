"""England's Client Level Data (CLD): read, validate, map R1 to R2, cost, export.

Public functions (imported lazily, so the ``whatmatters`` command starts fast):

* ``import_cld(files, out, strict=False, release=None, report=None)`` → ``ImportResult``
* ``validate_cld(files, release=None)`` → ``Validation`` (no journal written)
* ``export_cld(journal, out, release="R2")`` → ``ExportResult``

See ``docs/cld-import.md``.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_PUBLIC = {
    "import_cld": "whatmatters.journal.cld.importer",
    "ImportResult": "whatmatters.journal.cld.importer",
    "validate_cld": "whatmatters.journal.cld.validate",
    "Validation": "whatmatters.journal.cld.validate",
    "export_cld": "whatmatters.journal.cld.export",
    "ExportResult": "whatmatters.journal.cld.export",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
