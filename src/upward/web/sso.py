"""Single sign-on settings for django-allauth, switched on by environment variables.

Set ``UPWARD_OIDC_SERVER_URL``, ``UPWARD_OIDC_CLIENT_ID`` and
``UPWARD_OIDC_CLIENT_SECRET`` (and optionally ``UPWARD_OIDC_NAME`` for the
button label and ``UPWARD_OIDC_PROVIDER_ID``) to offer "Sign in with …" on the
sign-in page. Local sign-up through allauth stays closed: people join by
invitation or from an allowed email domain, and SSO sign-up obeys the same
domain rule.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

OIDC_VARIABLES = ("UPWARD_OIDC_SERVER_URL", "UPWARD_OIDC_CLIENT_ID", "UPWARD_OIDC_CLIENT_SECRET")


def oidc_providers_from_env(values: Mapping[str, str]) -> dict:
    """Build allauth's ``SOCIALACCOUNT_PROVIDERS`` from the ``UPWARD_OIDC_*`` variables
    (read by ``upward.web.config``).

    Returns an empty dict when no OIDC variable is set; raises
    ``ImproperlyConfigured`` naming the missing ones when only some are.
    """
    present = {name: values.get(name, "").strip() for name in OIDC_VARIABLES}
    if not any(present.values()):
        return {}
    missing = [name for name, value in present.items() if not value]
    if missing:
        raise ImproperlyConfigured(
            "Single sign-on is half configured: set " + ", ".join(missing) + " as well."
        )
    return {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": values.get("UPWARD_OIDC_PROVIDER_ID", "sso"),
                    "name": values.get("UPWARD_OIDC_NAME", "single sign-on"),
                    "client_id": present["UPWARD_OIDC_CLIENT_ID"],
                    "secret": present["UPWARD_OIDC_CLIENT_SECRET"],
                    "settings": {"server_url": present["UPWARD_OIDC_SERVER_URL"]},
                }
            ],
            "EMAIL_AUTHENTICATION": True,
            "VERIFIED_EMAIL": True,
        }
    }
