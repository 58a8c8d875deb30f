"""Rebuild the community search index from the stories, discussions and replies.

Needed only after loading posts some other way than through the services (a bulk
import, a restore). Example: upward manage community_reindex
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from upward.web.community.services.search_index import reindex_all


class Command(BaseCommand):
    help = "Rebuild the community search index."

    def handle(self, *args, **options):
        self.stdout.write(f"Indexed {reindex_all():,} posts.")
