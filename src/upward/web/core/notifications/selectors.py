"""Reading one's own notifications."""

from __future__ import annotations

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from upward.web.core.notifications.models import Notification, NotificationSettings


def _signed_in(viewer) -> bool:
    return bool(getattr(viewer, "is_authenticated", False) and viewer.is_active)


def notifications_for(*, viewer) -> QuerySet[Notification]:
    if not _signed_in(viewer):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=viewer).order_by("-created_at", "-pk")


def unread_count(*, viewer) -> int:
    if not _signed_in(viewer):
        return 0
    return Notification.objects.filter(recipient=viewer, read_at=None).count()


# The attribute the unread count is loaded into with the signed-in person
# (``upward.web.accounts.viewer`` annotates the user row with ``unread_of_user_row``).
UNREAD = "upward_unread_notifications"


def unread_of_user_row():
    """The unread count of the user row the query is about (``OuterRef("pk")``)."""
    return Coalesce(Subquery(
        Notification.objects.filter(recipient_id=OuterRef("pk"), read_at=None).order_by()
        .values("recipient_id").annotate(n=Count("pk")).values("n")), 0)


def unread_for_header(*, viewer) -> int:
    """The unread count for the header's badge: as loaded with the request's user
    when it was (no query), else counted."""
    if not _signed_in(viewer):
        return 0
    loaded = getattr(viewer, UNREAD, None)
    return int(loaded) if loaded is not None else unread_count(viewer=viewer)


def settings_of(*, viewer) -> NotificationSettings:
    """``viewer``'s settings as they are (the defaults, unsaved, if they never chose)."""
    found = NotificationSettings.objects.filter(user=viewer).first()
    return found if found is not None else NotificationSettings(user=viewer)


def notifications_export(*, user) -> list[Notification]:
    """Every notification ``user`` received, for their data download."""
    return list(Notification.objects.filter(recipient=user))
