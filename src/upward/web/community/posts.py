"""The four kinds of post — stories, comments, discussions and replies — by name: their
labels, addresses and titles. Reads and writes both use these; nothing here queries."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.urls import reverse

from upward.web.community.models import Reply, Story, StoryComment, Thread
from upward.web.core.content.rendering import excerpt

POST_KINDS: dict[str, type] = {"story": Story, "comment": StoryComment, "thread": Thread,
                               "reply": Reply}
KIND_OF = {model: kind for kind, model in POST_KINDS.items()}
KIND_LABELS = {"story": "story", "comment": "comment", "thread": "discussion", "reply": "reply"}
# What the review queue and moderators' pages load with each kind.
RELATED = {
    "story": ("author__profile",),
    "comment": ("author__profile", "story"),
    "thread": ("author__profile", "category"),
    "reply": ("author__profile", "thread"),
}


def kind_of(post) -> str:
    return KIND_OF[type(post)]


def story_url(story: Story) -> str:
    return reverse("community:story", args=[story.pk])


def comment_url(comment: StoryComment) -> str:
    return reverse("community:story", args=[comment.story_id]) + f"#comment-{comment.pk}"


def thread_url(thread: Thread) -> str:
    return reverse("community:thread", args=[thread.pk])


def reply_url(reply: Reply) -> str:
    return reverse("community:thread", args=[reply.thread_id]) + f"#reply-{reply.pk}"


def post_url(post) -> str:
    if isinstance(post, Story):
        return story_url(post)
    if isinstance(post, StoryComment):
        return comment_url(post)
    if isinstance(post, Thread):
        return thread_url(post)
    return reply_url(post)


def post_title(post) -> str:
    if isinstance(post, Story | Thread):
        return post.title
    if isinstance(post, StoryComment):
        return post.story.title
    return post.thread.title


def with_history(posts: QuerySet) -> QuerySet:
    """``posts`` with ``revision_count``: stories count StoryRevision, other posts
    PostRevision (both are "revisions")."""
    return posts.annotate(revision_count=Count("revisions", distinct=True))


def history_url(kind: str, post) -> str | None:
    """The post's earlier versions, when it has any (``revision_count`` from
    :func:`with_history`)."""
    if not getattr(post, "revision_count", 0):
        return None
    if kind == "story":
        return reverse("community:story_history", args=[post.pk])
    return reverse("community:post_history", args=[kind, post.pk])


def text_of(post) -> str:
    """What the review queue quotes of a post."""
    if isinstance(post, Story):
        return excerpt("\n\n".join([post.cover_quote, post.prompt_started, post.prompt_hard,
                                    post.prompt_turning, post.prompt_now, post.prompt_advice,
                                    post.body]), 600)
    return excerpt(post.body, 600)
