"""The community's periodic work, run by ``upward worker`` (upward/web/core/jobs.py):
announcing stories whose embargo has ended, and the weekly digest.

Both are safe to run from several workers at once: the release locks each story it
announces, and the digest locks each person's settings and checks again, under the
lock, that they have not had one this week.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from upward.web.community.access import is_network_member
from upward.web.community.models import MemberSettings
from upward.web.community.selectors.stories import story_feed
from upward.web.community.services import stories_release_due
from upward.web.community.services.notifications import (
    DIGEST_EVERY,
    digest_send,
    digests_due,
    member_settings,
)
from upward.web.core.jobs import periodic

STORIES_PER_DIGEST = 3


@dataclass(frozen=True)
class DigestRun:
    sent: int = 0
    nothing_new: int = 0
    already_sent: int = 0

    def __str__(self) -> str:
        return f"Sent {self.sent} digest(s); {self.nothing_new} had nothing new."


def digest_send_due(*, user, now: datetime) -> bool | None:
    """Send ``user`` their digest if they are still due one. True if sent, False if
    there was nothing new, None if they are no longer due (another worker has just
    sent it, or they turned it off)."""
    member_settings(user)
    with transaction.atomic():
        prefs = MemberSettings.objects.select_for_update().get(user=user)
        if not prefs.weekly_digest or (prefs.last_digest_at is not None
                                       and prefs.last_digest_at > now - DIGEST_EVERY):
            return None
        stories = []
        if is_network_member(user):
            # The most helpful stories since their last digest (never the same twice).
            since = prefs.last_digest_at or now - timedelta(days=7)
            stories = list(story_feed(viewer=user, sort="helpful").filter(
                visible_from__gt=since)[:STORIES_PER_DIGEST])
        return digest_send(user=user, now=now, stories=stories)


def digests_send(*, now: datetime | None = None) -> DigestRun:
    """Email the weekly digest to everyone who asked for it and is due one."""
    now = now or timezone.now()
    counts = {True: 0, False: 0, None: 0}
    for user in digests_due(now=now).iterator():
        counts[digest_send_due(user=user, now=now)] += 1
    return DigestRun(sent=counts[True], nothing_new=counts[False], already_sent=counts[None])


@periodic("community.release_stories", every=timedelta(minutes=1))
def release_stories(*, now: datetime) -> str:
    count = stories_release_due(now=now)
    return f"Announced {count} stor{'y' if count == 1 else 'ies'} whose embargo ended."


# Hourly: each person gets their digest within the hour they become due, and never
# more than one a week.
@periodic("community.send_digests", every=timedelta(hours=1))
def send_digests(*, now: datetime) -> str:
    return str(digests_send(now=now))
