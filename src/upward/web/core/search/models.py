"""The search index: one entry per searchable object, of any registered kind."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models

# The text-search configuration on PostgreSQL (stemming, stop words).
SEARCH_CONFIG = "english"
MAX_TITLE = 120


class SearchEntry(models.Model):
    """The searchable text of one object, kept by its app's services.

    ``kind`` is the registered content key ("story", "thread", …). ``author_name`` is
    filled only for named content, so an anonymous author's name never matches their
    anonymous posts. On PostgreSQL ``document`` holds the weighted tsvector
    (GIN-indexed); on SQLite the FTS5 table ``core_search_fts`` mirrors this table
    through triggers.
    """

    kind = models.CharField(max_length=30)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    title = models.CharField(max_length=MAX_TITLE, blank=True)
    text = models.TextField(blank=True)
    author_name = models.CharField(max_length=80, blank=True)
    document = SearchVectorField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name_plural = "search entries"
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"],
                                               name="one_search_entry")]

    def __str__(self) -> str:
        return f"{self.kind} {self.title}"
