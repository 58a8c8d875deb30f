"""Email the weekly digest to everyone who asked for it and is due one: what they were
told and have not read, and the community's most helpful stories of the week.

``upward worker`` runs this every hour (upward/web/core/notifications/jobs.py); the command is
for running it by hand. Each person gets at most one digest a week, however often and
from however many places it runs.

Example: upward manage send_digests --dry-run
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from upward.web.core.notifications.services import digests_due, digests_send


class Command(BaseCommand):
    help = "Send the weekly community digest to everyone who is due one."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="Say who would get a digest without sending anything.")

    def handle(self, *args, dry_run: bool = False, **options):
        if dry_run:
            for user in digests_due(now=timezone.now()).iterator():
                self.stdout.write(f"would send to {user.email}")
            return
        self.stdout.write(str(digests_send()))
