"""Absolute links for emails, from ``UPWARD_SITE_URL``: never from the request's Host
header (which a client chooses) and never from a guess such as localhost."""

from __future__ import annotations

from django.conf import settings


def absolute_url(path: str) -> str:
    """``path`` (e.g. from ``reverse``) as an absolute URL on this site."""
    return settings.UPWARD_SITE_URL.rstrip("/") + path

