"""Django settings for the Spinewise web application, read from the environment.

Safe local defaults: ``make run`` works on http://127.0.0.1:8000 with SQLite in ``var/``,
no network and no configuration. Production (``SPINEWISE_ENV=production``) refuses to
start without a secret key and allowed hosts, and turns on every HTTPS protection that
``manage.py check --deploy`` asks for.

Environment variables:
  SPINEWISE_ENV            "local" (default) or "production"
  SPINEWISE_DEBUG          "1" shows Django's debug pages (never in production)
  SPINEWISE_SECRET_KEY     required in production; locally a key is generated once in var/
  SPINEWISE_ALLOWED_HOSTS  comma-separated host names
  SPINEWISE_VAR_DIR        where the SQLite database, secret key and static files live
  DATABASE_URL             e.g. postgres://user:pass@host:5432/spinewise (else SQLite)
  SPINEWISE_EMAIL_HOST     SMTP host for password-reset mail (else printed to the console);
                           with SPINEWISE_EMAIL_PORT, _USER, _PASSWORD, _USE_TLS ("1"),
                           SPINEWISE_DEFAULT_FROM_EMAIL
  SPINEWISE_PROXY_COUNT    how many reverse proxies add X-Forwarded-For (default 0)
  SPINEWISE_SITE_URL       the address people open, for links in reminder e-mails
                           (default http://127.0.0.1:8000)
  SPINEWISE_EMBEDDED_REMINDERS  "1" (default): `manage.py serve` sends reminders from a
                           background thread; "0" when Celery beat sends them
  SPINEWISE_JOBS           who runs derived work after a write: "queue" (default: the
                           worker of `manage.py serve` / `manage.py work`), "celery",
                           or "inline" (in the write's own transaction)
  SPINEWISE_CELERY_BROKER_URL   Celery broker (default redis://127.0.0.1:6379/0)
  SPINEWISE_CACHE_URL      redis://... to share kept answers between server processes
                           (default: each process keeps its own, in memory)
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("SPINEWISE_VAR_DIR", REPO_DIR / "var"))

ENV = os.environ.get("SPINEWISE_ENV", "local").strip().lower()
if ENV not in ("local", "production"):
    raise ImproperlyConfigured("SPINEWISE_ENV must be 'local' or 'production'")
PRODUCTION = ENV == "production"
DEBUG = os.environ.get("SPINEWISE_DEBUG") == "1" and not PRODUCTION


def _env_list(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def _local_secret_key() -> str:
    """A random key kept in var/ so sessions survive restarts of a local server."""
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # Written whole under a name of its own, then linked into place: a process starting at
    # the same moment finds either no key or the whole key, and the first link wins.
    draft = VAR_DIR / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(secrets.token_urlsafe(50))
    try:
        os.link(draft, path)
    except FileExistsError:
        pass  # another process was first: use its key
    finally:
        draft.unlink()
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = os.environ.get("SPINEWISE_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SPINEWISE_SECRET_KEY must be set in production")
    SECRET_KEY = _local_secret_key()

ALLOWED_HOSTS = _env_list(
    "SPINEWISE_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1]"
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("SPINEWISE_ALLOWED_HOSTS must be set in production")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "spinewise.web",
    "spinewise.today",
    "spinewise.accounts",
    "spinewise.patients",
    "spinewise.screening",
    "spinewise.exercises",
    "spinewise.programmes",
    "spinewise.training",
    "spinewise.checkins",
    "spinewise.progress",
    "spinewise.sharing",
    "spinewise.clinician",
    "spinewise.demo",
    "spinewise.api",
    "spinewise.selfcare",
    "spinewise.jobs",
    "ninja",  # only for its bundled swagger-ui assets: the API docs load nothing from a CDN
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "spinewise.web.middleware.content_security_policy",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "spinewise.accounts.time_zones.person_time_zone",
    "spinewise.sharing.audit.remember_request",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "spinewise.urls"
WSGI_APPLICATION = "spinewise.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "spinewise.web.context_processors.site",
            ],
        },
    },
]

# --- Safety: the local emergency number on the emergency and urgent pages (tap to call).
# 112 works across the EU and on most mobile phones; set 999 for the UK, 911 for the US.
EMERGENCY_NUMBER = os.environ.get("SPINEWISE_EMERGENCY_NUMBER", "112").strip() or "112"
if not EMERGENCY_NUMBER.replace("+", "", 1).isdigit():
    raise ImproperlyConfigured("SPINEWISE_EMERGENCY_NUMBER must be digits, e.g. 112, 999 or 911")

# --- Cache: kept Today and caseload answers (patients.kept), checked against revisions ---
if os.environ.get("SPINEWISE_CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["SPINEWISE_CACHE_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# --- Database: SQLite (WAL) by default, PostgreSQL when DATABASE_URL is set -------------
if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.config(conn_max_age=60, conn_health_checks=True),
    }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "spinewise.sqlite3",
            "OPTIONS": {
                # WAL lets readers work while a session is being logged; the busy timeout
                # ("timeout", seconds) and IMMEDIATE transactions make concurrent writers
                # wait their turn instead of failing.
                "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;",
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts --------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "today:home"
LOGOUT_REDIRECT_URL = "today:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login throttling: this many failures per username + address within the window lock it.
LOGIN_FAILURE_LIMIT = int(os.environ.get("SPINEWISE_LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURE_WINDOW_MINUTES = int(os.environ.get("SPINEWISE_LOGIN_FAILURE_WINDOW", "15"))
PROXY_COUNT = int(os.environ.get("SPINEWISE_PROXY_COUNT", "0"))

# --- E-mail (password reset) ---------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("SPINEWISE_DEFAULT_FROM_EMAIL", "spinewise@localhost")
if os.environ.get("SPINEWISE_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["SPINEWISE_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("SPINEWISE_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("SPINEWISE_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("SPINEWISE_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("SPINEWISE_EMAIL_USE_TLS", "1") == "1"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("SPINEWISE_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

# --- Static files: whitenoise, never a CDN ---------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "spinewise.web.storage.StaticFilesStorage"
            if PRODUCTION
            else "whitenoise.storage.CompressedStaticFilesStorage"
        )
    },
}
# Locally, serve straight from the source folders so edits show without collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_AUTOREFRESH = DEBUG

# --- Security ---------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("SPINEWISE_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("SPINEWISE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = _env_list("SPINEWISE_CSRF_TRUSTED_ORIGINS", "")

# --- Reminders: an embedded loop by default, Celery with Redis for scale -------------------
SITE_URL = os.environ.get("SPINEWISE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Who runs derived work after a write (spinewise.jobs.queue): "queue" (a worker thread of
# `manage.py serve` or the `manage.py work` process), "celery", or "inline" (in the write's
# own transaction: tests and scripts).
SPINEWISE_JOBS = os.environ.get("SPINEWISE_JOBS", "queue")
if SPINEWISE_JOBS not in ("queue", "celery", "inline"):
    raise ImproperlyConfigured("SPINEWISE_JOBS must be queue, celery or inline")
SPINEWISE_EMBEDDED_REMINDERS = os.environ.get("SPINEWISE_EMBEDDED_REMINDERS", "1") == "1"
CELERY_BROKER_URL = os.environ.get("SPINEWISE_CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "UTC"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "spinewise": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
