"""Settings: production passes check --deploy, SQLite runs in WAL mode, health check."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

PRODUCTION_ENV = {
    "UPWARD_ENV": "production",
    "SECRET_KEY": "k" * 20 + "-not-a-real-secret-but-long-enough-for-the-check-0123456789",
    "ALLOWED_HOSTS": "upward.example.org",
    "UPWARD_SITE_URL": "https://upward.example.org",
    "DATABASE_URL": "sqlite:////tmp/upward-deploy-check.sqlite3",
}


def _run_manage(*args, env_extra):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "UPWARD_ENV"}}
    env.update(env_extra)
    env["DJANGO_SETTINGS_MODULE"] = "upward.web.settings"
    return subprocess.run(
        [sys.executable, "-m", "django", *args], env=env, capture_output=True, text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_with_no_warnings():
    result = _run_manage("check", "--deploy", "--fail-level", "WARNING",
                         env_extra=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("missing", "message"),
    [("SECRET_KEY", "SECRET_KEY must be set"), ("ALLOWED_HOSTS", "ALLOWED_HOSTS must list")],
)
def test_production_refuses_to_start_without_essentials(missing, message):
    env = dict(PRODUCTION_ENV)
    env[missing] = ""
    result = _run_manage("check", env_extra=env)
    assert result.returncode != 0
    assert message in result.stderr


def test_half_configured_sso_is_refused_with_the_missing_variable_named():
    env = dict(PRODUCTION_ENV, UPWARD_OIDC_SERVER_URL="https://login.example.org")
    result = _run_manage("check", env_extra=env)
    assert result.returncode != 0
    assert "UPWARD_OIDC_CLIENT_ID" in result.stderr


def test_oidc_configuration_from_environment():
    from upward.web.sso import oidc_providers_from_env

    assert oidc_providers_from_env({}) == {}
    config = oidc_providers_from_env({
        "UPWARD_OIDC_SERVER_URL": "https://login.example.org",
        "UPWARD_OIDC_CLIENT_ID": "upward",
        "UPWARD_OIDC_CLIENT_SECRET": "s3cret",
        "UPWARD_OIDC_NAME": "Northbridge login",
    })
    app = config["openid_connect"]["APPS"][0]
    assert app["client_id"] == "upward"
    assert app["settings"]["server_url"] == "https://login.example.org"
    assert app["name"] == "Northbridge login"


def test_passwords_are_hashed_with_argon2_in_the_real_settings():
    # The test fixtures swap in a fast hasher; the shipped settings put argon2 first.
    from importlib import reload

    import upward.web.settings as real

    assert reload(real).PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("WAL is an SQLite setting")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert "journal_mode=WAL" in options["init_command"]
    # The test database lives in memory, where WAL cannot apply; check a file database.
    env = {"UPWARD_VAR_DIR": str(tmp_path)}
    result = _run_manage("shell", "-c",
                         "from django.db import connection; c = connection.cursor();"
                         "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])",
                         env_extra=env)
    assert result.stdout.strip().splitlines()[-1] == "wal", result.stderr


@pytest.mark.django_db
def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": connection.vendor}


def test_healthz_reports_unreachable_database(tmp_path):
    env = dict(PRODUCTION_ENV, DATABASE_URL="postgres://nobody@127.0.0.1:1/none",
               SECURE_SSL_REDIRECT="0")
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz', HTTP_HOST='upward.example.org');"
        "print(r.status_code, r.json()['database'])"
    )
    env_full = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}}
    env_full.update(env, DJANGO_SETTINGS_MODULE="upward.web.settings")
    result = subprocess.run([sys.executable, "-c", script], env=env_full, capture_output=True,
                            text=True, timeout=120)
    assert result.stdout.strip().endswith("503 unreachable"), result.stderr


def test_security_headers_on_pages(client, db):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_documented_site_and_community_variables_reach_the_settings(tmp_path):
    env = {"UPWARD_VAR_DIR": str(tmp_path), "UPWARD_SITE_URL": "https://upward.example.org",
           "UPWARD_COMMUNITY_FLAGS_TO_HIDE": "5", "UPWARD_COMMUNITY_NEW_MEMBER_DAYS": "14",
           "UPWARD_COMMUNITY_NEW_MEMBER_POSTS_PER_HOUR": "4"}
    result = _run_manage("shell", "-c",
                         "from django.conf import settings as s; print(s.UPWARD_SITE_URL,"
                         " s.UPWARD_COMMUNITY_FLAGS_TO_HIDE, s.UPWARD_COMMUNITY_NEW_MEMBER_DAYS,"
                         " s.UPWARD_COMMUNITY_NEW_MEMBER_POSTS_PER_HOUR, s.DEBUG)",
                         env_extra=env)
    last_line = result.stdout.strip().splitlines()[-1]
    assert last_line.split() == ["https://upward.example.org", "5", "14", "4", "False"], \
        result.stdout + result.stderr


def test_production_refuses_to_start_without_a_site_url():
    env = dict(PRODUCTION_ENV, UPWARD_SITE_URL="")
    result = _run_manage("check", env_extra=env)
    assert result.returncode != 0
    assert "UPWARD_SITE_URL must be set in production" in result.stderr


def test_a_bad_value_stops_the_real_start_up_with_a_clear_message(tmp_path):
    result = _run_manage("check", env_extra={"UPWARD_VAR_DIR": str(tmp_path),
                                             "UPWARD_INVITATION_DAYS": "two weeks"})
    assert result.returncode != 0
    assert "UPWARD_INVITATION_DAYS='two weeks': use a whole number from 1 to 365." \
        in result.stderr
