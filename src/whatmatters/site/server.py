"""Preparing Django and running the casework site under gunicorn."""

from __future__ import annotations

import os
from dataclasses import dataclass

LOCAL = "whatmatters.site.settings.local"
PRODUCTION = "whatmatters.site.settings.production"


class ServerError(Exception):
    """The site cannot start; the message says what to do."""


@dataclass(frozen=True)
class Bind:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 0  # 0: two per CPU core, plus one
    threads: int = 4


def setup_django(production: bool = False) -> None:
    """Configure Django (local secret created if needed), migrate, check static assets."""
    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import call_command

    from whatmatters.paths import data_dir
    from whatmatters.site import secret
    from whatmatters.site.assets import missing_assets

    if production or os.environ.get("DJANGO_SETTINGS_MODULE") == PRODUCTION:
        os.environ["DJANGO_SETTINGS_MODULE"] = PRODUCTION
    else:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", LOCAL)
        data_dir().mkdir(parents=True, exist_ok=True)
        if not os.environ.get(secret.ENVIRONMENT_VARIABLE):
            secret.ensure_local_key()
    missing = missing_assets()
    if missing:
        raise ServerError(
            "the front-end packages are not installed (missing "
            f"{missing[0]}): run `npm ci` in the repository, or set WHATMATTERS_NODE_MODULES"
        )
    try:
        django.setup()
    except ImproperlyConfigured as problem:
        raise ServerError(str(problem)) from None
    migrate()
    if os.environ["DJANGO_SETTINGS_MODULE"] == PRODUCTION:
        call_command("collectstatic", interactive=False, verbosity=0)


def migrate() -> None:
    """Migrate as the database's owner (``WHATMATTERS_OWNER_DATABASE_URL``, or
    the one URL of a simple set-up); the application then connects as its own
    role, which the migration grants only what it needs (casework/audit/rights.py)."""
    from django.core.management import call_command
    from django.db import connections

    from whatmatters.casework.audit.rights import OWNER

    call_command("migrate", database=OWNER, interactive=False, verbosity=0)
    connections[OWNER].close()


def serve(bind: Bind) -> None:
    """Run the site under gunicorn until interrupted."""
    from django.urls import get_resolver
    from gunicorn.app.base import BaseApplication

    from whatmatters.site.wsgi import application

    # Import every view before the workers fork, so no request pays for it.
    _ = get_resolver().url_patterns

    workers = bind.workers or (os.cpu_count() or 1) * 2 + 1

    class Site(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{bind.host}:{bind.port}")
            self.cfg.set("workers", workers)
            self.cfg.set("threads", bind.threads)
            self.cfg.set("worker_class", "gthread")
            # The measures page's first view on a large council checks it (seconds).
            self.cfg.set("timeout", 120)
            self.cfg.set("accesslog", None)
            self.cfg.set("errorlog", "-")
            self.cfg.set("proc_name", "whatmatters-casework")
            # No runtime control socket: nothing written outside the data folder.
            self.cfg.set("control_socket_disable", True)

        def load(self):
            return application

    Site().run()
