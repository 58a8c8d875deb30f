"""The review queue: posts waiting for a moderator, flagged posts, hidden posts and
stories asking for a public page. Authors appear only through their bylines, so
an anonymous author stays anonymous to moderators too."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from upward.web.accounts.models import User
from upward.web.community import identity
from upward.web.community.access import is_lead, is_moderator
from upward.web.community.models import (
    Audience,
    Flag,
    Status,
    Story,
    Suspension,
    WatchedWord,
)
from upward.web.community.rendering import excerpt
from upward.web.community.services.moderation import (
    KIND_LABELS,
    POST_KINDS,
    kind_of,
    post_title,
    post_url,
)
from upward.web.core.roles import NETWORK_ROLES

RELATED = {
    "story": ("author__profile",),
    "comment": ("author__profile", "story"),
    "thread": ("author__profile", "category"),
    "reply": ("author__profile", "thread"),
}


@dataclass
class QueueItem:
    kind: str
    post: object
    byline: identity.Byline
    title: str
    text: str
    url: str
    flags: list[Flag] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def history_url(self) -> str | None:
        """The post's earlier versions, when it has any (``revision_count`` comes from
        :func:`_with_history`)."""
        if not getattr(self.post, "revision_count", 0):
            return None
        if self.kind == "story":
            return reverse("community:story_history", args=[self.post.pk])
        return reverse("community:post_history", args=[self.kind, self.post.pk])

    @property
    def can_suspend_author(self) -> bool:
        # Suspending the author of an anonymous post would tell moderators who it is.
        return not self.post.is_anonymous and self.post.author_id is not None


def _text_of(post) -> str:
    if isinstance(post, Story):
        return excerpt("\n\n".join([post.cover_quote, post.prompt_started, post.prompt_hard,
                                    post.prompt_turning, post.prompt_now, post.prompt_advice,
                                    post.body]), 600)
    return excerpt(post.body, 600)


def _item(post, viewer, flags=()) -> QueueItem:
    return QueueItem(kind=kind_of(post), post=post, byline=identity.byline(post, viewer),
                     title=post_title(post), text=_text_of(post), url=post_url(post),
                     flags=list(flags))


def _with_history(posts: QuerySet) -> QuerySet:
    # Stories count StoryRevision, other posts PostRevision: both are "revisions".
    return posts.annotate(revision_count=Count("revisions", distinct=True))


def _others(posts: QuerySet, viewer) -> QuerySet:
    """Leave out the viewer's own posts: nobody moderates their own."""
    return posts.exclude(author_id=viewer.pk)


def _open_flags_on_others(viewer) -> QuerySet[Flag]:
    return Flag.objects.filter(resolved_at=None).exclude(
        Q(story__author_id=viewer.pk) | Q(comment__author_id=viewer.pk)
        | Q(thread__author_id=viewer.pk) | Q(reply__author_id=viewer.pk))


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
    _require(viewer)
    grouped: dict[tuple[str, int], list[Flag]] = {}
    for flag in _open_flags_on_others(viewer).select_related("reporter__profile"):
        kind = next(k for k in POST_KINDS if getattr(flag, f"{k}_id"))
        grouped.setdefault((kind, getattr(flag, f"{kind}_id")), []).append(flag)
    items = []
    for kind, model in POST_KINDS.items():
        ids = [pk for (k, pk) in grouped if k == kind]
        for post in _with_history(_others(model.objects.filter(pk__in=ids), viewer)
                                  .select_related(*RELATED[kind])):
            items.append(_item(post, viewer, grouped[(kind, post.pk)]))
    return sorted(items, key=lambda item: (-len(item.flags), item.flags[0].created_at))


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
    """Any post, for a moderator acting on it (404 for others and unknown kinds)."""
    _require(viewer)
    model = POST_KINDS.get(kind)
    post = model.objects.select_related(*RELATED[kind]).filter(pk=post_id).first() \
        if model else None
    if post is None or post.status in (Status.DRAFT, Status.WITHDRAWN):
        raise Http404("No such post.")
    return post


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


def members_for_moderation(*, viewer, query: str) -> QuerySet[User]:
    """Network members a moderator may look up to suspend, by name or address."""
    _require(viewer)
    query = " ".join(query.split())[:100]
    if not query:
        return User.objects.none()
    return (User.objects.filter(is_active=True, role_assignments__role__in=NETWORK_ROLES)
            .filter(Q(profile__display_name__icontains=query) | Q(email__icontains=query))
            .select_related("profile").distinct().order_by("profile__display_name")[:20])


def member_for_moderation(*, viewer, user_id: int) -> User:
    _require(viewer)
    member = User.objects.filter(pk=user_id, is_active=True,
                                 role_assignments__role__in=NETWORK_ROLES) \
        .select_related("profile").first()
    if member is None:
        raise Http404("No such member.")
    return member

