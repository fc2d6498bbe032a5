"""Settings every environment shares. Nothing here reads a secret."""

from __future__ import annotations

import os
from datetime import date, timedelta

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from whatmatters.site.assets import staticfiles_dirs
from whatmatters.site.paths import SITE_DIR, data_dir


def _change_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ImproperlyConfigured(
            f"WHATMATTERS_CHANGE_DATE must be a date like 2025-04-01, not {text!r}"
        ) from None


DEBUG = False
ALLOWED_HOSTS: list[str] = ["localhost", "127.0.0.1", "[::1]"]

CASEWORK_APPS = [
    "whatmatters.casework.access",
    "whatmatters.casework.audit",
    "whatmatters.casework.journal_rows",
    "whatmatters.casework.people",
    "whatmatters.casework.stories",
    "whatmatters.casework.outcomes",
    "whatmatters.casework.plans",
    "whatmatters.casework.contacts",
    "whatmatters.casework.handoffs",
    "whatmatters.casework.work",
    "whatmatters.casework.measures",
    "whatmatters.casework.administration",
    "whatmatters.casework.person_view",
    "whatmatters.casework.exports",
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "rules",
    "simple_history",
    "whatmatters.site",
    *CASEWORK_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # CSP and no-store on every page (static files are answered above).
    "whatmatters.site.headers.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Default deny: every page needs a signed-in user unless marked public.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # After messages: says why a session ended.
    "whatmatters.site.idle.IdleTimeoutMiddleware",
]

ROOT_URLCONF = "whatmatters.site.urls"
WSGI_APPLICATION = "whatmatters.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "whatmatters.casework.access.context.access",
            ],
        },
    },
]


def _database(url: str) -> dict:
    database = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if database["ENGINE"].endswith("sqlite3"):
        database["CONN_MAX_AGE"] = 0
        database["OPTIONS"] = {
            # Writers queue rather than fail with "database is locked".
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    return database


# "default" serves requests; "owner" runs migrations. With two URLs they are
# two roles and the application's owns nothing (docs/casework.md, "Audit").
_APPLICATION_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{data_dir() / 'casework.sqlite3'}"
DATABASES = {
    "default": _database(_APPLICATION_URL),
    "owner": _database(os.environ.get("WHATMATTERS_OWNER_DATABASE_URL") or _APPLICATION_URL),
}
if {d["ENGINE"] for d in DATABASES.values()} != {DATABASES["default"]["ENGINE"]} or any(
    DATABASES["owner"].get(k) != DATABASES["default"].get(k) for k in ("NAME", "HOST", "PORT")
):
    raise ImproperlyConfigured(
        "WHATMATTERS_OWNER_DATABASE_URL must name the same database as DATABASE_URL "
        "(as another role): set both, or neither"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# A session lasts a working day at most, and ends sooner after
# WHATMATTERS_IDLE_MINUTES without a request (whatmatters/site/idle.py).
SESSION_COOKIE_AGE = 8 * 60 * 60
WHATMATTERS_IDLE_MINUTES = int(os.environ.get("WHATMATTERS_IDLE_MINUTES", "30"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "whatmatters.site.errors.form_expired"  # in the service's look and language

# Login throttling (django-axes): five failures for a username, from any
# address, lock that username for 15 minutes. An address that sprays
# passwords over many usernames is refused too: casework/access/throttle.py.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# axes warns that it does not lock by address: throttle.py does, across usernames.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [SITE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/assets/"
# Set in production (collected files); elsewhere files are served from their folders.
STATIC_ROOT = None
STATICFILES_DIRS = [SITE_DIR / "static", *staticfiles_dirs()]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Oversized input is refused with a 400, never a server error.
DATA_UPLOAD_MAX_MEMORY_SIZE = 512 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 400
FILE_UPLOAD_MAX_MEMORY_SIZE = 512 * 1024

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# The council these records belong to (CLD LA code on every journal row);
# by default the synthetic council's fictional code, as the demo's history has.
WHATMATTERS_COUNCIL = os.environ.get("WHATMATTERS_COUNCIL", "900")
# When the council changed to the what-matters way (YYYY-MM-DD): the measures
# page compares before with after it (unset: the first half with the second).
WHATMATTERS_CHANGE_DATE = _change_date(os.environ.get("WHATMATTERS_CHANGE_DATE"))
# How long break-glass access to one person's record lasts.
WHATMATTERS_BREAK_GLASS_MINUTES = int(os.environ.get("WHATMATTERS_BREAK_GLASS_MINUTES", "30"))

# After a casework change the measures page shows the last figures at once and
# recomputes in the background (casework/measures/freshness.py).
WHATMATTERS_MEASURES_IN_BACKGROUND = os.environ.get("WHATMATTERS_MEASURES_IN_BACKGROUND") != "0"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
