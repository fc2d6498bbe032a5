"""Serving on one's own machine (``whatmatters serve`` and ``demo``)."""

from __future__ import annotations

import os

from whatmatters.site import secret
from whatmatters.site.settings.base import *  # noqa: F403

SECRET_KEY = secret.local()
DEBUG = os.environ.get("WHATMATTERS_DEBUG") == "1"
# Serve the front-end packages straight from node_modules: no collect step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
