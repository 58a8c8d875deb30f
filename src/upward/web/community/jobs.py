"""The community's periodic work, run by ``upward worker`` (upward/web/core/jobs.py):
announcing stories whose embargo has ended (the weekly digest is the notification
layer's: upward/web/core/notifications/jobs.py).

Safe to run from several workers at once: the release locks each story it announces.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from upward.web.community.services import stories_release_due
from upward.web.core.jobs import periodic


@periodic("community.release_stories", every=timedelta(minutes=1))
def release_stories(*, now: datetime) -> str:
    count = stories_release_due(now=now)
    return f"Announced {count} stor{'y' if count == 1 else 'ies'} whose embargo ended."
