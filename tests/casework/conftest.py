"""Casework tests: fixtures in fixtures.py, registered by tests/conftest.py."""
