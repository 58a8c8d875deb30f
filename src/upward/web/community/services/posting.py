"""Rules every post passes before it is saved: not suspended, within the new-member
rate limit, and screened against the watched words."""

from __future__ import annotations

import re
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format

from upward.web.community.access import is_moderator, is_signed_in
from upward.web.community.models import (
    Reply,
    Story,
    StoryComment,
    Suspension,
    Thread,
    WatchedAction,
    WatchedWord,
)
from upward.web.core.errors import ApplicationError


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def active_suspension(user) -> Suspension | None:
    now = timezone.now()
    return (Suspension.objects.filter(user=user, lifted_at=None, starts_at__lte=now,
                                      ends_at__gt=now).order_by("-ends_at").first())


def ensure_can_take_part(actor) -> None:
    """Signed in and not suspended: needed to post, comment, react, share or flag."""
    if not is_signed_in(actor):
        raise ApplicationError("Sign in to take part.", status=403)
    suspension = active_suspension(actor)
    if suspension is not None:
        until = date_format(timezone.localtime(suspension.ends_at), "j F Y, H:i")
        raise ApplicationError(
            f"You cannot post until {until}: a moderator suspended your posting "
            f"({suspension.reason}). You can still read everything.",
            status=403,
        )


def ensure_within_rate_limit(actor) -> None:
    """New members may post only so often while they settle in (moderators never wait)."""
    if is_moderator(actor):
        return
    now = timezone.now()
    new_for = timedelta(days=_setting("UPWARD_COMMUNITY_NEW_MEMBER_DAYS", 7))
    if actor.date_joined <= now - new_for:
        return
    per_hour = _setting("UPWARD_COMMUNITY_NEW_MEMBER_POSTS_PER_HOUR", 10)
    since = now - timedelta(hours=1)
    times = sorted(
        created
        for model in (Story, StoryComment, Thread, Reply)
        for created in model.objects.filter(author=actor, created_at__gte=since)
        .values_list("created_at", flat=True)
    )
    if len(times) >= per_hour:
        again = timezone.localtime(times[-per_hour] + timedelta(hours=1))
        raise ApplicationError(
            f"While you are new here you can post {per_hour} times an hour, to keep out "
            f"spam. You can post again at {again:%H:%M}; your text has not been lost.",
            status=429,
        )


def _pattern(phrase: str) -> re.Pattern:
    # Whole words only; "*" matches the rest of a word ("idiot*" → "idiots").
    body = re.escape(phrase.strip()).replace(r"\*", r"\w*")
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def screen(texts: dict[str, str]) -> tuple[dict[str, str], bool]:
    """Apply the watched words to a post's text fields.

    Returns the (possibly rewritten) texts and whether the post must be held for
    review. Raises ``ApplicationError`` naming the phrase when one blocks it.
    """
    words = list(WatchedWord.objects.all())
    if not words:
        return texts, False
    held = False
    result = dict(texts)
    for word in words:
        pattern = _pattern(word.phrase)
        for field, value in result.items():
            if not value or not pattern.search(value):
                continue
            if word.action == WatchedAction.BLOCK:
                raise ApplicationError(
                    f"Your post contains “{word.phrase}”, which is not allowed here. "
                    "Please reword it and try again.",
                    field=field,
                )
            if word.action == WatchedAction.HOLD:
                held = True
            else:
                result[field] = pattern.sub(word.replacement, value)
    return result, held
