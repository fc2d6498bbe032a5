"""WSGI entry point (``whatmatters serve`` runs it under gunicorn)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "whatmatters.site.settings.local")
application = get_wsgi_application()
