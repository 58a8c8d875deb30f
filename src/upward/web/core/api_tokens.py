"""How the API turns a Bearer secret into a person: the authenticator accounts registers.

The API is core's and core imports no app, yet the personal access tokens are accounts'.
So accounts registers its function from ``AccountsConfig.ready()``::

    register_token_authenticator(token_authenticate)

and the API's authentication (:mod:`upward.web.core.api`) asks it on every request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured


class Token(Protocol):
    """What the API needs of a usable token."""

    user: Any
    can_write: bool


TokenAuthenticator = Callable[..., "Token | None"]  # called as f(secret=...)
_authenticator: TokenAuthenticator | None = None


def register_token_authenticator(authenticate: TokenAuthenticator) -> None:
    """Use ``authenticate(secret=...)`` → the usable token behind a secret, or None."""
    global _authenticator
    _authenticator = authenticate


def token_for_secret(secret: str) -> Token | None:
    """The usable token behind a Bearer secret, or None."""
    if _authenticator is None:
        raise ImproperlyConfigured("No API token authenticator is registered: the accounts app "
                                   "registers one in AccountsConfig.ready().")
    return _authenticator(secret=secret)
