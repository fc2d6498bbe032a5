"""Shared test fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Casework fixtures (teams, staff, the test database) registered once for the
# whole run: imported into two conftest files, pytest made two session
# fixtures of one database, set up twice and destroyed twice.
pytest_plugins = ["tests.casework.fixtures"]

# Property tests explore new examples on every developer's run; in CI (CI=true) they
# replay the same examples, so a submission is judged on its code, not on the draw.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")

# Public reference data the tests read, vendored with its source and terms
# (tests/data/README.md), so a clone with nothing beside it passes its tests.
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def test_data() -> Path:
    """Real public event logs, the CLD reference files and the calibration notes."""
    return TEST_DATA
