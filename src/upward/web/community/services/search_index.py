"""Keeping the shared search index (``upward.web.core.search``) in step with stories,
discussions and replies.

Every write that changes a post's text calls one of these. What is indexed for each
kind is said once, in ``upward.web.community.content``; visibility is not stored:
the search asks the community's selectors on every search, so a withdrawn or hidden
post disappears from results at once even before it is re-indexed.
"""

from __future__ import annotations

from upward.web.community.models import Reply, Story, Thread
from upward.web.core.search.services import search_index, search_reindex_all, search_retitle

COMMUNITY_KINDS = ("story", "thread", "reply")


def index_story(story: Story) -> None:
    search_index(story)


def index_thread(thread: Thread) -> None:
    """The discussion, and the title its replies are found under (whoever changed it:
    a title a moderator edited out must stop matching through the replies too)."""
    search_index(thread)
    search_retitle(model=Reply, ids=Reply.objects.filter(thread=thread).values("pk"),
                   title=thread.title)


def index_reply(reply: Reply) -> None:
    search_index(reply)


def reindex_all() -> int:
    """Rebuild every community entry (after a bulk import, or a change to the rules)."""
    return search_reindex_all(kinds=COMMUNITY_KINDS)
