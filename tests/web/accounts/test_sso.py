"""Single sign-on (OIDC through django-allauth), switched on by environment variables."""

from __future__ import annotations

import os
import subprocess
import sys
from types import SimpleNamespace

import pytest

from upward.web.accounts.sso import ClosedAccountAdapter, DomainSocialAccountAdapter

SSO_ENV = {
    "UPWARD_OIDC_SERVER_URL": "https://login.northbridge.example",
    "UPWARD_OIDC_CLIENT_ID": "upward",
    "UPWARD_OIDC_CLIENT_SECRET": "not-a-real-secret",
    "UPWARD_OIDC_NAME": "Northbridge login",
}

SCRIPT = """
import django; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test import Client
c = Client()
page = c.get("/accounts/sign-in/").content.decode()
print("button", "Sign in with Northbridge login" in page
      and 'action="/sso/oidc/sso/login/"' in page)
r = c.get("/sso/login/")
print("allauth-login", r.status_code, r.get("Location"))
print("allauth-signup", c.get("/sso/signup/").status_code)
print("provider", c.get("/sso/oidc/sso/login/").status_code)
"""


def _run(env_extra, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(env_extra, DJANGO_SETTINGS_MODULE="upward.web.settings",
               UPWARD_VAR_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result


def test_sign_in_page_offers_sso_when_configured(tmp_path):
    out = _run(SSO_ENV, tmp_path).stdout
    assert "button True" in out
    assert "allauth-login 302 /accounts/sign-in/" in out  # one sign-in page, ours
    assert "allauth-signup 404" in out  # allauth's local sign-up stays closed
    assert "provider 200" in out


def test_no_sso_routes_without_configuration(tmp_path):
    result = _run({}, tmp_path)
    assert "button False" in result.stdout
    assert "allauth-login 404 None" in result.stdout
    assert "provider 404" in result.stdout


@pytest.mark.parametrize(("email", "allowed"), [
    ("kim@northbridge.example", True), ("kim@NORTHBRIDGE.EXAMPLE", True),
    ("kim@elsewhere.example", False), ("", False),
])
def test_sso_sign_up_is_limited_to_allowed_domains(settings, email, allowed):
    settings.UPWARD_ALLOWED_EMAIL_DOMAINS = ["northbridge.example"]
    sociallogin = SimpleNamespace(user=SimpleNamespace(email=email))
    assert DomainSocialAccountAdapter().is_open_for_signup(None, sociallogin) is allowed


def test_allauth_local_sign_up_is_closed():
    assert ClosedAccountAdapter().is_open_for_signup(None) is False
