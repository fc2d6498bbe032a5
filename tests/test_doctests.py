"""Every example written in the package's docstrings runs, and says what it shows."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "src" / "whatmatters"


def with_examples() -> list[str]:
    """The package's modules whose docstrings hold examples (``>>>``)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if ">>> " in path.read_text(encoding="utf-8"):
            parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
            found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def test_the_examples_are_found():
    assert {"whatmatters.check.capability", "whatmatters.report.readings.capability"} <= set(
        with_examples()
    )


@pytest.mark.parametrize("name", with_examples())
def test_the_examples_run(name: str) -> None:
    failures, _ = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert failures == 0
