"""The weekly digest, run by ``upward worker`` (upward/web/core/jobs.py).

Hourly, so each person gets their digest within the hour they become due, and never more
than one a week: :func:`~upward.web.core.notifications.services.digest_send_due` locks each
person's settings and checks again, under the lock, that they have not had one this week,
so several workers (or a run by hand) never send it twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from upward.web.core.jobs import periodic
from upward.web.core.notifications.services import digests_send


@periodic("core.send_digests", every=timedelta(hours=1))
def send_digests(*, now: datetime) -> str:
    return str(digests_send(now=now))
