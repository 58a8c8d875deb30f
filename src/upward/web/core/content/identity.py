"""Who a post is shown as: the one place that reads a post's author for display.

A post is anything *authored*: it has ``author`` (a user, or None once they are gone),
``author_id`` and ``is_anonymous`` — stories, comments, discussions and replies today,
and whatever other apps register as content.

Every byline, notification sender, Atom author, API ``author`` field and search
document goes through these functions, so an anonymous author cannot be
revealed by one template or endpoint forgetting a check. So does the time shown
for an anonymous post (:func:`shown_time`): to the day only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

ANONYMOUS_LABEL = "Anonymous member"
FORMER_MEMBER_LABEL = "Former member"


@dataclass(frozen=True)
class Byline:
    """How a post's author is shown to one viewer."""

    label: str
    profile_id: int | None  # set only for named authors: links to their profile
    is_anonymous: bool
    is_viewer: bool  # the viewer wrote it (shown only to the author themselves)


def is_author(post, viewer) -> bool:
    return bool(getattr(viewer, "is_authenticated", False) and post.author_id is not None
                and post.author_id == viewer.pk)


def byline(post, viewer=None) -> Byline:
    """How ``post``'s author appears to ``viewer``."""
    mine = is_author(post, viewer)
    if post.is_anonymous:
        return Byline(ANONYMOUS_LABEL, None, True, mine)
    if post.author_id is None:
        return Byline(FORMER_MEMBER_LABEL, None, False, False)
    profile = getattr(post.author, "profile", None)
    name = profile.display_name if profile else FORMER_MEMBER_LABEL
    return Byline(name, profile.pk if profile else None, False, mine)


def named_author(post):
    """The person who wrote ``post`` when it is named (to send notifications as them);
    None for anonymous posts and former members."""
    if post.is_anonymous or post.author_id is None:
        return None
    return post.author


def public_name(post) -> str:
    """The name anyone may see for ``post`` (for notifications, feeds and search)."""
    return byline(post).label


def indexed_author_name(post) -> str:
    """The author name a search may match: empty for anonymous posts."""
    if post.is_anonymous or post.author_id is None:
        return ""
    return public_name(post)


def day_only(anonymous) -> bool:
    """Whether times are shown to the day only for ``anonymous``: a bool, or anything with
    ``is_anonymous`` (a post, a byline, a notification)."""
    if isinstance(anonymous, bool):
        return anonymous
    return bool(getattr(anonymous, "is_anonymous", False))


def shown_time(when: datetime | None, anonymous) -> datetime | None:
    """The time to show for ``when`` (see :func:`day_only`): for something anonymous the
    start of its day in the site's time zone, so pages, the API and feeds can only tell
    the day. A time to the minute (or the microsecond, in a ``datetime`` attribute)
    next to "Anonymous member" could be matched with who was at their desk, in a
    meeting or online just then. Anything named is shown as it is."""
    if when is None or not day_only(anonymous):
        return when
    return timezone.localtime(when).replace(hour=0, minute=0, second=0, microsecond=0)
