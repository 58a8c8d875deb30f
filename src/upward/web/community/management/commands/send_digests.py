"""Email the weekly digest to everyone who asked for it and is due one: what they were
told and have not read, and the community's most helpful stories of the week.

Run it daily (cron or a scheduler): each person gets at most one digest a week.

Example: upward manage send_digests --dry-run
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from upward.web.core.notifications.services import digest_send, digests_due


class Command(BaseCommand):
    help = "Send the weekly community digest to everyone who is due one."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="Say who would get a digest without sending anything.")

    def handle(self, *args, dry_run: bool = False, **options):
        now = timezone.now()
        sent = skipped = 0
        for user in digests_due(now=now).iterator():
            if dry_run:
                self.stdout.write(f"would send to {user.email}")
                continue
            if digest_send(user=user, now=now):
                sent += 1
            else:
                skipped += 1
        if not dry_run:
            self.stdout.write(f"Sent {sent} digest(s); {skipped} had nothing new.")
