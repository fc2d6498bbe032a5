"""Shared test fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

# Casework fixtures (teams, staff, the test database) registered once for the
# whole run: imported into two conftest files, pytest made two session
# fixtures of one database, set up twice and destroyed twice.
pytest_plugins = ["tests.casework.fixtures"]

# Public reference data the tests read, vendored with its source and terms
# (tests/data/README.md), so a clone with nothing beside it passes its tests.
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def test_data() -> Path:
    """Real public event logs, the CLD reference files and the calibration notes."""
    return TEST_DATA
