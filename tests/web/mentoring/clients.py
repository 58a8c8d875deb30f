"""Test clients for one person: signed in to the pages, or holding an API token."""

from __future__ import annotations

from django.test import Client

from upward.web.accounts.services import token_create


def api_client(user, scope: str = "write") -> Client:
    """A client sending ``user``'s personal access token (Bearer) with ``scope``."""
    client = Client()
    _, secret = token_create(user=user, name="tests", scope=scope)
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client


def web_client(user) -> Client:
    """A client signed in as ``user``."""
    client = Client()
    client.force_login(user)
    return client
