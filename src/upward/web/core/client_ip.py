"""The address of the person making a request, behind any trusted reverse proxies.

Without proxies (``UPWARD_TRUSTED_PROXY_COUNT=0``, the default) it is
``REMOTE_ADDR``. Behind N proxies that each append the address they received
from to ``X-Forwarded-For``, the client is the N-th entry from the right: entries
further left were sent by the client itself and could be anything, so they are
never believed. When the header has fewer entries than there are proxies (the
request did not come through them all), ``REMOTE_ADDR`` is used.
"""

from __future__ import annotations

from ipaddress import ip_address

from django.conf import settings


def _valid(candidate: str) -> str | None:
    try:
        return str(ip_address(candidate.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's IP address as text, or None when the request carries none."""
    remote = _valid(request.META.get("REMOTE_ADDR") or "")
    proxies = settings.UPWARD_TRUSTED_PROXY_COUNT
    if not proxies:
        return remote
    forwarded = [entry.strip() for entry in
                 request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()]
    if len(forwarded) < proxies:
        return remote
    return _valid(forwarded[-proxies]) or remote
