"""Reading one's own notifications and settings."""

from __future__ import annotations

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from upward.web.accounts.models import User
from upward.web.accounts.viewer import VIEWER_ANNOTATIONS
from upward.web.community.access import is_signed_in
from upward.web.community.models import Mute, Notification


def notifications_for(*, viewer) -> QuerySet[Notification]:
    if not is_signed_in(viewer):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=viewer).order_by("-created_at", "-pk")


def unread_count(*, viewer) -> int:
    if not is_signed_in(viewer):
        return 0
    return Notification.objects.filter(recipient=viewer, read_at=None).count()


UNREAD = "upward_unread_notifications"


def _unread_of_user_row():
    return Coalesce(Subquery(
        Notification.objects.filter(recipient_id=OuterRef("pk"), read_at=None).order_by()
        .values("recipient_id").annotate(n=Count("pk")).values("n")), 0)


# Loaded with the signed-in person on every request (upward.web.accounts.viewer).
VIEWER_ANNOTATIONS[UNREAD] = _unread_of_user_row


def unread_for_header(*, viewer) -> int:
    """The unread count for the header's badge: as loaded with the request's user
    when it was (no query), else counted."""
    if not is_signed_in(viewer):
        return 0
    loaded = getattr(viewer, UNREAD, None)
    return int(loaded) if loaded is not None else unread_count(viewer=viewer)


def name_and_unread(*, viewer) -> tuple[str, int]:
    """``viewer.display_name`` and their unread count (for shared pages): as loaded
    with the request's user, or in one query."""
    loaded = getattr(viewer, UNREAD, None)
    if loaded is not None:
        return viewer.display_name, int(loaded)
    row = User.objects.filter(pk=viewer.pk).values_list(
        "profile__display_name", _unread_of_user_row()).first()
    if row is None:
        return viewer.display_name, unread_count(viewer=viewer)
    name, count = row
    return (name if name is not None else viewer.email.split("@")[0]), count


def muted_members(*, viewer):
    return (Mute.objects.filter(user=viewer).select_related("muted__profile")
            .order_by("muted__profile__display_name"))


def has_muted(*, viewer, member_id: int) -> bool:
    return is_signed_in(viewer) and Mute.objects.filter(user=viewer, muted_id=member_id).exists()
