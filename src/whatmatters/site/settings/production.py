"""A council's server: everything from the environment, HTTPS only.

Required: ``WHATMATTERS_SECRET_KEY``, ``WHATMATTERS_ALLOWED_HOSTS`` (comma
separated) and ``DATABASE_URL``. Static files are collected into
``STATIC_ROOT`` (``whatmatters serve`` does it) and served by WhiteNoise.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from whatmatters.site import secret
from whatmatters.site.paths import data_dir
from whatmatters.site.settings.base import *  # noqa: F403

SECRET_KEY = secret.from_environment()
DEBUG = False

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("WHATMATTERS_ALLOWED_HOSTS", "").split(",")]
ALLOWED_HOSTS = [h for h in ALLOWED_HOSTS if h]
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("WHATMATTERS_ALLOWED_HOSTS must name the host(s) served")
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured("DATABASE_URL must name the casework database in production")
CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS]

SECURE_SSL_REDIRECT = True
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

STATIC_ROOT = os.environ.get("WHATMATTERS_STATIC_ROOT") or str(data_dir() / "static")
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
