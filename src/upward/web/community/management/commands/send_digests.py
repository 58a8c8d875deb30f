"""Email the weekly community digest to everyone who asked for it and is due one.

Run it daily (cron or a scheduler): each person gets at most one digest a week.

Example: upward manage send_digests --dry-run
"""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from upward.web.community.access import is_network_member
from upward.web.community.selectors.stories import story_feed
from upward.web.community.services.notifications import (
    digest_send,
    digests_due,
    member_settings,
)

STORIES_PER_DIGEST = 3


class Command(BaseCommand):
    help = "Send the weekly community digest to everyone who is due one."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="Say who would get a digest without sending anything.")

    def handle(self, *args, dry_run: bool = False, **options):
        now = timezone.now()
        sent = skipped = 0
        for user in digests_due(now=now).iterator():
            stories = []
            if is_network_member(user):
                # The most helpful stories since their last digest (never the same twice).
                since = member_settings(user).last_digest_at or now - timedelta(days=7)
                stories = list(story_feed(viewer=user, sort="helpful").filter(
                    visible_from__gt=since)[:STORIES_PER_DIGEST])
            if dry_run:
                self.stdout.write(f"would send to {user.email}")
                continue
            if digest_send(user=user, now=now, stories=stories):
                sent += 1
            else:
                skipped += 1
        if not dry_run:
            self.stdout.write(f"Sent {sent} digest(s); {skipped} had nothing new.")
