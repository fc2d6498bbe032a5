"""The Django project's own folder, and the data folder (from ``whatmatters.paths``).

The data folder holds the SQLite database, the generated secret key and the
collected static files; ``whatmatters.paths`` says where it is.
"""

from __future__ import annotations

from pathlib import Path

from whatmatters.paths import REPOSITORY, data_dir, node_modules

SITE_DIR = Path(__file__).resolve().parent

__all__ = ["REPOSITORY", "SITE_DIR", "data_dir", "node_modules"]
