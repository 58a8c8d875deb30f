"""The community as a client of the shared platform: stories, comments, discussions and
replies registered as content (``upward.web.core.content.registry``), so the one
search finds them, members flag them into the review queue and notifications link to
them — and the community's notification kinds, digest section and mutes.

Every question core asks is answered from the same selectors as the pages, so the
visibility rules stay written once.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from upward.web.community.access import is_network_member
from upward.web.community.models import (
    IMMEDIATE_KINDS,
    PROMPTS,
    NotificationKind,
    Reply,
    Status,
    Story,
    StoryComment,
    Thread,
)
from upward.web.community.posts import (
    KIND_LABELS,
    POST_KINDS,
    RELATED,
    history_url,
    post_title,
    post_url,
    text_of,
    with_history,
)
from upward.web.core.content.identity import indexed_author_name
from upward.web.core.content.registry import (
    ReviewFacts,
    SearchDocument,
    SearchFacts,
    register,
)
from upward.web.core.content.rendering import plain_text
from upward.web.core.notifications.kinds import (
    register_digest_section,
    register_notification_kind,
    register_settings_page,
    register_unwanted_sender,
)

STORIES_PER_DIGEST = 3


# --- flags and the review queue -------------------------------------------------------------


class PostFlags:
    """Flagging one kind of post, and how the review queue shows it."""

    def __init__(self, kind: str):
        self.kind = kind
        self.model = POST_KINDS[kind]

    def get_for_reader(self, *, viewer, pk: int):
        from upward.web.community.selectors.moderation import post_get_for_viewer

        return post_get_for_viewer(viewer=viewer, kind=self.kind, post_id=pk)

    def can_flag(self, *, viewer, obj) -> bool:
        from upward.web.community.selectors.discussions import can_see_thread
        from upward.web.community.selectors.stories import can_see_story

        if not obj.is_live:
            return False
        if isinstance(obj, Story):
            return can_see_story(viewer=viewer, story=obj)
        if isinstance(obj, StoryComment):
            return can_see_story(viewer=viewer, story=obj.story)
        if isinstance(obj, Thread):
            return can_see_thread(viewer=viewer, thread=obj)
        return can_see_thread(viewer=viewer, thread=obj.thread)

    def get_for_moderation(self, *, pk: int):
        post = self.model.objects.select_related(*RELATED[self.kind]).filter(pk=pk).first()
        if post is None or post.status in (Status.DRAFT, Status.WITHDRAWN):
            return None
        return post

    def for_review(self, ids: list[int]):
        return with_history(self.model.objects.filter(pk__in=ids)
                            .select_related(*RELATED[self.kind]))

    def review(self, obj) -> ReviewFacts:
        return ReviewFacts(title=post_title(obj), text=text_of(obj), url=post_url(obj),
                           history_url=history_url(self.kind, obj))

    def hide_until_reviewed(self, obj, *, reason: str) -> bool:
        from upward.web.community.services.moderation import refresh_counts

        if obj.hidden_at is not None:
            return False
        obj.hidden_at = timezone.now()
        obj.hidden_reason = reason
        obj.save(update_fields=["hidden_at", "hidden_reason"])
        refresh_counts(obj)
        return True

    def show_after_review(self, obj) -> bool:
        from upward.web.community.services.moderation import refresh_counts

        if obj.hidden_at is None or not obj.hidden_reason.startswith("Hidden automatically"):
            return False
        obj.hidden_at, obj.hidden_reason = None, ""
        obj.save(update_fields=["hidden_at", "hidden_reason"])
        refresh_counts(obj)
        return True


class PostLinks:
    """Where a notification about a post takes the person."""

    def url(self, obj) -> str:
        return post_url(obj)


# --- search ---------------------------------------------------------------------------------


def story_text(story: Story) -> str:
    parts = [story.cover_quote] + [getattr(story, f) for f in PROMPTS] + [story.body]
    parts += [tag.name for tag in story.tags.all()]
    return "\n".join(plain_text(p) for p in parts if p)


class _PostSearch:
    kind = ""
    model: type = Story

    def named_by(self, user_id: int) -> QuerySet:
        return self.model.objects.filter(is_anonymous=False, author_id=user_id).values("pk")


class StorySearch(_PostSearch):
    kind, model = "story", Story
    filters = frozenset({"tag"})

    def document(self, obj: Story) -> SearchDocument:
        return SearchDocument(obj.title, story_text(obj), indexed_author_name(obj))

    def visible_ids(self, *, viewer, ids, filters) -> set[int]:
        from upward.web.community.selectors.stories import stories_visible_to

        stories = stories_visible_to(viewer=viewer).filter(pk__in=ids)
        if filters.get("tag"):
            stories = stories.filter(tags__slug=filters["tag"])
        return set(stories.values_list("pk", flat=True))

    def results(self, ids) -> dict[int, Story]:
        return {story.pk: story for story in Story.objects.filter(pk__in=ids)
                .select_related("author__profile").prefetch_related("tags")}

    def facts(self, obj: Story) -> SearchFacts:
        return SearchFacts(url=reverse("community:story", args=[obj.pk]), when=obj.visible_from,
                           context=", ".join(tag.name for tag in obj.tags.all()))

    def everything(self):
        return Story.objects.select_related("author__profile").prefetch_related("tags")


class ThreadSearch(_PostSearch):
    kind, model = "thread", Thread
    filters = frozenset({"category"})

    def document(self, obj: Thread) -> SearchDocument:
        return SearchDocument(obj.title, plain_text(obj.body), indexed_author_name(obj))

    def visible_ids(self, *, viewer, ids, filters) -> set[int]:
        from upward.web.community.selectors.discussions import threads_visible_to

        threads = threads_visible_to(viewer=viewer).filter(pk__in=ids)
        if filters.get("category"):
            threads = threads.filter(category__slug=filters["category"])
        return set(threads.values_list("pk", flat=True))

    def results(self, ids) -> dict[int, Thread]:
        return {thread.pk: thread for thread in Thread.objects.filter(pk__in=ids)
                .select_related("author__profile", "category")}

    def facts(self, obj: Thread) -> SearchFacts:
        return SearchFacts(url=reverse("community:thread", args=[obj.pk]), when=obj.created_at,
                           context=obj.category.name)

    def everything(self):
        return Thread.objects.select_related("author__profile")


class ReplySearch(_PostSearch):
    kind, model = "reply", Reply
    filters = frozenset({"category"})

    def document(self, obj: Reply) -> SearchDocument:
        # Found under its discussion's title (``index_thread`` keeps that in step).
        return SearchDocument(obj.thread.title, plain_text(obj.body), indexed_author_name(obj))

    def visible_ids(self, *, viewer, ids, filters) -> set[int]:
        from upward.web.community.selectors.search import replies_visible_to

        replies = replies_visible_to(viewer).filter(pk__in=ids)
        if filters.get("category"):
            replies = replies.filter(thread__category__slug=filters["category"])
        return set(replies.values_list("pk", flat=True))

    def results(self, ids) -> dict[int, Reply]:
        return {reply.pk: reply for reply in Reply.objects.filter(pk__in=ids)
                .select_related("author__profile", "thread__category")}

    def facts(self, obj: Reply) -> SearchFacts:
        return SearchFacts(
            url=reverse("community:thread", args=[obj.thread_id]) + f"#reply-{obj.pk}",
            when=obj.created_at, context=obj.thread.category.name)

    def everything(self):
        return Reply.objects.select_related("author__profile", "thread")


# --- notifications -------------------------------------------------------------------------


def _mutes(recipient, sender) -> bool:
    from upward.web.community.selectors.notifications import has_muted

    return has_muted(viewer=recipient, member_id=sender.pk)


def _helpful_stories(user, since, now) -> list[tuple[str, str]]:
    """The most helpful stories since someone's last digest (never the same twice)."""
    from upward.web.community.selectors.stories import story_feed

    if not is_network_member(user):
        return []
    stories = story_feed(viewer=user, sort="helpful").filter(
        visible_from__gt=since)[:STORIES_PER_DIGEST]
    return [(story.title, reverse("community:story", args=[story.pk])) for story in stories]


def register_community_content() -> None:
    """Plug the community into the shared platform (from ``CommunityConfig.ready``)."""
    links = PostLinks()
    searches = {"story": StorySearch(), "thread": ThreadSearch(), "reply": ReplySearch()}
    for kind, model in POST_KINDS.items():
        register(model, key=kind, label=KIND_LABELS[kind], audit_prefix="community",
                 searchable=searches.get(kind), flaggable=PostFlags(kind), notifiable=links)
    for kind in NotificationKind:
        register_notification_kind(kind.value, kind.label,
                                   email_at_once=kind in IMMEDIATE_KINDS)
    register_settings_page("community:settings")
    register_unwanted_sender(_mutes)
    register_digest_section("The week's most helpful stories:", _helpful_stories)
