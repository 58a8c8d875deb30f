"""The review queue: posts waiting for a moderator, flagged posts, hidden posts and
stories asking for a public page. Authors appear only through their bylines, so
an anonymous author stays anonymous to moderators too."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from upward.web.accounts.selectors import network_members
from upward.web.community.access import is_lead, is_moderator
from upward.web.community.models import (
    Audience,
    Status,
    Story,
    Suspension,
    WatchedWord,
)
from upward.web.community.posts import POST_KINDS, RELATED
from upward.web.community.posts import with_history as _with_history
from upward.web.core.flags.selectors import (
    QueueItem,
    flagged_for_moderation,
    flagged_items,
    review_item,
)

__all__ = ["QueueItem"]


def _item(post, viewer, flags=()) -> QueueItem:
    return review_item(post, viewer, flags)


def _others(posts: QuerySet, viewer) -> QuerySet:
    """Leave out the viewer's own posts: nobody moderates their own."""
    return posts.exclude(author_id=viewer.pk)


def _require(viewer) -> None:
    if not is_moderator(viewer):
        raise Http404("No such page.")


def pending_posts(*, viewer) -> list[QueueItem]:
    _require(viewer)
    items = []
    for kind, model in POST_KINDS.items():
        for post in _with_history(_others(model.objects.filter(status=Status.PENDING), viewer)
                                  .select_related(*RELATED[kind])):
            items.append(_item(post, viewer))
    return sorted(items, key=lambda item: item.post.created_at)


def flagged_posts(*, viewer) -> list[QueueItem]:
    """Posts with open flags — and anything else registered as flaggable content, so
    every app's flags reach the one queue."""
    return flagged_items(viewer=viewer)


def hidden_posts(*, viewer) -> list[QueueItem]:
    _require(viewer)
    items = []
    for kind, model in POST_KINDS.items():
        for post in _with_history(_others(model.objects.filter(
                status=Status.PUBLISHED, hidden_at__isnull=False), viewer)
                                  .select_related(*RELATED[kind])).order_by("-hidden_at")[:50]:
            items.append(_item(post, viewer))
    return sorted(items, key=lambda item: item.post.hidden_at, reverse=True)


def public_requests(*, viewer) -> list[QueueItem]:
    """Published stories asking for a public web page (network leads decide)."""
    if not is_lead(viewer):
        return []
    stories = _with_history(_others(Story.objects.filter(
        status=Status.PUBLISHED, hidden_at=None, audience=Audience.PUBLIC,
        public_approved_at=None), viewer).select_related("author__profile"))
    stories = stories.order_by("published_at")
    return [_item(story, viewer) for story in stories]


def post_for_moderation(*, viewer, kind: str, post_id: int):
    """Any post (or other registered flaggable content), for a moderator acting on it
    (404 for others and unknown kinds)."""
    _require(viewer)
    return flagged_for_moderation(viewer=viewer, kind=kind, pk=post_id)


def post_get_for_viewer(*, viewer, kind: str, post_id: int):
    """A post the viewer can read (to flag it): 404 otherwise."""
    from upward.web.community.selectors.discussions import (
        reply_get_for_viewer,
        thread_get_for_viewer,
    )
    from upward.web.community.selectors.stories import (
        comment_get_for_viewer,
        story_get_for_viewer,
    )

    if kind == "story":
        return story_get_for_viewer(viewer=viewer, story_id=post_id)
    if kind == "thread":
        return thread_get_for_viewer(viewer=viewer, thread_id=post_id)
    if kind == "reply":
        return reply_get_for_viewer(viewer=viewer, reply_id=post_id)
    if kind == "comment":
        return comment_get_for_viewer(viewer=viewer, comment_id=post_id)
    raise Http404("No such post.")


def watched_words(*, viewer) -> QuerySet[WatchedWord]:
    _require(viewer)
    return WatchedWord.objects.all()


def suspensions_current(*, viewer) -> QuerySet[Suspension]:
    _require(viewer)
    return Suspension.objects.filter(lifted_at=None, ends_at__gt=timezone.now()) \
        .select_related("user__profile").order_by("ends_at")


def members_for_moderation(*, viewer, query: str) -> QuerySet[AbstractBaseUser]:
    """Network members a moderator may look up to suspend, by name or address."""
    _require(viewer)
    query = " ".join(query.split())[:100]
    if not query:
        return network_members().none()
    return (network_members()
            .filter(Q(profile__display_name__icontains=query) | Q(email__icontains=query))
            .select_related("profile").order_by("profile__display_name")[:20])


def member_for_moderation(*, viewer, user_id: int) -> AbstractBaseUser:
    _require(viewer)
    member = network_members().filter(pk=user_id).select_related("profile").first()
    if member is None:
        raise Http404("No such member.")
    return member

