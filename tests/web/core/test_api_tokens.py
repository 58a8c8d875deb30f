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


@pytest.mark.django_db
def test_an_address_sending_wrong_tokens_is_told_to_wait_but_a_valid_token_still_works(
        client, member):
    from upward.web.accounts.services import token_create
    from upward.web.core.api import BAD_TOKENS_PER_WINDOW
    from upward.web.core.models import ThrottleHit

    wrong = {"HTTP_AUTHORIZATION": "Bearer upw_not-a-token", "REMOTE_ADDR": "203.0.113.9"}
    for _ in range(BAD_TOKENS_PER_WINDOW):
        assert client.get("/api/v1/me", **wrong).status_code == 401
    refused = client.get("/api/v1/me", **wrong)
    assert refused.status_code == 429 and "wait 10 minutes" in refused.json()["detail"]
    # another address is not held back, and a valid token from the same address works
    assert client.get("/api/v1/me", **{**wrong, "REMOTE_ADDR": "203.0.113.10"}).status_code == 401
    _, secret = token_create(user=member, name="script")
    ok = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}",
                    REMOTE_ADDR="203.0.113.9")
    assert ok.status_code == 200
    assert ThrottleHit.objects.filter(scope="api.bad_token").count() == BAD_TOKENS_PER_WINDOW + 1
