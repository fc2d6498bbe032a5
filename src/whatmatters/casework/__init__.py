"""Casework: the what-matters web application (Django apps)."""
