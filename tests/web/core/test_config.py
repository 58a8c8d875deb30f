"""Configuration: one typed module reads every variable, and docs/operating.md's table
lists exactly those, each of which changes something."""

from __future__ import annotations

import re
import runpy
from pathlib import Path
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured

import upward.web.settings as settings_module
from upward.web.config import load_config

ROOT = Path(__file__).resolve().parents[3]
OPERATING = ROOT / "docs" / "operating.md"
SRC = ROOT / "src" / "upward"
NAME = re.compile(r"`([A-Z][A-Z0-9_]{2,})`")
PRODUCTION = {"UPWARD_ENV": "production", "SECRET_KEY": "s" * 60,
              "ALLOWED_HOSTS": "upward.example.org",
              "UPWARD_SITE_URL": "https://upward.example.org"}
OIDC = {"UPWARD_OIDC_SERVER_URL": "https://login.example.org",
        "UPWARD_OIDC_CLIENT_ID": "upward", "UPWARD_OIDC_CLIENT_SECRET": "s3cret"}


def _configuration_section() -> str:
    text = OPERATING.read_text()
    return text[text.index("## Configuration"):text.index("## Production")]


def _table_variables() -> set[str]:
    names = set()
    for line in _configuration_section().splitlines():
        if line.startswith("| `"):
            names |= set(NAME.findall(line.split("|")[1]))
    return names


def _variables_read_in_source() -> dict[str, set[str]]:
    """Environment variables read anywhere under src/upward, by file."""
    pattern = re.compile(r"""(?:environ\.get\(|environ\[|getenv\(|envvar=)\s*["']([A-Z_]+)["']""")
    found: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        for name in pattern.findall(path.read_text()):
            found.setdefault(name, set()).add(str(path.relative_to(SRC)))
    return found


def test_the_table_lists_exactly_the_variables_the_config_reads():
    read = load_config({}).variables
    documented = _table_variables()
    assert sorted(read - documented) == [], "read but not in docs/operating.md's table"
    assert sorted(documented - read) == [], "in docs/operating.md's table but never read"


def test_no_variable_is_read_anywhere_else_undocumented():
    section = _configuration_section()
    documented = set(NAME.findall(section))
    for name, files in _variables_read_in_source().items():
        if name == "DJANGO_SETTINGS_MODULE":
            continue
        assert name in documented, f"{name} is read in {sorted(files)} but not documented"
        # Only the config module and the command line read the environment.
        assert all(f in {"web/config.py"} or f.startswith("cli/") for f in files), \
            f"{name} is read outside upward/web/config.py: {sorted(files)}"


# A value for each variable that differs from its default, and what else must be set for
# it to matter (production-only settings, the other two halves of single sign-on).
SAMPLES: dict[str, tuple[str, dict[str, str]]] = {
    "UPWARD_ENV": ("test", {}),
    "UPWARD_DEBUG": ("1", {}),
    "UPWARD_VAR_DIR": ("{tmp}/elsewhere", {}),
    "SECRET_KEY": ("another-secret-" + "x" * 50, {}),
    "ALLOWED_HOSTS": ("upward.example.org", {}),
    "UPWARD_SITE_URL": ("https://upward.example.org", {}),
    "CSRF_TRUSTED_ORIGINS": ("https://upward.example.org", {}),
    "DATABASE_URL": ("postgres://upward@db.example.org:5432/upward", {}),
    "UPWARD_DB_PREPARE": ("0", {"DATABASE_URL": "postgres://upward@db.example.org/upward"}),
    "REDIS_URL": ("redis://127.0.0.1:6379/0", {}),
    "CACHE_URL": ("redis://127.0.0.1:6379/1", {}),
    "UPWARD_ORGANISATION_NAME": ("Northbridge Group", {}),
    "UPWARD_ALLOWED_EMAIL_DOMAINS": ("northbridge.example", {}),
    "UPWARD_INVITATION_DAYS": ("7", {}),
    "UPWARD_LOGIN_MAX_FAILURES": ("8", {}),
    "UPWARD_LOGIN_LOCKOUT_MINUTES": ("30", {}),
    "UPWARD_TRUSTED_PROXY_COUNT": ("1", {}),
    "UPWARD_BEHIND_PROXY": ("1", PRODUCTION),
    "UPWARD_OIDC_SERVER_URL": ("https://other-login.example.org", OIDC),
    "UPWARD_OIDC_CLIENT_ID": ("another-client", OIDC),
    "UPWARD_OIDC_CLIENT_SECRET": ("another-secret", OIDC),
    "UPWARD_OIDC_NAME": ("Northbridge login", OIDC),
    "UPWARD_OIDC_PROVIDER_ID": ("northbridge", OIDC),
    "UPWARD_COMMUNITY_CACHE": ("0", {}),
    "UPWARD_COMMUNITY_FLAGS_TO_HIDE": ("5", {}),
    "UPWARD_COMMUNITY_NEW_MEMBER_DAYS": ("14", {}),
    "UPWARD_COMMUNITY_NEW_MEMBER_POSTS_PER_HOUR": ("4", {}),
    "UPWARD_INSIGHTS_K": ("15", {}),
    "UPWARD_INSIGHTS_MAX_UPLOAD_MB": ("250", {}),
    "UPWARD_INSIGHTS_BENCHMARKS": ("{benchmarks}", {}),
    "UPWARD_INSIGHTS_SURVEY_RELEASES_PER_YEAR": ("2", {}),
    "UPWARD_PRIORITY_FSM_PERCENT": ("30", {}),
    "EMAIL_BACKEND": ("django.core.mail.backends.locmem.EmailBackend", {}),
    "EMAIL_HOST": ("smtp.example.org", {}),
    "EMAIL_PORT": ("587", {}),
    "EMAIL_HOST_USER": ("upward", {}),
    "EMAIL_HOST_PASSWORD": ("mail-secret", {}),
    "EMAIL_USE_TLS": ("1", {}),
    "EMAIL_USE_SSL": ("1", {}),
    "DEFAULT_FROM_EMAIL": ("Northbridge <upward@northbridge.example>", {}),
    "TIME_ZONE": ("Europe/Dublin", {}),
    "STATIC_ROOT": ("{tmp}/static-elsewhere", {}),
    "MEDIA_ROOT": ("{tmp}/media-elsewhere", {}),
    "SECURE_SSL_REDIRECT": ("0", PRODUCTION),
    "SECURE_HSTS_SECONDS": ("3600", PRODUCTION),
    "LOG_LEVEL": ("INFO", {}),
}


def _django_settings(environ: dict[str, str]) -> dict:
    """The settings module's upper-case names, built from ``environ`` alone."""
    with mock.patch.dict("os.environ", environ, clear=True):
        module = runpy.run_path(settings_module.__file__)
    return {name: value for name, value in module.items()
            if name.isupper() and name != "CONFIG"}


def test_every_documented_variable_has_a_sample():
    assert sorted(_table_variables() - set(SAMPLES)) == []


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_each_variable_changes_django_settings(name, tmp_path):
    benchmarks = tmp_path / "benchmarks.toml"
    benchmarks.write_text("")
    value, needs = SAMPLES[name]
    value = value.format(tmp=tmp_path, benchmarks=benchmarks)
    base = {"UPWARD_VAR_DIR": str(tmp_path / "var"), **needs}
    before = _django_settings(base)
    after = _django_settings({**base, name: value})
    changed = sorted(key for key in before.keys() | after.keys()
                     if before.get(key) != after.get(key))
    assert changed, f"setting {name}={value!r} changed no Django setting"


@pytest.mark.parametrize(("name", "value", "fragment"), [
    ("UPWARD_ENV", "staging", "use one of 'development', 'production', 'test'"),
    ("UPWARD_DEBUG", "yes please", "use 1 (on) or 0 (off)"),
    ("UPWARD_INVITATION_DAYS", "two weeks", "whole number from 1 to 365"),
    ("UPWARD_INVITATION_DAYS", "0", "whole number from 1 to 365"),
    ("UPWARD_LOGIN_MAX_FAILURES", "-3", "whole number from 1"),
    ("UPWARD_TRUSTED_PROXY_COUNT", "one", "whole number from 0 to 10"),
    ("UPWARD_SITE_URL", "upward.example.org", "absolute http(s) address"),
    ("UPWARD_SITE_URL", "ftp://upward.example.org", "absolute http(s) address"),
    ("UPWARD_SITE_URL", "https://intranet.example.org/upward", "(no path)"),
    ("CSRF_TRUSTED_ORIGINS", "upward.example.org", "each origin needs its scheme"),
    ("DATABASE_URL", "mysql-ish://", "postgres://user:password@host"),
    ("REDIS_URL", "127.0.0.1:6379", "use a Redis address"),
    ("UPWARD_ALLOWED_EMAIL_DOMAINS", "@northbridge.example", "list domains only"),
    ("UPWARD_COMMUNITY_FLAGS_TO_HIDE", "many", "whole number from 0"),
    ("UPWARD_INSIGHTS_K", "3", "whole number from 5"),
    ("UPWARD_INSIGHTS_MAX_UPLOAD_MB", "lots", "number of megabytes above 0"),
    ("UPWARD_INSIGHTS_BENCHMARKS", "/no/such/file.toml", "no such file"),
    ("UPWARD_INSIGHTS_SURVEY_RELEASES_PER_YEAR", "0", "whole number from 1"),
    ("UPWARD_PRIORITY_FSM_PERCENT", "120", "percentage from 0 to 100"),
    ("UPWARD_PRIORITY_FSM_PERCENT", "a quarter", "percentage from 0 to 100"),
    ("EMAIL_PORT", "smtp", "whole number from 1 to 65535"),
    ("TIME_ZONE", "London", "time zone name"),
    ("LOG_LEVEL", "loud", "use one of 'DEBUG'"),
    ("SECURE_HSTS_SECONDS", "a year", "whole number from 0"),
])
def test_a_bad_value_stops_start_up_naming_the_variable(name, value, fragment):
    with pytest.raises(ImproperlyConfigured) as error:
        load_config({name: value})
    assert f"{name}={value!r}" in str(error.value) and fragment in str(error.value)


def test_every_problem_is_reported_at_once():
    with pytest.raises(ImproperlyConfigured) as error:
        load_config({"UPWARD_INVITATION_DAYS": "x", "EMAIL_USE_TLS": "1", "EMAIL_USE_SSL": "1",
                     "UPWARD_ENV": "production"})
    message = str(error.value)
    assert message.startswith("Upward's configuration has 5 problems:")
    for fragment in ("UPWARD_INVITATION_DAYS='x'", "not both", "SECRET_KEY must be set",
                     "ALLOWED_HOSTS must list", "UPWARD_SITE_URL must be set in production"):
        assert fragment in message


def test_defaults_and_types():
    config = load_config({"EMAIL_USE_TLS": "true", "UPWARD_ALLOWED_EMAIL_DOMAINS":
                          "Northbridge.Example, nbg.example", "UPWARD_SITE_URL":
                          "https://upward.example.org/"})
    assert config.email_use_tls is True and config.debug is False
    assert config.allowed_email_domains == ["northbridge.example", "nbg.example"]
    assert config.site_url == "https://upward.example.org"
    assert config.invitation_days == 14 and config.insights_k == 10
    assert load_config({}).site_url == "http://127.0.0.1:8000"
    assert load_config({"UPWARD_ENV": "production", "UPWARD_DEBUG": "1",
                        **PRODUCTION}).debug is False
