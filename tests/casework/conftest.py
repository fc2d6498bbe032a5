"""Casework test fixtures (see fixtures.py)."""

from tests.casework.fixtures import *  # noqa: F403
