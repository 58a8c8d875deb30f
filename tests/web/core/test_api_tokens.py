"""The API asks the token authenticator accounts registers (core imports no app)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from upward.web.accounts.services import token_authenticate
from upward.web.core import api_tokens


def test_accounts_registers_its_token_authenticator():
    assert api_tokens._authenticator is token_authenticate


def test_without_an_authenticator_the_api_says_so(monkeypatch):
    monkeypatch.setattr(api_tokens, "_authenticator", None)
    with pytest.raises(ImproperlyConfigured, match="No API token authenticator is registered"):
        api_tokens.token_for_secret("upw_anything")


def test_the_registered_function_decides(monkeypatch):
    calls = []
    monkeypatch.setattr(api_tokens, "_authenticator", None)
    api_tokens.register_token_authenticator(lambda *, secret: calls.append(secret))
    assert api_tokens.token_for_secret("upw_secret") is None
    assert calls == ["upw_secret"]
