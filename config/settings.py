"""Settings for the Form 12b-25 application, read from the environment.

Development needs no variable at all: SQLite in the project folder, DEBUG on. Production sets
DEBUG=false, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL (see README, "Running in production").
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from import_export.formats.base_formats import CSV

from filings.uploads import MAX_UPLOAD_BYTES

BASE_DIR = Path(__file__).resolve().parent.parent

DEVELOPMENT_SECRET_KEY = "development-only-key-never-use-in-production"


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no variable; an unrecognised value is an error, not a silent default."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a yes/no value (use true or false)")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if not DEBUG and (SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "DEBUG is off, so SECRET_KEY must be set to a random value of at least 50 characters. "
        'Generate one with: python -c "import secrets; print(secrets.token_urlsafe(64))"'
    )

# A proxy in front terminates TLS and sets X-Forwarded-Proto and X-Forwarded-For.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Bootstrap's CSS and JS, served by the app from the django-bootstrap-static package.
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    # The audit trail: a historical row for every change of the tracked models.
    "simple_history",
    # Login throttling: failed attempts per user name and address, and lockouts.
    "axes",
    # Two-factor sign-in with time-based one-time passwords (RFC 6238).
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Background tasks (the backport of Django 6's tasks framework) kept in the database: the
    # e-mails are sent by `manage.py db_worker`, not by the request that causes them.
    "django_tasks",
    "django_tasks_db",
    "registrants",
    "filings",
    "accounts",
]

MIDDLEWARE = [
    # First, so that an oversized body is refused before anything reads it.
    "config.middleware.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "accounts.middleware.IdleSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.AdminNulCharacterMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Every page needs a login unless its view is marked login_not_required; a wizard page
    # posted after the session expired keeps what was typed through the login.
    "filings.middleware.LoginRequiredKeepingInputMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "accounts.middleware.NoStoreForSignedInMiddleware",
    "accounts.middleware.TwoFactorForAdminsMiddleware",
    # Who made a change, for the audit trail.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into the login page's message.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out user name and address before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading permissions and groups in one query.
    "accounts.backends.ModelBackendInOneQuery",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    # crispy-forms' field template written in Python; every other template is Django's.
    {"BACKEND": "config.crispy_fields.FieldTemplates"},
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
            "builtins": ["filings.templatetags.dates"],
        },
    },
]

# Django's, with the widgets most pages show written in Python (config/form_renderer.py).
FORM_RENDERER = "config.form_renderer.FormRenderer"

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Each gunicorn worker keeps its connection between requests instead of opening one per
        # request; the health check replaces a connection the server closed meanwhile.
        conn_max_age=env_int("DB_CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DB_PREPARED_STATEMENTS", True
):
    # Each worker's connection plans a query once and reuses the plan: psycopg prepares a
    # statement on its connection after its fifth run (psycopg 3, "Prepared statements"), which
    # needs the parameters sent apart from the query (Django's server_side_binding). Planning
    # was a tenth to a fifth of a page's time. Django leaves it off because a pooler in
    # transaction mode cannot always keep prepared statements (PgBouncer before 1.22, or
    # without max_prepared_statements): set DB_PREPARED_STATEMENTS=false behind one. A plan a
    # migration outdated: config/database.py.
    options = DATABASES["default"].setdefault("OPTIONS", {})  # the URL's, e.g. sslmode, kept
    options.update(server_side_binding=True, prepare_threshold=5)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite serves a team when writers queue instead of failing: WAL lets readers go on while
    # one writes, a transaction takes the write lock when it begins (IMMEDIATE), so it never
    # has to give up halfway, and a writer waits up to SQLITE_BUSY_SECONDS for the lock.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_BUSY_SECONDS", 20),
    }
    # The test database is a file too, not SQLite's in-memory default: Django's live server
    # (the browser tests) hands an in-memory database's one connection to every request thread,
    # and two requests at once (a chooser's suggestions while a step is posted) then corrupt
    # each other's transactions. With a file each thread has its own connection, as in
    # production.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sessions and the cache live where every app server behind a load balancer finds them: in the
# database by default, in Redis when REDIS_URL is set (needs the `redis` extra).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    # Django's cached_db sessions, refusing a key no session could have
    # (accounts/cached_sessions.py).
    SESSION_ENGINE = "accounts.cached_sessions"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
            # Past this many entries Django deletes a third of them, the CSV import's file
            # waiting for confirmation among them (registrants.admin). Each user's dashboard
            # and calendar keep a few entries of at most some tens of KB each, for at most
            # filings.selectors.UPCOMING_CACHE_SECONDS; the default, 300, is a few users' worth.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
    # Django's database sessions, each read with one query written once (accounts/sessions.py).
    SESSION_ENGINE = "accounts.sessions"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
# SEC deadlines are counted in Eastern time.
TIME_ZONE = "America/New_York"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded exhibits: a local folder by default (MEDIA_ROOT); any S3-compatible store when
# S3_BUCKET is set (django-storages, the `s3` extra), so that every app server reads the same
# files. The credentials come from the usual AWS_* variables or the machine's role.
S3_BUCKET = os.environ.get("S3_BUCKET", "")
if S3_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# In development WhiteNoise serves straight from the app folders, picking up edits.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# The largest request body accepted: one upload of MAX_UPLOAD_BYTES (10 MB) with the rest of its
# page and the multipart framing. Anything larger is refused from its Content-Length, unread.
MAX_REQUEST_BODY_BYTES = MAX_UPLOAD_BYTES + 2 * 1024 * 1024

MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# An import that fails validation on any row imports nothing.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# Exports use registrants.resources.FormulaSafeCSV, which neutralises spreadsheet formulas.
IMPORT_EXPORT_FORMATS = [CSV]

# The edition of Form 12b-25 printed in each page footer and its OMB expiry date, as shown on
# the SEC's current form; set them when the SEC issues a new edition.
FORM_EDITION = {
    "code": os.environ.get("FORM_EDITION_CODE", "SEC 1344"),
    "omb_expires": os.environ.get("FORM_OMB_EXPIRES", ""),
}

# A session ends after this many seconds without a request; a request starts the count again
# when it last started SESSION_REFRESH_SECONDS ago or more (accounts.middleware). A wizard page
# posted after the expiry keeps what was typed (filings/middleware.py).
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_REFRESH_SECONDS = 60
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if BEHIND_TLS_PROXY:
        # The proxy terminates TLS and says so in this header.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed logins for one user name from
# one address, that pair is locked out for LOGIN_LOCKOUT_MINUTES; an admin unlocks it earlier by
# deleting its "access attempt" in the Django admin.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_LOCKOUT_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "accounts.views.client_address"

# Two-factor sign-in: registrant admins must turn it on before they can work.
REQUIRE_TWO_FACTOR_FOR_ADMINS = env_bool("REQUIRE_TWO_FACTOR_FOR_ADMINS", not DEBUG)
OTP_TOTP_ISSUER = "Form 12b-25"
# Nobody, admins included, reads another user's authenticator secret in the Django admin (its
# configuration and QR code pages answer 403): an admin resets a lost authenticator by deleting
# the device, and the user sets up a new one.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Segregation of duties (filings.lifecycle): the person who last changed a notice's content
# cannot approve it. On unless turned off.
SEGREGATION_OF_DUTIES = env_bool("SEGREGATION_OF_DUTIES", True)

# The organisation's certificate that seals signed authentication documents (filings.seal): a
# PKCS#12 file and its passphrase. Without one, a self-signed demo seal is made on first use.
SEAL_PKCS12_PATH = os.environ.get("SEAL_PKCS12_PATH", "")
SEAL_PKCS12_PASSPHRASE = os.environ.get("SEAL_PKCS12_PASSPHRASE", "")
if SEAL_PKCS12_PATH and not Path(SEAL_PKCS12_PATH).is_file():
    raise ImproperlyConfigured(f"SEAL_PKCS12_PATH={SEAL_PKCS12_PATH!r} is not a file")

# Content-Security-Policy: the pages load scripts, styles, fonts and images from the app alone
# and run no inline script or style. Bootstrap's CSS draws check marks as data: images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Background tasks: queued in the database, run by `manage.py db_worker` (README, "Running in
# production"). The tests run them at once (tests/conftest.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# E-mail (filings/notifications.py): printed on the console (the worker's output) unless
# EMAIL_HOST names an SMTP server.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on: pick one")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Form 12b-25 <filings@localhost>")
# The address of the application as its users reach it, for the links in e-mails.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint reports each rendering step at INFO; only its warnings matter.
    "loggers": {
        "weasyprint.progress": {"level": "WARNING"},
        # django-axes reports every login at INFO; lockouts come as warnings.
        "axes": {"level": "WARNING"},
        # The tasks framework reports each task at INFO; the worker shows them by itself.
        "django_tasks": {"level": "WARNING"},
    },
}
