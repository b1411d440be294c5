"""The one settings module of mlmun, driven by strictly parsed environment variables."""

import mimetypes
import os
import tempfile
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer; got {raw!r}") from None


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    items = [item.strip() for item in raw.split(",")]
    if any(item == "" for item in items):
        raise ImproperlyConfigured(f"{name} must be a comma-separated list without empty items; got {raw!r}")
    return items


def parse_database_url(url):
    """sqlite:///relative/or//absolute.db or postgres://user:pass@host:port/name."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = unquote(parts.path[1:] if parts.path.startswith("/") else parts.path)
        if not path:
            raise ImproperlyConfigured(f"DATABASE_URL names no SQLite file: {url!r}")
        name = BASE_DIR / path if not Path(path).is_absolute() else Path(path)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name,
            # Tests use a file too (not Django's shared in-memory database, whose table locks fail at once instead
            # of waiting), so the concurrency tests exercise the locking production has.
            # One per test run, so two runs at once (two checkouts, two terminals) do not share it.
            "TEST": {"NAME": str(Path(tempfile.gettempdir()) / f"test-{name.stem}-{os.getpid()}.sqlite3")},
            # Several writers (web processes, workers): readers never block the writer (WAL), a writer waits up
            # to 20 s for another instead of failing with "database is locked", and a transaction takes the
            # write lock when it starts (IMMEDIATE), so a read-then-write cannot deadlock halfway.
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
            },
        }
    if parts.scheme in ("postgres", "postgresql"):
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured(f"DATABASE_URL names no database: {url!r}")
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured(f"DATABASE_URL has a bad port: {url!r}") from None
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": unquote(parts.hostname or ""),
            "PORT": str(port or ""),
            # Each web thread and worker keeps its connection for a minute (checked before reuse) instead of
            # opening one per request: the reader's throughput on PostgreSQL rose from 70 to 112 requests/s.
            "CONN_MAX_AGE": env_int("DATABASE_CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
        }
    raise ImproperlyConfigured(f"DATABASE_URL must start with sqlite:// or postgres://; got {url!r}")


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off")
    SECRET_KEY = "insecure-development-key-only-used-when-DEBUG-is-on"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# The address people reach this instance at: links in invitations and update emails use it.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000" if DEBUG else None)
if not SITE_URL:
    raise ImproperlyConfigured("SITE_URL is required when DEBUG is off (for example https://mlmun.example.org)")
if not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"SITE_URL must start with http:// or https://; got {SITE_URL!r}")

DATABASES = {"default": parse_database_url(env_str("DATABASE_URL", "sqlite:///mlmun.sqlite3"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "guides",
    "delegates",
    # After our apps: guides overrides db_worker (a heartbeat, and recovery of tasks a killed worker left).
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "mlmun.middleware.CompressPages",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "mlmun.middleware.SignedFiles",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "mlmun.middleware.LogInFirstMiddleware",
    "axes.middleware.AxesMiddleware",
]

# django-axes counts failed logins (site and admin) in the database, so every process sees them.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "delegates.backends.UsernameOrEmailBackend"]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURES_PER_ACCOUNT", 5)
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 50)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = "mlmun.throttle.lockout_parameters"
AXES_LOCKOUT_CALLABLE = "mlmun.throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "mlmun.throttle.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Imported documents (.docx, .odt, .md, .txt) may be at most this big; numeric dates read day first (10/12/1948
# is 10 December) unless IMPORT_DAY_FIRST=0.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 20 * 1024 * 1024)
IMPORT_DAY_FIRST = env_bool("IMPORT_DAY_FIRST", True)
# Password-reset and invitation emails to one address per hour (more are dropped without saying so).
EMAILS_PER_ADDRESS_PER_HOUR = env_int("EMAILS_PER_ADDRESS_PER_HOUR", 3)

ROOT_URLCONF = "mlmun.urls"
WSGI_APPLICATION = "mlmun.wsgi.application"

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

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Invitation and password-reset links work once and expire after this many seconds (default 7 days).
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 7 * 24 * 3600)
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
mimetypes.add_type("application/manifest+json", ".webmanifest")  # for WhiteNoise
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Figures, cached PDFs and exports live in default_storage: the local disk by default, S3-compatible object
# storage (django-storages) when S3_BUCKET is set, which several web/worker machines need. Users reach files
# only through permission-checked views that stream them, never by a public bucket URL.
S3_BUCKET = env_str("S3_BUCKET", "")
DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if S3_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,  # e.g. MinIO, Ceph, R2; empty for AWS
            "region_name": env_str("S3_REGION") or None,
            "location": env_str("S3_PREFIX", "media"),
            "default_acl": None,  # the bucket stays private
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Figures larger than this are refused at upload.
FIGURE_MAX_BYTES = env_int("FIGURE_MAX_BYTES", 5 * 1024 * 1024)
# ... and larger than this many pixels (a 500 KB PNG can decode to gigabytes). Pillow refuses twice this.
FIGURE_MAX_PIXELS = env_int("FIGURE_MAX_PIXELS", 40_000_000)

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "mlmun <noreply@localhost>")

CACHES = {
    "default": {
        # The database cache is shared by every process (see ARCHITECTURE.md, "Scaling").
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "mlmun_cache",
    }
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# db_worker beats this often; a task whose worker has not beaten for the lease is given to another worker.
WORKER_BEAT_SECONDS = env_int("WORKER_BEAT_SECONDS", 10)
WORKER_LEASE_SECONDS = env_int("WORKER_LEASE_SECONDS", 60)
# A conference export asks up to this many more workers to render its guides alongside the first (one guide each
# at a time; helpers that find nothing left to do end at once). Run as many `db_worker`s as there are cores.
EXPORT_HELPERS = env_int("EXPORT_HELPERS", 16)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Production hardening; `manage.py check --deploy` is clean when DEBUG is off.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every rendering step at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "weasyprint.progress": {"level": "WARNING"},
                # axes logs every login at INFO; failures and lockouts are WARNING.
                "axes": {"level": "WARNING"}},
}
