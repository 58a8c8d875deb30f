"""Sign-in throttling through django-axes, set up for an organisation behind one address.

A failure counts against the pair (address tried, client IP): after
``UPWARD_LOGIN_MAX_FAILURES`` of them within ``UPWARD_LOGIN_LOCKOUT_MINUTES``, that
pair is refused until the window has passed. Neither half alone locks anything:

- not the client IP alone, because a whole office signs in from one address (or a
  proxy's), and one person's mistakes, or an attacker trying made-up addresses,
  must not lock colleagues out;
- not the address alone, because then anyone could lock a colleague out by
  failing on purpose from anywhere.

A password reset (which proves the person holds the mailbox) lifts every lock on
their address. The client IP honours ``UPWARD_TRUSTED_PROXY_COUNT``
(``upward.web.core.client_ip``).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings


def attempted_email(request, credentials: dict | None) -> str:
    """The address a sign-in tried, normalised as accounts store them (axes'
    ``AXES_USERNAME_CALLABLE``): "Sam@X.org" and "sam@x.org " are one address."""
    credentials = credentials or {}
    raw = credentials.get("email") or credentials.get("username")
    if raw is None and request is not None:
        raw = request.POST.get("email", "")
    return str(raw or "").strip().lower()[:254]


def failure_limit(request, credentials) -> int:
    return settings.UPWARD_LOGIN_MAX_FAILURES


def lockout_window(request=None) -> timedelta:
    return timedelta(minutes=settings.UPWARD_LOGIN_LOCKOUT_MINUTES)


def lockout_response(request, original_response, credentials):
    """The sign-in page has already said the sign-in is locked, in the form."""
    return original_response


def sign_in_locks_clear(*, email: str) -> int:
    """Lift every lock on an address (after a password reset). Returns how many records
    were removed."""
    from axes.utils import reset

    return reset(username=attempted_email(None, {"email": email}))


def audit_lockout(sender, request, username, ip_address, **kwargs) -> None:
    """django-axes' ``user_locked_out``: audit the failure that locks, not each refused
    try while the lock lasts (axes counts no failures then, so it has none to report)."""
    from upward.web.accounts.services import login_lockout_record

    failures = getattr(request, "axes_failures_since_start", None)
    if failures is not None:
        login_lockout_record(email=username or "", failures=failures, request=request)
