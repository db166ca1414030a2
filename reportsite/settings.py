"""The one settings module. Everything that differs between machines comes from the environment."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("REPORTSITE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def secret_key_from_var_dir() -> str:
    """A random key made on first start and kept in var/, so a fresh clone runs without setup."""
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY") or secret_key_from_var_dir()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "django_tasks",
    "reportsite.apps.TaskResultsConfig",  # django_tasks_db, named in Chinese
    "auditlog",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A NUL character in the address would reach PostgreSQL (which refuses it) as a 500.
    "reports.middleware.RefuseNullCharacters",
    # The public site only reads: other methods get a Chinese 405, not the English CSRF page.
    "reports.middleware.RefuseChangesOutsideAdmin",
    # A HEAD on a streamed export answers with its headers, without generating the rows.
    "reports.middleware.HeadersOnlyForHead",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Records the signed-in user as the actor of every audit log entry made in a request.
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "reportsite.urls"
# A form whose CSRF token fails (only the admin takes forms) is explained in Chinese.
CSRF_FAILURE_VIEW = "reports.views.csrf_failure"
WSGI_APPLICATION = "reportsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# With DATABASE_URL, use that server. Without it, manage.py and the test suite start the
# project's own cluster (reportsite/localdb.py); these settings point at its socket folder.
LOCAL_DATABASE_DIR = VAR_DIR / "postgres"
if os.environ.get("DATABASE_URL"):
    # Connections are closed after each request unless CONN_MAX_AGE says otherwise: the
    # development server runs each request in a new thread, so kept connections pile up
    # until the server refuses clients. Set it under a server with long-lived workers.
    DATABASES = {
        "default": dj_database_url.config(conn_max_age=env_int("CONN_MAX_AGE", 0), conn_health_checks=True)
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "reportsite",
            "HOST": str(LOCAL_DATABASE_DIR),
            "PORT": "",
            "USER": "postgres",
            "PASSWORD": "",
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
# Chinese names for third-party apps' admin entries (auditlog, django-tasks-db).
LOCALE_PATHS = [BASE_DIR / "reportsite" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
# collectstatic fills it for production; whitenoise expects it to exist even when empty.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # No manifest: pages work without a collectstatic step; whitenoise still compresses.
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
# Serve straight from the app and static folders, so `runserver` without DEBUG and the
# browser tests need no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Largest report file the importer accepts; real reports are 5–200 kB of text.
REPORT_MAX_BYTES = env_int("REPORT_MAX_BYTES", 20 * 1024 * 1024)
# Largest upload in one request (a zip of many reports, or many files), and the most bytes a zip
# may expand to; each file in it is still held to REPORT_MAX_BYTES.
REPORT_UPLOAD_MAX_BYTES = env_int("REPORT_UPLOAD_MAX_BYTES", 200 * 1024 * 1024)
# Staff upload a spring's reports at once; Django's default allows 100 files per request.
DATA_UPLOAD_MAX_NUMBER_FILES = 1000

# Background work: uploaded files are parsed by `manage.py db_worker` (django-tasks with its
# database backend: the queue is a table in the same PostgreSQL, so a task exists exactly when
# the transaction that queued it commits). bin/run starts the worker beside the web server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Audit log (django-auditlog): who changed what, when, before and after, for the rows staff
# edit. Report texts are left out of the diffs (a re-parse would copy whole reports into the log).
AUDITLOG_INCLUDE_TRACKING_MODELS = (
    {"model": "reports.Report", "exclude_fields": ["text", "text_sha256", "imported_at"]},
    {"model": "reports.Section", "exclude_fields": ["body"]},
    "reports.Agency",
    "reports.IndicatorCorrection",
    "reports.ReportCorrection",
    # The catalogue: one edit of a key's cues re-reads every report's figures; a group's name
    # heads every panel and page.
    {"model": "reports.IndicatorDefinition", "exclude_fields": ["shipped_fields"]},
    "reports.IndicatorGroup",
)
# Fixture loads (the seed reports) are not edits.
AUDITLOG_DISABLE_ON_RAW_SAVE = True

# jieba keeps its dictionary cache here instead of the system temp folder.
JIEBA_CACHE_DIR = VAR_DIR / "jieba"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"one_line": {"()": "reportsite.logs.WithoutTraceback"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "one_line": {"class": "logging.StreamHandler", "formatter": "one_line"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # A request for a host not served: one line, not a traceback.
    "loggers": {"django.security.DisallowedHost": {"handlers": ["one_line"], "propagate": False}},
}
