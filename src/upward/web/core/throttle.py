"""Counting requests in the database, so limits hold across every server process.

``throttle_take(scope=…, limits=[(value, limit), …], window=…)`` counts one request
against each value (say the address asked about and the client's IP) and answers
False, counting nothing, when any value already has ``limit`` requests within the
window. Values are stored as keyed hashes.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from upward.web.core.models import ThrottleHit


def _key(scope: str, value: str) -> str:
    secret = settings.SECRET_KEY.encode()
    return hmac.new(secret, f"{scope}\x00{value}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def throttle_take(*, scope: str, limits: Iterable[tuple[str | None, int]],
                  window: timedelta) -> bool:
    """Count one request against each (value, limit); False, counting nothing, if any
    value is at its limit. A None value (e.g. no client IP) is not counted."""
    now = timezone.now()
    ThrottleHit.objects.filter(at__lt=now - window).filter(scope=scope).delete()
    keyed = [(_key(scope, value), limit) for value, limit in limits if value]
    for key, limit in keyed:
        if ThrottleHit.objects.filter(scope=scope, key=key, at__gte=now - window).count() \
                >= limit:
            return False
    ThrottleHit.objects.bulk_create([ThrottleHit(scope=scope, key=key, at=now)
                                     for key, _ in keyed])
    return True
