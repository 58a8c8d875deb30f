"""Sessions kept in the database and read through the shared cache.

Used when a shared cache (Redis) is configured: reading the session is then a
cache lookup, not a query, on every signed-in request. The database stays the
record. If the cache fails, sessions are read from and created in the database
alone (Django's own ``cached_db`` would fail the request), so people can still sign
in. Signing *out* while the cache is down still fails loudly: a signed-in session
removed from the database but left in the cache could be used again if the cache
came back with it. Signing in gives a session in which nobody was signed in a new
key (``cycle_key``); the old key left in the cache could not sign anyone in, so
that failure is logged, not raised. (A password change cycles a signed-in key,
but the old one fails Django's session hash check against the new password.)
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

    def cycle_key(self):
        """A new key for the same data (on sign-in), as Django's, tolerating a cache
        that cannot forget the old key."""
        data, old = self._session, self.session_key
        self.create()
        self._session_cache = data
        if old:
            DatabaseStore.delete(self, old)
            try:
                self._cache.delete(self.cache_key_prefix + old)
            except Exception:  # noqa: BLE001
                log.warning("session cache unavailable; an old session key stays cached "
                            "until it expires", exc_info=True)
