"""The test suite: a random key per run, fast password hashing."""

from __future__ import annotations

import secrets

from whatmatters.site.settings.base import *  # noqa: F403

SECRET_KEY = secrets.token_urlsafe(64)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
WHITENOISE_USE_FINDERS = True
