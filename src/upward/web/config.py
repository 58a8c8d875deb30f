"""Every environment variable Upward reads, read once at start-up, typed and checked.

``load_config(os.environ)`` returns a frozen :class:`Config`; ``settings.py`` builds
Django's settings from it and nothing else reads the environment. A bad value stops
start-up with one error that lists every problem, each naming the variable, the value
and what would be accepted, e.g.::

    django.core.exceptions.ImproperlyConfigured: Upward's configuration has 2 problems:
      - UPWARD_INVITATION_DAYS='two weeks': use a whole number from 1 to 365.
      - UPWARD_SITE_URL='upward.example.org': use an absolute http(s) address, e.g. https://upward.example.org

docs/operating.md has the table of variables; a test checks that the table and
``Config.variables`` name the same ones and that each changes something.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

ENVIRONMENTS = ("development", "production", "test")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
TRUE, FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")
DEVELOPMENT_HOSTS = "127.0.0.1,localhost,testserver,[::1]"
DEVELOPMENT_SITE_URL = "http://127.0.0.1:8000"


@dataclass(frozen=True)
class Config:
    environment: str
    debug: bool
    var_dir: Path
    secret_key: str  # empty in development: settings.py then keeps one in var/
    allowed_hosts: list[str]
    csrf_trusted_origins: list[str]
    database_url: str
    db_prepare: bool
    cache_url: str
    site_url: str
    organisation_name: str
    allowed_email_domains: list[str]
    invitation_days: int
    login_max_failures: int
    login_lockout_minutes: int
    trusted_proxy_count: int
    behind_proxy: bool
    oidc: dict[str, str]
    community_cache: bool
    community_flags_to_hide: int
    community_new_member_days: int
    community_new_member_posts_per_hour: int
    insights_k: int
    insights_max_upload_mb: float
    insights_benchmarks: str | None
    insights_survey_releases_per_year: int
    priority_fsm_percent: float | None
    email_backend: str
    email_host: str
    email_port: int
    email_host_user: str
    email_host_password: str
    email_use_tls: bool
    email_use_ssl: bool
    default_from_email: str
    time_zone: str
    static_root: Path
    media_root: Path
    secure_ssl_redirect: bool
    secure_hsts_seconds: int
    log_level: str
    variables: frozenset[str] = field(default=frozenset(), compare=False)

    @property
    def production(self) -> bool:
        return self.environment == "production"


class _Reader:
    """Reads variables, remembering which were read and every problem found."""

    def __init__(self, environ: Mapping[str, str]):
        self.environ = environ
        self.names: set[str] = set()
        self.problems: list[str] = []

    def raw(self, name: str) -> str | None:
        self.names.add(name)
        value = self.environ.get(name)
        return None if value is None or not value.strip() else value.strip()

    def problem(self, name: str, value: str, expected: str) -> None:
        self.problems.append(f"{name}={value!r}: {expected}")

    def text(self, name: str, default: str = "") -> str:
        value = self.raw(name)
        return default if value is None else value

    def flag(self, name: str, default: bool) -> bool:
        value = self.raw(name)
        if value is None:
            return default
        if value.lower() in TRUE:
            return True
        if value.lower() not in FALSE:
            self.problem(name, value, "use 1 (on) or 0 (off).")
        return False

    def whole(self, name: str, default: int, low: int, high: int) -> int:
        value = self.raw(name)
        if value is None:
            return default
        try:
            number = int(value)
        except ValueError:
            number = low - 1
        if not low <= number <= high:
            self.problem(name, value, f"use a whole number from {low} to {high}.")
            return default
        return number

    def listing(self, name: str, default: str = "") -> list[str]:
        value = self.raw(name)
        return [item.strip() for item in (value or default).split(",") if item.strip()]

    def choice(self, name: str, default: str, choices: tuple[str, ...]) -> str:
        value = self.raw(name)
        if value is None:
            return default
        if value not in choices:
            self.problem(name, value, "use one of " + ", ".join(repr(c) for c in choices) + ".")
            return default
        return value

    def web_address(self, name: str, default: str = "", *, path: bool = True) -> str:
        value = self.raw(name)
        if value is None:
            return default
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or \
                (not path and parts.path not in ("", "/")):
            example = "https://upward.example.org"
            self.problem(name, value, f"use an absolute http(s) address, e.g. {example}"
                         + ("" if path else " (no path)") + ".")
            return default
        return value.rstrip("/")


def load_config(environ: Mapping[str, str], *, cwd: Path | None = None) -> Config:
    """Read and check every variable in ``environ``; raise ``ImproperlyConfigured``
    listing every problem at once."""
    read = _Reader(environ)
    environment = read.choice("UPWARD_ENV", "development", ENVIRONMENTS)
    production = environment == "production"
    var_dir = Path(read.text("UPWARD_VAR_DIR", str((cwd or Path.cwd()) / "var"))).resolve()

    secret_key = read.text("SECRET_KEY")
    allowed_hosts = read.listing("ALLOWED_HOSTS", "" if production else DEVELOPMENT_HOSTS)
    # Scheme and host only: paths come from reverse(), which already has any prefix.
    site_url = read.web_address("UPWARD_SITE_URL", path=False)
    if production:
        if len(secret_key) < 50:
            read.problems.append("SECRET_KEY must be set to a random string of at least 50 "
                                 "characters in production.")
        if not allowed_hosts:
            read.problems.append("ALLOWED_HOSTS must list this site's host names in production.")
        if not site_url:
            read.problems.append("UPWARD_SITE_URL must be set in production to the address "
                                 "people use, e.g. https://upward.example.org: every link in "
                                 "an email starts with it.")
    csrf_trusted_origins = read.listing("CSRF_TRUSTED_ORIGINS")
    for origin in csrf_trusted_origins:
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            read.problem("CSRF_TRUSTED_ORIGINS", origin,
                         "each origin needs its scheme, e.g. https://upward.example.org.")

    database_url = read.text("DATABASE_URL")
    if database_url:
        import dj_database_url

        try:
            dj_database_url.parse(database_url)
        except Exception:  # noqa: BLE001 — any parse failure is the operator's to fix
            read.problem("DATABASE_URL", database_url,
                         "use e.g. postgres://user:password@host:5432/upward or "
                         "sqlite:////absolute/path.sqlite3.")
    redis_url = read.text("REDIS_URL")
    cache_url = redis_url or read.text("CACHE_URL")
    if cache_url and urlsplit(cache_url).scheme not in ("redis", "rediss", "unix"):
        read.problem("REDIS_URL" if redis_url else "CACHE_URL", cache_url,
                     "use a Redis address, e.g. redis://127.0.0.1:6379/0.")

    domains = [d.lower() for d in read.listing("UPWARD_ALLOWED_EMAIL_DOMAINS")]
    for domain in domains:
        if "@" in domain or "." not in domain or " " in domain:
            read.problem("UPWARD_ALLOWED_EMAIL_DOMAINS", domain,
                         "list domains only, e.g. northbridge.example,nbg.example.")

    oidc = {name: read.text(name) for name in (
        "UPWARD_OIDC_SERVER_URL", "UPWARD_OIDC_CLIENT_ID", "UPWARD_OIDC_CLIENT_SECRET",
        "UPWARD_OIDC_NAME", "UPWARD_OIDC_PROVIDER_ID")}
    oidc = {name: value for name, value in oidc.items() if value}

    email_use_tls = read.flag("EMAIL_USE_TLS", False)
    email_use_ssl = read.flag("EMAIL_USE_SSL", False)
    if email_use_tls and email_use_ssl:
        read.problems.append("EMAIL_USE_TLS and EMAIL_USE_SSL: set one of them, not both "
                             "(TLS for port 587, SSL for port 465).")
    time_zone = read.text("TIME_ZONE", "Europe/London")
    if time_zone not in zoneinfo.available_timezones():
        read.problem("TIME_ZONE", time_zone, "use a time zone name, e.g. Europe/London.")
        time_zone = "Europe/London"
    insights_max_upload_mb = 100.0
    upload = read.raw("UPWARD_INSIGHTS_MAX_UPLOAD_MB")
    if upload is not None:
        try:
            insights_max_upload_mb = float(upload)
        except ValueError:
            insights_max_upload_mb = 0.0
        if not insights_max_upload_mb > 0:
            read.problem("UPWARD_INSIGHTS_MAX_UPLOAD_MB", upload,
                         "use a number of megabytes above 0, e.g. 100.")
            insights_max_upload_mb = 100.0
    priority_fsm_percent = None  # unset: England's national average (upward/data/schools.toml)
    fsm = read.raw("UPWARD_PRIORITY_FSM_PERCENT")
    if fsm is not None and fsm.strip():
        try:
            priority_fsm_percent = float(fsm)
        except ValueError:
            priority_fsm_percent = -1.0
        if not 0 <= priority_fsm_percent <= 100:
            read.problem("UPWARD_PRIORITY_FSM_PERCENT", fsm,
                         "use a percentage from 0 to 100, e.g. 25.7, or leave it unset for "
                         "the national average.")
            priority_fsm_percent = None
    benchmarks = read.text("UPWARD_INSIGHTS_BENCHMARKS") or None
    if benchmarks is not None and not Path(benchmarks).is_file():
        read.problem("UPWARD_INSIGHTS_BENCHMARKS", benchmarks,
                     "no such file; give the path of a benchmark TOML file.")

    from upward.reports.disclosure import DEFAULT_K, MIN_K

    config = Config(
        environment=environment,
        debug=read.flag("UPWARD_DEBUG", False) and not production,
        var_dir=var_dir,
        secret_key=secret_key,
        allowed_hosts=allowed_hosts,
        csrf_trusted_origins=csrf_trusted_origins,
        database_url=database_url,
        db_prepare=read.flag("UPWARD_DB_PREPARE", True),
        cache_url=cache_url,
        site_url=site_url or DEVELOPMENT_SITE_URL,
        organisation_name=read.text("UPWARD_ORGANISATION_NAME", "Upward"),
        allowed_email_domains=domains,
        invitation_days=read.whole("UPWARD_INVITATION_DAYS", 14, 1, 365),
        login_max_failures=read.whole("UPWARD_LOGIN_MAX_FAILURES", 5, 1, 1000),
        login_lockout_minutes=read.whole("UPWARD_LOGIN_LOCKOUT_MINUTES", 15, 1, 60 * 24 * 7),
        trusted_proxy_count=read.whole("UPWARD_TRUSTED_PROXY_COUNT", 0, 0, 10),
        behind_proxy=read.flag("UPWARD_BEHIND_PROXY", False),
        oidc=oidc,
        # Rendered pages are cached in production only with a shared cache: a
        # per-process one could not be told about a withdrawal.
        community_cache=read.flag("UPWARD_COMMUNITY_CACHE", bool(cache_url) or not production),
        community_flags_to_hide=read.whole("UPWARD_COMMUNITY_FLAGS_TO_HIDE", 3, 0, 1000),
        community_new_member_days=read.whole("UPWARD_COMMUNITY_NEW_MEMBER_DAYS", 7, 0, 365),
        community_new_member_posts_per_hour=read.whole(
            "UPWARD_COMMUNITY_NEW_MEMBER_POSTS_PER_HOUR", 10, 1, 10_000),
        insights_k=read.whole("UPWARD_INSIGHTS_K", DEFAULT_K, MIN_K, 10_000),
        insights_max_upload_mb=insights_max_upload_mb,
        insights_benchmarks=benchmarks,
        insights_survey_releases_per_year=read.whole(
            "UPWARD_INSIGHTS_SURVEY_RELEASES_PER_YEAR", 4, 1, 10_000),
        priority_fsm_percent=priority_fsm_percent,
        email_backend=read.text(
            "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend" if production
            else "django.core.mail.backends.console.EmailBackend"),
        email_host=read.text("EMAIL_HOST", "localhost"),
        email_port=read.whole("EMAIL_PORT", 25, 1, 65535),
        email_host_user=read.text("EMAIL_HOST_USER"),
        email_host_password=read.text("EMAIL_HOST_PASSWORD"),
        email_use_tls=email_use_tls,
        email_use_ssl=email_use_ssl,
        default_from_email=read.text("DEFAULT_FROM_EMAIL", "Upward <upward@localhost>"),
        time_zone=time_zone,
        static_root=Path(read.text("STATIC_ROOT", str(var_dir / "static"))),
        media_root=Path(read.text("MEDIA_ROOT", str(var_dir / "media"))),
        secure_ssl_redirect=read.flag("SECURE_SSL_REDIRECT", True),
        secure_hsts_seconds=read.whole("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365, 0,
                                       10 * 60 * 60 * 24 * 365),
        log_level=read.choice("LOG_LEVEL", "WARNING", LOG_LEVELS),
        variables=frozenset(read.names),
    )
    if read.problems:
        count = len(read.problems)
        raise ImproperlyConfigured(
            f"Upward's configuration has {count} problem{'s' if count > 1 else ''}:\n"
            + "\n".join(f"  - {problem}" for problem in read.problems))
    return config
