"""Reading one's notifications (the shared platform's), community settings and mutes."""

from __future__ import annotations

from dataclasses import dataclass

from upward.web.accounts.selectors import person_row
from upward.web.community.access import is_signed_in
from upward.web.community.models import MemberSettings, Mute, NotificationKind, OnDeletion
from upward.web.core.notifications.selectors import (  # noqa: F401 — the community's API
    UNREAD,
    notifications_for,
    settings_of,
    unread_count,
    unread_for_header,
    unread_of_user_row,
)


def name_and_unread(*, viewer) -> tuple[str, int]:
    """``viewer.display_name`` and their unread count (for shared pages): as loaded
    with the request's user, or in one query."""
    loaded = getattr(viewer, UNREAD, None)
    if loaded is not None:
        return viewer.display_name, int(loaded)
    row = person_row(viewer.pk).values_list(
        "profile__display_name", unread_of_user_row()).first()
    if row is None:
        return viewer.display_name, unread_count(viewer=viewer)
    name, count = row
    return (name if name is not None else viewer.email.split("@")[0]), count


@dataclass(frozen=True)
class CommunitySettings:
    """What Community → Settings shows: how one hears, and what happens to one's posts."""

    email_mentions: bool
    email_replies: bool
    email_conversations: bool
    weekly_digest: bool
    on_account_deletion: str


def community_settings(*, viewer) -> CommunitySettings:
    notifications = settings_of(viewer=viewer)
    mine = MemberSettings.objects.filter(user=viewer).first()
    return CommunitySettings(
        email_mentions=notifications.emails_at_once(NotificationKind.MENTION),
        email_replies=notifications.emails_at_once(NotificationKind.REPLY),
        email_conversations=notifications.emails_at_once(NotificationKind.CONVERSATION),
        weekly_digest=notifications.weekly_digest,
        on_account_deletion=mine.on_account_deletion if mine else OnDeletion.ERASE)


def muted_members(*, viewer):
    return (Mute.objects.filter(user=viewer).select_related("muted__profile")
            .order_by("muted__profile__display_name"))


def has_muted(*, viewer, member_id: int) -> bool:
    return is_signed_in(viewer) and Mute.objects.filter(user=viewer, muted_id=member_id).exists()
