"""Keeping the search index in step with stories, discussions and replies.

Every write that changes a post's text calls one of these. Visibility is not
stored here: the search selector joins back to the posts and applies the same
visibility rules as every other page, so a withdrawn or hidden post disappears
from results at once even before it is re-indexed.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Q

from upward.web.community.identity import indexed_author_name
from upward.web.community.models import PROMPTS, Reply, SearchEntry, SearchKind, Story, Thread
from upward.web.community.rendering import plain_text, searchable

SEARCH_CONFIG = "english"


def _document():
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("text", weight="B", config=SEARCH_CONFIG)
        + SearchVector("author_name", weight="C", config=SEARCH_CONFIG)
    )


def _save(*, kind: str, lookup: dict, title: str, text: str, author_name: str) -> None:
    entry, _ = SearchEntry.objects.update_or_create(
        **lookup, defaults={"kind": kind, "title": searchable(title)[:120],
                            "text": searchable(text), "author_name": author_name[:80]},
    )
    if connection.vendor == "postgresql":
        SearchEntry.objects.filter(pk=entry.pk).update(document=_document())


def story_text(story: Story) -> str:
    parts = [story.cover_quote] + [getattr(story, f) for f in PROMPTS] + [story.body]
    parts += [tag.name for tag in story.tags.all()]
    return "\n".join(plain_text(p) for p in parts if p)


def index_story(story: Story) -> None:
    _save(kind=SearchKind.STORY, lookup={"story": story}, title=story.title,
          text=story_text(story), author_name=indexed_author_name(story))


def index_thread(thread: Thread) -> None:
    """The discussion, and the title its replies are found under (whoever changed it:
    a title a moderator edited out must stop matching through the replies too)."""
    _save(kind=SearchKind.THREAD, lookup={"thread": thread}, title=thread.title,
          text=plain_text(thread.body), author_name=indexed_author_name(thread))
    replies = SearchEntry.objects.filter(kind=SearchKind.REPLY, reply__thread=thread)
    replies.update(title=searchable(thread.title)[:120])
    if connection.vendor == "postgresql":
        replies.update(document=_document())


def index_reply(reply: Reply) -> None:
    _save(kind=SearchKind.REPLY, lookup={"reply": reply}, title=reply.thread.title,
          text=plain_text(reply.body), author_name=indexed_author_name(reply))


def index_author_name(user) -> int:
    """After ``user``'s display name changed: their named posts are found by the new
    name, no longer by the old one (anonymous posts never carry a name). Returns how
    many entries changed."""
    from upward.web.accounts.models import Profile

    name = Profile.objects.filter(user=user).values_list("display_name", flat=True).first()
    named = Q(is_anonymous=False, author=user)
    entries = SearchEntry.objects.filter(
        Q(story__in=Story.objects.filter(named)) | Q(thread__in=Thread.objects.filter(named))
        | Q(reply__in=Reply.objects.filter(named)))
    # What indexed_author_name gives for a named post of theirs.
    changed = entries.update(author_name=(name or "")[:80])
    if changed and connection.vendor == "postgresql":
        entries.update(document=_document())
    return changed


def reindex_all() -> int:
    """Rebuild every entry (after a bulk import, or a change to the rules)."""
    count = 0
    for story in Story.objects.select_related("author__profile").prefetch_related("tags"):
        index_story(story)
        count += 1
    for thread in Thread.objects.select_related("author__profile"):
        index_thread(thread)
        count += 1
    for reply in Reply.objects.select_related("author__profile", "thread"):
        index_reply(reply)
        count += 1
    if connection.vendor == "postgresql":
        SearchEntry.objects.update(document=_document())
    return count

