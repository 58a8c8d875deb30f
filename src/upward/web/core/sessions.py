"""Sessions kept in the database and read through the shared cache.

Used when a shared cache (Redis) is configured: reading the session is then a
cache lookup, not a query, on every signed-in request. The database stays the
record. If the cache fails, sessions are read from the database alone (Django's
own ``cached_db`` would fail the request). Signing in or out while the cache is
down still fails loudly: both delete a session key from the cache, and a signed-in
session removed from the database but left in the cache could still be used.
"""

from __future__ import annotations

import logging

from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore

log = logging.getLogger(__name__)


class SessionStore(cached_db.SessionStore):
    def load(self):
        try:
            return super().load()
        except Exception:  # noqa: BLE001 — a cache outage must not sign everyone out
            log.warning("session cache unavailable; reading the session from the database",
                        exc_info=True)
            return DatabaseStore.load(self)

    def exists(self, session_key):
        try:
            return super().exists(session_key)
        except Exception:  # noqa: BLE001 — signing in must work while the cache is down
            log.warning("session cache unavailable; checking the database", exc_info=True)
            return DatabaseStore.exists(self, session_key)
