"""Shared test fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The workplace's shared folder sits beside the repository (../shared);
# WHATMATTERS_SHARED points elsewhere when a checkout lives somewhere else.
SHARED = Path(os.environ.get("WHATMATTERS_SHARED", Path(__file__).resolve().parents[2] / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    """The workplace's shared folder (real public event logs, CLD references)."""
    if not SHARED.is_dir():
        pytest.fail(f"the shared data folder is missing: expected it at {SHARED}")
    return SHARED
