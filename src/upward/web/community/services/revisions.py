"""The edit history of comments, discussions and replies: the words as they were
before each edit, by the author or by a moderator (with the moderator's reason).

Stories keep theirs in ``StoryRevision`` (``services.stories.store_revision``);
this is the same idea for the shorter posts, which have only a body (and a
discussion a title).
"""

from __future__ import annotations

from upward.web.community.models import PostRevision, Reply, StoryComment, Thread

Post = StoryComment | Thread | Reply
FIELD = {StoryComment: "comment", Thread: "thread", Reply: "reply"}


def words(post: Post) -> dict[str, str]:
    """The post's words as they are now."""
    kept = {"body": post.body}
    if isinstance(post, Thread):
        kept["title"] = post.title
    return kept


def store_post_revision(post: Post, before: dict[str, str], *, editor,
                        by_moderator: bool = False, reason: str = "") -> PostRevision | None:
    """Keep ``before`` (from :func:`words`) in the post's history if the edit changed
    the words. Call it after the edited post is saved, in the same transaction."""
    if words(post) == before:
        return None
    return PostRevision.objects.create(**{FIELD[type(post)]: post},
                                       title=before.get("title", ""),
                                       body=before["body"], editor=editor,
                                       by_moderator=by_moderator, reason=reason[:300])
