"""Keeping the search index in step with the content of every registered kind.

An app's services call :func:`search_index` whenever they write something a
registered ``Searchable`` indexes. Visibility is not stored here: the search asks
each kind which entries the viewer may read on every search, so withdrawn or hidden
content disappears from results at once, even before it is re-indexed.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.db import connection

from upward.web.core.content.registry import ContentKind, content_kinds, kind_of
from upward.web.core.content.rendering import searchable
from upward.web.core.search.models import MAX_TITLE, SEARCH_CONFIG, SearchEntry


def _document():
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("text", weight="B", config=SEARCH_CONFIG)
        + SearchVector("author_name", weight="C", config=SEARCH_CONFIG)
    )


def _searchable(obj) -> ContentKind:
    kind = kind_of(obj)
    if kind.searchable is None:
        raise LookupError(f"{kind.model._meta.label} is not registered as searchable.")
    return kind


def search_index(obj) -> SearchEntry:
    """Index (or re-index) ``obj``, registered searchable content."""
    kind = _searchable(obj)
    document = kind.searchable.document(obj)
    entry, _ = SearchEntry.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk,
        defaults={"kind": kind.key, "title": searchable(document.title)[:MAX_TITLE],
                  "text": searchable(document.text), "author_name": document.author_name[:80]},
    )
    if connection.vendor == "postgresql":
        SearchEntry.objects.filter(pk=entry.pk).update(document=_document())
    return entry


def search_unindex(obj) -> None:
    """Take ``obj`` out of the index (models with a ``GenericRelation`` to
    ``SearchEntry`` need not: their entries go with them)."""
    SearchEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj),
                               object_id=obj.pk).delete()


def search_retitle(*, model, ids, title: str) -> int:
    """Give the entries of ``model``'s objects ``ids`` (ids or a ``values("pk")``
    queryset) the title ``title`` — e.g. replies, found under their discussion's title.
    Returns how many changed."""
    entries = SearchEntry.objects.filter(content_type=ContentType.objects.get_for_model(model),
                                         object_id__in=ids)
    changed = entries.update(title=searchable(title)[:MAX_TITLE])
    if changed and connection.vendor == "postgresql":
        entries.update(document=_document())
    return changed


def search_author_renamed(*, user, name: str) -> int:
    """After ``user``'s display name changed to ``name``: their named content is found by
    the new name, no longer by the old one (anonymous content never carries a name).
    Returns how many entries changed."""
    changed = 0
    for kind in content_kinds(searchable=True):
        entries = SearchEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(kind.model),
            object_id__in=kind.searchable.named_by(user.pk))
        count = entries.update(author_name=(name or "")[:80])
        if count and connection.vendor == "postgresql":
            entries.update(document=_document())
        changed += count
    return changed


def search_reindex_all(*, kinds: Iterable[str] | None = None) -> int:
    """Rebuild every entry of ``kinds`` (registered keys; None: all) after a bulk import
    or a change to the rules. Returns how many objects were indexed."""
    wanted = None if kinds is None else set(kinds)
    count = 0
    for kind in content_kinds(searchable=True):
        if wanted is not None and kind.key not in wanted:
            continue
        for obj in kind.searchable.everything():
            search_index(obj)
            count += 1
    return count
