"""Where the casework application keeps its files outside the repository.

The data folder holds the SQLite database, the generated secret key and the
collected static files. It is ``$WHATMATTERS_HOME`` if set, else
``$XDG_DATA_HOME/whatmatters`` (``~/.local/share/whatmatters``).
"""

from __future__ import annotations

import os
from pathlib import Path

SITE_DIR = Path(__file__).resolve().parent
REPOSITORY = SITE_DIR.parents[2]


def data_dir() -> Path:
    """The folder for the casework database, secret key and static files."""
    home = os.environ.get("WHATMATTERS_HOME")
    if home:
        return Path(home).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "whatmatters"


def node_modules() -> Path:
    """The npm packages' folder (``$WHATMATTERS_NODE_MODULES`` or the repository's)."""
    return Path(os.environ.get("WHATMATTERS_NODE_MODULES") or REPOSITORY / "node_modules")
