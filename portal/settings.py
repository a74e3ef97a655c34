"""Settings for Hankeportaali, read from environment variables.

The defaults run the portal with no services at all: SQLite in the project folder, Celery
tasks executed eagerly in the web process, e-mail printed to the console. Production sets
DATABASE_URL, CELERY_BROKER_URL, the EMAIL_* variables, SECRET_KEY and ALLOWED_HOSTS
(README.md lists every variable).
"""

import os
import subprocess
from importlib import metadata
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy as _

from portal.environment import env_bool, env_float, env_int, env_list
from portal.settings_data import *  # noqa: F403 - the API and the spreadsheets

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "insecure-development-key-only-for-debug"  # noqa: S105
elif not SECRET_KEY:
    # Commands such as migrate or makemigrations sign nothing and run with a throwaway key;
    # the web and worker processes refuse to start without SECRET_KEY (portal/startup.py).
    SECRET_KEY = get_random_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [  # noqa: RUF005 - the API's and the spreadsheets' apps come last
    "modeltranslation",  # before admin, so the translated fields show in admin
    "portal.apps.PortalAdminConfig",  # Django's admin, a second factor at login (admin_site.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",  # its templates, for /sitemap.xml (portal/sitemaps.py)
    "csp",
    "portal.apps.ChangeHistoryConfig",  # auditlog, its section named in fi and sv
    "portal.apps.LoginAttemptsConfig",  # axes, likewise
    "django_otp",
    "portal.apps.AuthenticatorAppsConfig",  # django_otp.plugins.otp_totp, likewise
    "portal",
    "projects",
    "forums",
] + DATA_APPS  # noqa: F405

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # ETags and 304s for every page, kept or rendered; inside the middleware above, so that
    # a 304 carries their headers too.
    "django.middleware.http.ConditionalGetMiddleware",
    # After the middleware above, so that it still adds its headers to cached pages.
    "portal.cache.AnonymousPageCacheMiddleware",
    # Last, as django-axes asks: the answer to a login from a locked-out person.
    "axes.middleware.AxesMiddleware",
]

# Staff logins (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from
# one address, that pair is locked out for AXES_COOLOFF_TIME hours (an administrator can
# lift it in admin → Axes → Access attempts, or with `manage.py axes_reset`).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("ADMIN_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("ADMIN_LOGIN_LOCKOUT_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "portal.network.client_address"
# Staff give a one-time code from an authenticator app besides their password (django-otp,
# portal.admin_site): on unless DEBUG.
ADMIN_OTP_REQUIRED = env_bool("ADMIN_OTP_REQUIRED", not DEBUG)
OTP_TOTP_ISSUER = "Hankeportaali"

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Beside DATABASE_URL's own options (sslmode=…): a database that drops packets fails a
    # request with the "try again" page after this long, not when gunicorn kills the worker.
    connect_timeout = env_int("DATABASE_CONNECT_TIMEOUT", 5)
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", connect_timeout)
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A transaction takes SQLite's write lock when it begins: two registrations then decide
    # about the last seat one after the other, as the meeting's row lock makes them do on
    # PostgreSQL (SQLite has no row locks). A write waits up to 20 s for the lock.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _release() -> str:
    """The release's name: RELEASE, else the git commit of the checkout, else the package's
    version. It starts every cache key, so a new release never serves what an old one kept."""
    if release := os.environ.get("RELEASE", ""):
        return release
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],  # noqa: S607 - git from the PATH
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    if commit:
        return commit
    try:
        return metadata.version("hankeportaali")
    except metadata.PackageNotFoundError:
        return "unreleased"


RELEASE = _release()

# CACHE_URL=redis://127.0.0.1:6379/1 shares the cache between processes: the page cache, the
# content version that drops it on every change, and the rate limits. The default is a cache
# per process.
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": {
        "BACKEND": (
            "django.core.cache.backends.redis.RedisCache"
            if CACHE_URL
            else "django.core.cache.backends.locmem.LocMemCache"
        ),
        "LOCATION": CACHE_URL,
        "KEY_PREFIX": RELEASE,
        # A Redis that hangs ends a call after this long, as one that is down does at once;
        # the portal then works without it (portal/cache.py).
        "OPTIONS": (
            {
                "socket_connect_timeout": env_float("CACHE_TIMEOUT_SECONDS", 0.5),
                "socket_timeout": env_float("CACHE_TIMEOUT_SECONDS", 0.5),
            }
            if CACHE_URL
            else {}
        ),
    }
}
# Anonymous public pages are kept at most this long (0: off). On by default only with a shared
# cache: with a cache per process, a change seen by one web process would not drop the pages
# another process keeps.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60 if CACHE_URL else 0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Finnish is the default and the fallback for every translated field.
LANGUAGE_CODE = "fi"
LANGUAGES = [
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["portal.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Helsinki"

MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_LANGUAGES = ("fi", "sv", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fi", "en", "sv")}

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "portal" / "static"]
# Files browsers ask for at the site's root (favicon.ico), served there by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "portal" / "root"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "portal.staticfiles.JqueryUiScriptFinder",
]
# modeltranslation's admin tabs load jQuery UI from here rather than from a Google CDN.
JQUERY_UI_URL = "jquery-ui/jquery-ui.min.js"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATICFILES_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Celery: with no broker configured, tasks run in the calling process.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Redis and SQS hand an unacknowledged task to another worker after this many seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
    # A Redis broker that hangs ends a call after this long (a worker waits 1 s for tasks).
    "socket_connect_timeout": 2,
    "socket_timeout": 3,
}
# A broker that does not answer costs a web request a few seconds at most, not minutes: its
# messages stay in the outbox for the sweep (forums/outbox.py). One retry reconnects after
# the broker restarted.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BEAT_SCHEDULE = {
    "release-seat-holds": {"task": "forums.tasks.release_seat_holds", "schedule": 60.0},
    "requeue-stuck-emails": {
        "task": "forums.tasks.requeue_stuck_emails",
        "schedule": float(env_int("EMAIL_SWEEP_INTERVAL_SECONDS", 300)),
    },
    "send-reminders": {
        "task": "forums.tasks.send_reminders",
        "schedule": 900.0,
    },
    "anonymise-registrations": {
        "task": "forums.tasks.anonymise_registrations",
        "schedule": 3600.0,
    },
}

# E-mail: SMTP when EMAIL_HOST is set, otherwise a folder (EMAIL_FILE_PATH) or the console.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
elif EMAIL_FILE_PATH:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Outbox: a temporary SMTP error is retried after this many seconds, then twice that, …
EMAIL_RETRY_BASE_SECONDS = env_int("EMAIL_RETRY_BASE_SECONDS", 30)
# A message left `sending` this long (its worker died) is sent again by the beat sweep.
EMAIL_STUCK_AFTER_SECONDS = env_int("EMAIL_STUCK_AFTER_SECONDS", 15 * 60)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Hankeportaali <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security: the HTTPS-only settings follow DEBUG so development works over plain HTTP.
# BEHIND_PROXY=1 says a reverse proxy in front of the portal sets X-Forwarded-Proto and puts
# the client's own address in X-Forwarded-For (replacing, not appending to, what the client
# sent). Without it those headers are the client's own words and are not believed.
BEHIND_PROXY = env_bool("BEHIND_PROXY")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
# The audit trail records the editor's address only from such a proxy.
AUDITLOG_DISABLE_REMOTE_ADDR = not BEHIND_PROXY
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # a load balancer asks over HTTP, inside the network
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# Asking browsers to preload HTTPS for the domain and all its subdomains is the domain owner's
# decision and takes months to undo, so it is off unless SECURE_HSTS_PRELOAD=1; while it is off,
# `check --deploy` is told that this is deliberate rather than warning about it.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts and styles only from our own files, never inline
# (no <script> or <style> bodies, no on…= or style= attributes, no javascript: addresses), on
# every page including admin, which needs no exception: Django 5.2's admin templates and
# modeltranslation's have none of these (tests/test_security_headers.py reads every admin page
# and runs the admin's scripts in Chromium under this policy). Django's debug pages for 404
# and 500 (DEBUG=1 only) go without it: django-csp leaves them alone, as they are built of
# inline scripts and styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    }
}

# Registration form rate limits (django-ratelimit, counted in the default cache: set CACHE_URL
# when several processes serve the portal). "30/h" is thirty an hour; the address is REMOTE_ADDR
# unless RATELIMIT_IP_META_KEY names the header a trusted proxy sets.
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", True)
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY") or None
REGISTRATION_RATE_PER_ADDRESS = os.environ.get("REGISTRATION_RATE_PER_ADDRESS", "30/h")
REGISTRATION_RATE_PER_EMAIL = os.environ.get("REGISTRATION_RATE_PER_EMAIL", "5/h")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_personal_links": {"()": "portal.logging.RedactPersonalLinks"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # The paths Django logs carry the tokens of personal links: portal/logging.py hides them.
    "loggers": {
        name: {"filters": ["redact_personal_links"]} for name in ("django.request", "django.server")
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

PROJECTS_PER_PAGE = 20
# Finnish search: "auto" (libvoikko if installed, else pyvoikko), one of them, or "stemmer".
SEARCH_FINNISH_ANALYSER = os.environ.get("SEARCH_FINNISH_ANALYSER", "auto")
# The portal's public address, for links in e-mails and calendar files.
PORTAL_URL = os.environ.get("PORTAL_URL", "http://127.0.0.1:8000").rstrip("/")
# The right-hand side of calendar UIDs: never change it once calendars have subscribed.
CALENDAR_UID_DOMAIN = os.environ.get("CALENDAR_UID_DOMAIN", "hankeportaali.fi")
# Personal registration links in invitations expire after this many days.
INVITATION_LINK_MAX_AGE_DAYS = env_int("INVITATION_LINK_MAX_AGE_DAYS", 60)
# Confirmed registrants get one reminder this many hours before the meeting.
REMINDER_BEFORE_HOURS = env_int("REMINDER_BEFORE_HOURS", 48)
# The version of the consent text and privacy notice people agree to: raise it when either changes.
REGISTRATION_CONSENT_VERSION = "2026-11"
# A seat is held this long for an address whose owner has not yet confirmed the registration
# through the link sent there; then it goes to whoever waits (the link still confirms a place
# on the waiting list, or a seat if one is free).
REGISTRATION_HOLD_MINUTES = env_int("REGISTRATION_HOLD_MINUTES", 30)
# An invitee CSV imported in admin may be at most this large and this long; it is read in the
# background, with its progress shown.
INVITEE_IMPORT_MAX_BYTES = env_int("INVITEE_IMPORT_MAX_BYTES", 2_000_000)
INVITEE_IMPORT_MAX_ROWS = env_int("INVITEE_IMPORT_MAX_ROWS", 10_000)
# Registrations lose their personal details this many days after their meeting ends; the
# counts per group and language stay.
REGISTRATION_RETENTION_DAYS = env_int("REGISTRATION_RETENTION_DAYS", 180)
# Links to a registration (status, cancel) stop working when the meeting ends, and at the
# latest this many days after the e-mail that carried them.
REGISTRATION_LINK_MAX_AGE_DAYS = env_int("REGISTRATION_LINK_MAX_AGE_DAYS", 366)
