"""The front-end packages served as static files, from ``node_modules``.

Each entry maps a static-URL prefix to a folder of an npm package named in
``package.json``. GOV.UK Frontend's compiled CSS refers to ``/assets/fonts``
and ``/assets/images``, so its ``assets`` folder is served at the root of
``STATIC_URL`` (which is ``/assets/``).
"""

from __future__ import annotations

from pathlib import Path

from whatmatters.site.paths import node_modules

# (prefix, folder inside node_modules); prefix "" serves at STATIC_URL itself.
PACKAGES: tuple[tuple[str, str], ...] = (
    ("", "govuk-frontend/dist/govuk/assets"),
    ("govuk", "govuk-frontend/dist/govuk"),
    ("moj", "@ministryofjustice/frontend/moj"),
    ("htmx", "htmx.org/dist"),
)

# Files the pages load; ``missing_assets`` checks these exist before serving.
REQUIRED: tuple[str, ...] = (
    "govuk-frontend/dist/govuk/govuk-frontend.min.css",
    "govuk-frontend/dist/govuk/govuk-frontend.min.js",
    "@ministryofjustice/frontend/moj/moj-frontend.min.css",
    "@ministryofjustice/frontend/moj/moj-frontend.min.js",
    "htmx.org/dist/htmx.min.js",
)


def staticfiles_dirs() -> list[tuple[str, str] | str]:
    """``STATICFILES_DIRS`` entries for the packages that are installed."""
    root = node_modules()
    dirs: list[tuple[str, str] | str] = []
    for prefix, folder in PACKAGES:
        path = root / folder
        if path.is_dir():
            dirs.append((prefix, str(path)) if prefix else str(path))
    return dirs


def missing_assets() -> list[Path]:
    """Required front-end files that are not installed (run ``npm ci``)."""
    root = node_modules()
    return [root / name for name in REQUIRED if not (root / name).is_file()]
