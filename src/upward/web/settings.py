"""Django settings for Upward, built from :mod:`upward.web.config`.

Every environment variable is read and checked there, once, at start-up; this
module only turns the result into Django's settings. Development (the default)
keeps everything under ``var/`` in the working directory: the SQLite database, a
secret key generated on first run, media and collected static files.
``UPWARD_ENV=production`` switches to hardened settings that pass ``manage.py
check --deploy`` and refuses to start without ``SECRET_KEY``, ``ALLOWED_HOSTS``
and ``UPWARD_SITE_URL``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

from upward.web.config import load_config
from upward.web.sso import oidc_providers_from_env

CONFIG = load_config(os.environ)

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = CONFIG.var_dir

UPWARD_ENV = CONFIG.environment
PRODUCTION = CONFIG.production
# Off unless a developer asks for it: Django's debug pages show settings and every URL.
DEBUG = CONFIG.debug


def _development_secret_key() -> str:
    """Generate a key once into var/ so sessions survive restarts in development."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = CONFIG.secret_key if PRODUCTION else CONFIG.secret_key or _development_secret_key()
ALLOWED_HOSTS = CONFIG.allowed_hosts
CSRF_TRUSTED_ORIGINS = CONFIG.csrf_trusted_origins

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "csp",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "upward.web.core",
    "upward.web.accounts",
    "upward.web.insights",
    "upward.web.community",
    "upward.web.mentoring",
    "upward.web.outreach",
    "upward.web.events",
    "upward.web.awards",
    "upward.web.impact",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "axes.middleware.AxesMiddleware",
    "upward.web.core.middleware.NulCharacterMiddleware",
    "upward.web.core.middleware.ApplicationErrorMiddleware",
]

ROOT_URLCONF = "upward.web.urls"
WSGI_APPLICATION = "upward.web.wsgi.application"

# Every form renders its fields with components/field.html and words its errors the
# project's way (upward/web/core/forms.py).
FORM_RENDERER = "upward.web.core.forms.FormRenderer"

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
                "upward.web.core.context_processors.site",
            ],
        },
    }
]

# --- database -------------------------------------------------------------
DATABASE_URL = CONFIG.database_url
# The few queries behind every page view are prepared on PostgreSQL (their plans
# are reused: upward/web/core/prepared.py); 0 turns that off, e.g. behind a pooler
# that cannot keep prepared statements.
UPWARD_DB_PREPARE = CONFIG.db_prepare
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"].endswith("postgresql") and UPWARD_DB_PREPARE:
        # Django's own queries use client-side binding and are never prepared; this
        # only lets the explicitly prepared ones be (None would forbid every one).
        DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 2**31 - 1
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "upward.sqlite3",
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers continue while a writer commits; IMMEDIATE transactions
    # avoid "database is locked" upgrades from read to write locks.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- cache ------------------------------------------------------------------
# A shared Redis cache when REDIS_URL (or CACHE_URL) is set; local memory otherwise.
CACHE_URL = CONFIG.cache_url
if CACHE_URL:
    CACHES = {
        "default": {
            # django-redis keeps one client per connection pool (Django's own backend builds
            # a new client, and redis-py its callback table, on every operation).
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "upward",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# With a shared cache, sessions are read through it (the database stays the record).
if CACHE_URL:
    SESSION_ENGINE = "upward.web.core.sessions"
# Community pages cache rendered HTML (upward/web/community/caching.py). In production
# only with a shared cache: a per-process one could not be told about a withdrawal.
UPWARD_COMMUNITY_CACHE = CONFIG.community_cache

# --- accounts ---------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked (address, client) pair before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "upward.web.accounts.backends.ModelBackend",
    "upward.web.accounts.backends.SingleSignOnBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

UPWARD_ORGANISATION_NAME = CONFIG.organisation_name
# Every absolute link in an email starts with this (upward.web.core.links).
UPWARD_SITE_URL = CONFIG.site_url
# Anyone with a verified address at one of these domains may sign up.
UPWARD_ALLOWED_EMAIL_DOMAINS = CONFIG.allowed_email_domains
UPWARD_INVITATION_DAYS = CONFIG.invitation_days
UPWARD_LOGIN_MAX_FAILURES = CONFIG.login_max_failures
UPWARD_LOGIN_LOCKOUT_MINUTES = CONFIG.login_lockout_minutes
# How many reverse proxies in front of Upward append to X-Forwarded-For (0: none,
# REMOTE_ADDR is the client). Used for throttling and the audit log.
UPWARD_TRUSTED_PROXY_COUNT = CONFIG.trusted_proxy_count

# Sign-in throttling (django-axes): see upward/web/accounts/throttling.py for why
# failures count per (address, client) pair and never per client or address alone.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = "upward.web.accounts.throttling.failure_limit"
AXES_COOLOFF_TIME = "upward.web.accounts.throttling.lockout_window"
AXES_USERNAME_FORM_FIELD = "email"
AXES_USERNAME_CALLABLE = "upward.web.accounts.throttling.attempted_email"
AXES_CLIENT_IP_CALLABLE = "upward.web.core.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "upward.web.accounts.throttling.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Tries during a lockout do not restart it: the wait ends when the page says it does.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True  # no record of every successful sign-in
AXES_VERBOSE = False

# --- community and insights -------------------------------------------------------
UPWARD_COMMUNITY_FLAGS_TO_HIDE = CONFIG.community_flags_to_hide
UPWARD_COMMUNITY_NEW_MEMBER_DAYS = CONFIG.community_new_member_days
UPWARD_COMMUNITY_NEW_MEMBER_POSTS_PER_HOUR = CONFIG.community_new_member_posts_per_hour
UPWARD_INSIGHTS_K = CONFIG.insights_k
UPWARD_INSIGHTS_MAX_UPLOAD_MB = CONFIG.insights_max_upload_mb
# Outreach: a school is a priority school above this FSM % (None: the national average)
UPWARD_PRIORITY_FSM_PERCENT = CONFIG.priority_fsm_percent
UPWARD_INSIGHTS_BENCHMARKS = CONFIG.insights_benchmarks
UPWARD_INSIGHTS_SURVEY_RELEASES_PER_YEAR = CONFIG.insights_survey_releases_per_year

# django-allauth is used only for single sign-on (OIDC), when configured.
SOCIALACCOUNT_PROVIDERS = oidc_providers_from_env(CONFIG.oidc)
UPWARD_SSO_ENABLED = bool(SOCIALACCOUNT_PROVIDERS)
ACCOUNT_ADAPTER = "upward.web.accounts.sso.ClosedAccountAdapter"
SOCIALACCOUNT_ADAPTER = "upward.web.accounts.sso.DomainSocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_ONLY = True
SOCIALACCOUNT_LOGIN_ON_GET = False

# --- background work --------------------------------------------------------
# Email and slow side effects are queued in the database and run by `upward worker`,
# which also runs the periodic jobs (upward/web/core/jobs.py, docs/operating.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- email -----------------------------------------------------------------
EMAIL_BACKEND = CONFIG.email_backend
EMAIL_HOST = CONFIG.email_host
EMAIL_PORT = CONFIG.email_port
EMAIL_HOST_USER = CONFIG.email_host_user
EMAIL_HOST_PASSWORD = CONFIG.email_host_password
EMAIL_USE_TLS = CONFIG.email_use_tls
EMAIL_USE_SSL = CONFIG.email_use_ssl
DEFAULT_FROM_EMAIL = CONFIG.default_from_email
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- internationalisation ---------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = CONFIG.time_zone
USE_I18N = True
USE_TZ = True

# --- static files -------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = CONFIG.static_root
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = CONFIG.media_root
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# --- security ------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = CONFIG.secure_ssl_redirect
    SECURE_HSTS_SECONDS = CONFIG.secure_hsts_seconds
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if CONFIG.behind_proxy:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    if SECURE_SSL_REDIRECT is False:
        # check --deploy warns (security.W008) when redirects are off; an
        # operator who terminates TLS elsewhere says so explicitly.
        SILENCED_SYSTEM_CHECKS = ["security.W008"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": CONFIG.log_level},
}
CSRF_FAILURE_VIEW = "upward.web.core.views.csrf_failure"
