
"""The edit history of comments, discussions and replies, for the two kinds of
people who may read a post's old words: its author and the moderators.

Who edited is shown as "The author" or "A moderator", never a name, so the
history of an anonymous post cannot unmask its author.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from upward.web.community.access import is_moderator, is_signed_in
from upward.web.community.models import PostRevision, Reply, StoryComment, Thread
from upward.web.core.content import identity

HISTORY_KINDS: dict[str, type] = {"comment": StoryComment, "thread": Thread, "reply": Reply}
RELATED = {"comment": ("story",), "thread": ("category",), "reply": ("thread",)}


@dataclass(frozen=True)
class PostRevisionView:
    revision: PostRevision
    editor_label: str  # "The author" or "A moderator": never a name


def may_read_history(*, viewer, post) -> bool:
    return identity.is_author(post, viewer) or is_moderator(viewer)


def post_get_for_history(*, viewer, kind: str, post_id: int):
    """A comment, discussion or reply whose history ``viewer`` may read: their own, or
    any post for a moderator. 404 for everyone else, as for a missing post."""
    model = HISTORY_KINDS.get(kind)
    if model is None or not is_signed_in(viewer):
        raise Http404("No such post.")
    post = model.objects.select_related(*RELATED[kind]).filter(pk=post_id).first()
    if post is None or not may_read_history(viewer=viewer, post=post):
        raise Http404("No such post.")
    return post


def post_history(*, viewer, post) -> list[PostRevisionView]:
    """The post's earlier versions, newest first (none for people who may not read them)."""
    if not may_read_history(viewer=viewer, post=post):
        return []
    return [PostRevisionView(revision=r,
                             editor_label="A moderator" if r.by_moderator else "The author")
            for r in post.revisions.all()]
