"""Measures: capability charts and results from the casework journal."""
