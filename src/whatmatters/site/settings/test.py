"""The test suite: a random key per run, fast password hashing."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from whatmatters.site.settings.base import *  # noqa: F403

SECRET_KEY = secrets.token_urlsafe(64)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
WHITENOISE_USE_FINDERS = True

# The owner's connection creates and migrates the test database; the
# application's connection (another role on PostgreSQL under
# scripts/with-postgres) uses it, as in a council's set-up.
DATABASES["default"]["TEST"] = {"MIRROR": "owner"}  # noqa: F405
DATABASES["owner"]["TEST"] = {"DEPENDENCIES": []}  # noqa: F405
# A file, not memory, so the check engine's own connection (Ibis) reads the
# same test database the tests write.
if DATABASES["owner"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["owner"]["TEST"]["NAME"] = str(  # noqa: F405
        Path(tempfile.gettempdir()) / f"whatmatters-test-{os.getpid()}.sqlite3"
    )

# Each test sees figures of its own records (a test of the background refresh
# turns it back on).
WHATMATTERS_MEASURES_IN_BACKGROUND = False
