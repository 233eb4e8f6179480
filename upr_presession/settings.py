"""Settings for the UPR pre-session app, driven by environment variables.

Development works with no variables at all (debug on, SQLite in the project folder).
Production sets DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from dotenv import load_dotenv

from events.countries import UN_SHORT_NAMES

BASE_DIR = Path(__file__).resolve().parent.parent

# `make run` writes a .env for development (debug on, a random key); real environment
# variables always win over it.
load_dotenv(BASE_DIR / ".env", override=False)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    return int(os.environ.get(name, default))


DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off. "
            "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    # Only ever used with debug on, on a developer's machine.
    SECRET_KEY = "insecure-development-key-never-used-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The admin site requires a verified second factor (see security/admin_site.py).
    "security.apps.OTPAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "django_htmx",
    "import_export",
    "rules.apps.AutodiscoverRulesConfig",
    "accounts",
    "jobs",
    "notifications",
    "participants",
    "events",
    "factsheets",
    "recommendations",
    "reports",
    "cfp",
    # The anonymous public site of published events (UI only, on top of every other app).
    "public",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "security",
    # The demo data fills every app: last (see the layering in docs/security.md).
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After LocaleMiddleware and authentication: a signed-in user's own language wins.
    "accounts.middleware.UserLanguageMiddleware",
    # Just inside authentication: it sees every response the views and the security
    # middleware below give a signed-in user, and marks it private, no-store.
    "security.cache_control.PrivateCacheControlMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Security: order matters, see docs/security.md.
    "django_otp.middleware.OTPMiddleware",
    "security.middleware.SessionTimeoutMiddleware",
    "security.middleware.TwoFactorRequiredMiddleware",
    "accounts.middleware.NoAccessMiddleware",
    "security.middleware.SecurityLogMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, so that it sees every login attempt the views make.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "upr_presession.urls"

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
                "accounts.context_processors.navigation",
                "accounts.context_processors.language_menu",
            ],
        },
    },
]

WSGI_APPLICATION = "upr_presession.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite for a small team (several desks at once): every transaction takes the write
    # lock when it begins, so two transactions that read then write wait for each other
    # (up to `timeout` seconds) instead of failing with "database is locked"; WAL lets pages
    # read while a desk writes. PostgreSQL stays the answer for production (README).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "participants.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

# E-mail (invitations, password reset, the messages of notifications/) through Django's mail
# API: printed in the terminal with debug on and no SMTP server, sent by SMTP otherwise (see
# docs/production.md for the variables). The DJANGO_EMAIL_* names are read first; the
# unprefixed EMAIL_* names of earlier versions still work.


def env_email(name, default=""):
    return os.environ.get(f"DJANGO_{name}", os.environ.get(name, default))


DEFAULT_FROM_EMAIL = env_email("DEFAULT_FROM_EMAIL", "UPR Pre-sessions <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if DEBUG and not env_email("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env_email("EMAIL_HOST", "localhost")
    EMAIL_PORT = int(env_email("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env_email("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_email("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_email("EMAIL_USE_TLS", "1").strip().lower() in {"1", "true", "yes", "on"}
    EMAIL_TIMEOUT = int(env_email("EMAIL_TIMEOUT", "20"))
# The e-mail log (recipients' addresses, subjects) is deleted after this many days by
# `manage.py delete_old_email_logs` (run it from cron).
UPR_EMAIL_LOG_RETENTION_DAYS = env_int("UPR_EMAIL_LOG_RETENTION_DAYS", 180)
# How long an invitation link stays valid.
UPR_INVITATION_MAX_AGE = datetime.timedelta(days=env_int("UPR_INVITATION_DAYS", 7))
PASSWORD_RESET_TIMEOUT = env_int("DJANGO_PASSWORD_RESET_TIMEOUT", 3 * 24 * 60 * 60)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "reports:dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("km", _("Khmer")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as the app writes them in each language (DATE_FORMAT "6 April 2027" in English).
FORMAT_MODULE_PATH = ["upr_presession.formats"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]

# Uploads (factsheets) hold unpublished advocacy: they live outside any folder a web
# server publishes and are only ever served through a view that checks permissions.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("DJANGO_PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}
FILE_UPLOAD_PERMISSIONS = 0o640
UPLOAD_MAX_BYTES = env_int("UPR_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
# Form fields other than files (DATA_UPLOAD_MAX_MEMORY_SIZE counts only those).
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
# Files: the first handler stops reading the body once they pass UPLOAD_MAX_BYTES, before
# the rest is received or spooled to disk (security/uploads.py).
FILE_UPLOAD_HANDLERS = [
    "security.uploads.UploadSizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# One cache for every worker process (the report's PDF is rendered once, not once per
# gunicorn worker): Redis when REDIS_URL is set, otherwise a folder every process of this
# machine shares. Both hold pickles: only the app's system user may write to them.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "upr",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(Path(os.environ.get("DJANGO_CACHE_DIR", BASE_DIR / ".cache"))),
            # Sessions, jobs' progress and report PDFs share it: past MAX_ENTRIES Django
            # deletes a random third of the entries at the next write (300 by default).
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# States are named as the UN names them ("Viet Nam", "Türkiye"), and the European Union,
# whose delegations attend pre-sessions and receive factsheets, is on the list.
COUNTRIES_OVERRIDE = UN_SHORT_NAMES

IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

MESSAGE_TAGS = {40: "danger"}

# Security: sane with debug on, strict with debug off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sessions are read from the shared cache and kept in the database: every request of a
# signed-in user reads its session, and a cache read costs less than a query. Ending a
# session goes through the session store (accounts.services.end_user_sessions), which
# removes both copies.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_COOKIE_AGE", 8 * 60 * 60)
if env_bool("DJANGO_BEHIND_TLS_PROXY", default=not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
    },
}


# ---------------------------------------------------------------------------
# Security, privacy and recovery. See docs/security.md.
# ---------------------------------------------------------------------------

# Behind a reverse proxy, how many proxies append to X-Forwarded-For. 0 (the default) means
# the app is reached directly and only REMOTE_ADDR is trusted: a forged X-Forwarded-For
# header is then ignored. With 1, the address the proxy appended (the right-most) is used.
UPR_TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)

# Brute-force protection (django-axes) on every login form, the admin's included: a user
# name from one address is locked after AXES_FAILURE_LIMIT failures, for the cool-off.
# Whom an account without access should write to (shown on its no-access page).
UPR_SUPPORT_EMAIL = os.environ.get("UPR_SUPPORT_EMAIL", "")

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Object permissions declared by each app in its rules.py (accounts.rules). Asked
    # before the model backend, which reads the user's stored permissions (two queries)
    # the first time it is asked: every permission of the app is a rule.
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "security.client_ip.client_ip"
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
AXES_VERBOSE = False  # our own "upr.security" logger records lockouts, without names

# Two-factor authentication: required for organisers, report administrators and anyone
# with admin access; optional for CSO staff. Only turn it off for a local demo.
UPR_REQUIRE_2FA = env_bool("DJANGO_REQUIRE_2FA", default=True)
OTP_TOTP_ISSUER = os.environ.get("DJANGO_OTP_ISSUER", "UPR Pre-sessions")
UPR_RECOVERY_CODE_COUNT = 10

# Sessions: a sliding idle timeout and an absolute lifetime counted from the login.
UPR_SESSION_IDLE_TIMEOUT = env_int("DJANGO_SESSION_IDLE_TIMEOUT", 30 * 60)
UPR_SESSION_ABSOLUTE_LIFETIME = SESSION_COOKIE_AGE
SESSION_COOKIE_SAMESITE = "Lax"
# The language menu's choice (accounts/languages.py): a year, like a preference; no script
# reads it.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp 4). No inline scripts or styles anywhere: templates
# load static files only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

# Audit history (django-simple-history): who changed what and when.
SIMPLE_HISTORY_REVERT_DISABLED = False
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = False

# Backups: the archive holds the database and the private media.
UPR_BACKUP_PG_DUMP = os.environ.get("DJANGO_PG_DUMP", "pg_dump")
UPR_BACKUP_PG_RESTORE = os.environ.get("DJANGO_PG_RESTORE", "pg_restore")

# Privacy: participants of events that ended this many months ago are anonymised by
# `manage.py anonymise_old_events` (run it from cron).
UPR_RETENTION_MONTHS = env_int("UPR_RETENTION_MONTHS", 24)
# Unconfirmed import uploads (names, e-mails) are deleted after this many hours.
UPR_IMPORT_RETENTION_HOURS = env_int("UPR_IMPORT_RETENTION_HOURS", 24)
# The proposed speakers of a declined application to speak are erased this many days after
# the decision (`manage.py erase_declined_speakers`, also run by `anonymise_old_events`).
UPR_CFP_DECLINED_RETENTION_DAYS = env_int("UPR_CFP_DECLINED_RETENTION_DAYS", 90)

# Security events (logins, failures, lockouts, denied access) go to their own logger, with
# UTC timestamps and never a participant's name. DJANGO_SECURITY_LOG_FILE adds a file.
LOGGING["formatters"]["security"] = {
    "()": "security.logformat.UTCFormatter",
    "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
}
LOGGING["handlers"]["security_console"] = {
    "class": "logging.StreamHandler",
    "formatter": "security",
}
# Axes logs each attempt at INFO (with masked names); our own security log covers them.
LOGGING["loggers"]["axes"] = {"level": "WARNING"}
LOGGING["loggers"]["upr.security"] = {
    "handlers": ["security_console"],
    "level": "INFO",
    "propagate": False,
}
if os.environ.get("DJANGO_SECURITY_LOG_FILE"):
    LOGGING["handlers"]["security_file"] = {
        "class": "logging.handlers.WatchedFileHandler",
        "filename": os.environ["DJANGO_SECURITY_LOG_FILE"],
        "formatter": "security",
    }
    LOGGING["loggers"]["upr.security"]["handlers"].append("security_file")

# WeasyPrint reports every rendering step at INFO; only its warnings matter here.
LOGGING["loggers"]["weasyprint.progress"] = {"level": "WARNING"}

# Background jobs (badges, sign-in sheets, large imports): django-tasks with its database
# backend, no extra server. The worker is `manage.py jobs_worker` (`make run` starts it).
# Small jobs run inline in the request when no worker is running; results are kept in
# private media for UPR_JOB_RETENTION_HOURS, then deleted.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
UPR_JOB_INLINE_MAX = env_int("UPR_JOB_INLINE_MAX", 200)
UPR_JOB_RETENTION_HOURS = env_int("UPR_JOB_RETENTION_HOURS", 24)
# Imports of more rows than this are confirmed by the worker when one runs (always queued
# above it; below it, with no worker, they are written in the request as before).
UPR_IMPORT_INLINE_MAX_ROWS = env_int("UPR_IMPORT_INLINE_MAX_ROWS", 2000)
