"""Announce the stories whose embargo has ended: the people they mention are told,
and the community feed is refreshed at once.

``upward worker`` runs this every minute (upward/web/community/jobs.py); the command
is for running it by hand. Running it twice at the same time is safe, and nobody is
told twice.

Example: upward manage release_stories
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from upward.web.community.services import stories_release_due


class Command(BaseCommand):
    help = "Announce the stories whose embargo has ended."

    def handle(self, *args, **options):
        count = stories_release_due()
        self.stdout.write(f"Announced {count} stor{'y' if count == 1 else 'ies'} whose "
                          "embargo ended.")
