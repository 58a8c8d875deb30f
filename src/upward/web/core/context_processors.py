"""Site-wide template context: the organisation's name and navigation by role."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.urls import get_script_prefix, reverse

from upward.web.core.permissions import user_roles
from upward.web.core.roles import NETWORK_ROLES, Role

# (label, url name, roles that see it; empty = every signed-in person)
NAVIGATION: list[tuple[str, str, frozenset[str]]] = [
    ("Home", "core:home", frozenset()),
    ("Community", "community:feed", frozenset()),
    ("Moderation", "community:queue", frozenset({Role.MODERATOR, Role.NETWORK_LEAD})),
    ("People", "accounts:people", frozenset(NETWORK_ROLES)),
    ("Invitations", "accounts:manage_invitations", frozenset({Role.NETWORK_LEAD, Role.ADMIN})),
    ("Roles", "accounts:manage_people", frozenset({Role.ADMIN})),
    ("Audit log", "core:audit_log", frozenset({Role.ADMIN})),
    ("Insights", "insights:dashboard", frozenset({Role.ANALYST})),
    ("Survey responses", "insights:responses", frozenset({Role.NETWORK_LEAD})),
    ("Survey questions", "insights:questions", frozenset({Role.ADMIN})),
    ("Employee number links", "insights:links", frozenset({Role.ADMIN})),
    ("Background survey", "insights:survey", frozenset()),
    ("My profile", "accounts:me", frozenset()),
]


@cache
def _nav_url(name: str, script_prefix: str) -> str:
    """A navigation link's URL: reversed once per process (and script prefix)."""
    return reverse(name)


def site(request):
    roles = user_roles(request.user)
    nav = []
    if request.user.is_authenticated:
        path = request.path
        for label, name, needed in NAVIGATION:
            if needed and not roles & needed:
                continue
            url = _nav_url(name, get_script_prefix())
            current = path == url if url == "/" else path.startswith(url)
            nav.append({"label": label, "url": url, "current": current})
    return {
        "organisation_name": settings.UPWARD_ORGANISATION_NAME,
        "navigation": nav,
        **_single_sign_on(),
    }


def _single_sign_on() -> dict:
    if not settings.UPWARD_SSO_ENABLED:
        return {"sso_enabled": False}
    app = settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"][0]
    return {
        "sso_enabled": True,
        "sso_name": app["name"],
        "sso_login_url": reverse("openid_connect_login",
                                 kwargs={"provider_id": app["provider_id"]}),
    }
