
"""Reading discussions: categories, threads and replies, as one viewer may see them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from upward.web.community.access import is_moderator, is_network_member, is_signed_in
from upward.web.community.models import (
    Category,
    CategoryAudience,
    CategorySubscription,
    Reply,
    Status,
    Thread,
    ThreadSubscription,
)
from upward.web.community.selectors.stories import muted_ids, muted_named_posts
from upward.web.core.content import identity


def categories_visible_to(*, viewer) -> QuerySet[Category]:
    if not is_signed_in(viewer):
        return Category.objects.none()
    if is_network_member(viewer):
        return Category.objects.all()
    return Category.objects.filter(audience=CategoryAudience.ORGANISATION)


def category_get_for_viewer(*, viewer, slug: str) -> Category:
    category = categories_visible_to(viewer=viewer).filter(slug=slug).first()
    if category is None:
        raise Http404("No such category.")
    return category


def threads_visible_to(*, viewer) -> QuerySet[Thread]:
    if not is_signed_in(viewer):
        return Thread.objects.none()
    return threads_visible(network=is_network_member(viewer), viewer_id=viewer.pk)


def threads_visible(*, network: bool, viewer_id: int) -> QuerySet[Thread]:
    """Threads a signed-in viewer with id ``viewer_id`` may read (``network``: they are
    a network member): the rule, in terms a prepared query can reuse."""
    categories = Category.objects.all() if network else \
        Category.objects.filter(audience=CategoryAudience.ORGANISATION)
    return Thread.objects.filter(status=Status.PUBLISHED, hidden_at=None,
                                 category__in=categories).exclude(muted_named_posts(viewer_id))


def can_see_thread(*, viewer, thread: Thread) -> bool:
    return threads_visible_to(viewer=viewer).filter(pk=thread.pk).exists()


def thread_list(*, viewer, category: Category | None = None,
                kind: str = "") -> QuerySet[Thread]:
    threads = threads_visible_to(viewer=viewer).select_related("author__profile", "category")
    if category is not None:
        threads = threads.filter(category=category)
    if kind:
        threads = threads.filter(kind=kind)
    return threads.order_by("-last_activity_at", "-pk")


def thread_get_for_viewer(*, viewer, thread_id: int) -> Thread:
    """Fetch and authorise in one step: 404 for missing and not-allowed alike."""
    base = Thread.objects.select_related("author__profile", "category", "accepted_reply")
    thread = base.filter(pk=thread_id, pk__in=threads_visible_to(viewer=viewer)).first()
    if thread is None and is_signed_in(viewer):
        others = Q(author=viewer)
        if is_moderator(viewer):
            others |= Q(status=Status.PENDING) | Q(status=Status.PUBLISHED,
                                                   hidden_at__isnull=False)
        thread = base.filter(others, pk=thread_id,
                             category__in=categories_visible_to(viewer=viewer)).first()
    if thread is None:
        raise Http404("No such discussion.")
    return thread


@dataclass(frozen=True)
class ReplyView:
    reply: Reply
    byline: identity.Byline
    by_thread_author: bool
    is_pending: bool
    is_hidden: bool
    is_accepted: bool
    quote_byline: identity.Byline | None


def thread_replies(*, viewer, thread: Thread) -> list[ReplyView]:
    muted = set(muted_ids(viewer.pk).values_list("muted_id", flat=True)) \
        if is_signed_in(viewer) else set()
    moderator = is_moderator(viewer)
    views = []
    for reply in (Reply.objects.filter(thread=thread)
                  .select_related("author__profile", "quote_of__author__profile")
                  .order_by("created_at", "pk")):
        mine = identity.is_author(reply, viewer)
        if reply.status == Status.PENDING:
            if not (mine or moderator):
                continue
        elif reply.status != Status.PUBLISHED:
            continue
        elif reply.hidden_at is not None:
            if not (mine or moderator):
                continue
        elif not reply.is_anonymous and reply.author_id in muted:
            continue
        quoted = reply.quote_of
        views.append(ReplyView(
            reply=reply, byline=identity.byline(reply, viewer),
            # Only when both are named or both anonymous: an anonymous reply marked as the
            # named thread author's would give them away.
            by_thread_author=reply.author_id is not None
            and reply.author_id == thread.author_id and reply.is_anonymous == thread.is_anonymous,
            is_pending=reply.status == Status.PENDING, is_hidden=reply.hidden_at is not None,
            is_accepted=thread.accepted_reply_id == reply.pk,
            quote_byline=identity.byline(quoted, viewer) if quoted is not None else None,
        ))
    return views


def reply_get_for_viewer(*, viewer, reply_id: int) -> Reply:
    reply = Reply.objects.select_related("thread__category", "author__profile").filter(
        pk=reply_id, thread__in=threads_visible_to(viewer=viewer)).first()
    if reply is None or not (reply.is_live or identity.is_author(reply, viewer)):
        raise Http404("No such reply.")
    return reply


def is_subscribed_to_thread(*, viewer, thread: Thread) -> bool:
    return is_signed_in(viewer) and ThreadSubscription.objects.filter(
        user=viewer, thread=thread).exists()


def is_subscribed_to_category(*, viewer, category: Category) -> bool:
    return is_signed_in(viewer) and CategorySubscription.objects.filter(
        user=viewer, category=category).exists()
