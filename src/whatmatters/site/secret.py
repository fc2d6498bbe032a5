"""The Django secret key, never stored in the repository.

Production takes it from ``WHATMATTERS_SECRET_KEY``. On one's own machine
(``whatmatters serve`` / ``demo``) a random key is generated once into the
data folder, readable only by its owner, and reused so sessions survive a
restart and every server process signs alike.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from whatmatters.site.paths import data_dir

ENVIRONMENT_VARIABLE = "WHATMATTERS_SECRET_KEY"
MINIMUM_LENGTH = 50


def local_key_file() -> Path:
    return data_dir() / "secret_key"


def ensure_local_key() -> Path:
    """Create the local key file if missing (owner-only permissions)."""
    path = local_key_file()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(64))
    return path


def from_environment() -> str:
    """The key from the environment; a clear error if it is missing or weak."""
    key = os.environ.get(ENVIRONMENT_VARIABLE, "")
    if len(key) < MINIMUM_LENGTH:
        raise ImproperlyConfigured(
            f"{ENVIRONMENT_VARIABLE} must be set to a random string of at least "
            f"{MINIMUM_LENGTH} characters (e.g. python -c 'import secrets; "
            "print(secrets.token_urlsafe(64))')"
        )
    return key


def local() -> str:
    """The environment's key if set, else the local key file's."""
    if os.environ.get(ENVIRONMENT_VARIABLE):
        return from_environment()
    path = local_key_file()
    if not path.is_file():
        raise ImproperlyConfigured(
            f"no secret key: set {ENVIRONMENT_VARIABLE}, or run `whatmatters serve`, "
            f"which creates one in {path}"
        )
    return path.read_text(encoding="utf-8").strip()
