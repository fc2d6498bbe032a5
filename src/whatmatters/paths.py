"""Where whatmatters keeps its files outside the repository, and the repository's own.

The data folder holds the casework database, the generated secret key, the
collected static files and the demo's files. It is ``$WHATMATTERS_HOME`` if
set, else ``$XDG_DATA_HOME/whatmatters`` (``~/.local/share/whatmatters``).
It stands on the ground floor so the casework application, its Django
project and the command line can all find it without reaching up.
"""

from __future__ import annotations

import os
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]


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
