"""Notifications in the app and by email, mentions, preferences and the weekly digest.

Texts are written once, here, from names that :mod:`..identity` allows anyone
to see, so a notification can never carry an anonymous author's name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Left, Substr
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from upward.web.accounts.models import User
from upward.web.community.models import (
    IMMEDIATE_KINDS,
    MemberSettings,
    Mute,
    Notification,
    NotificationKind,
    OnDeletion,
)
from upward.web.community.rendering import mention_handles
from upward.web.core.errors import ApplicationError
from upward.web.core.roles import NETWORK_ROLES

DIGEST_EVERY = timedelta(days=7)
MAX_MENTIONS = 20


def site_url(path: str) -> str:
    base = settings.UPWARD_SITE_URL.rstrip("/")  # always set: upward.web.config
    return base + path


def member_settings(user) -> MemberSettings:
    found, _ = MemberSettings.objects.get_or_create(user=user)
    return found


@transaction.atomic
def member_settings_update(*, user, email_mentions: bool, email_replies: bool,
                           weekly_digest: bool, on_account_deletion: str) -> MemberSettings:
    if on_account_deletion not in OnDeletion.values:
        raise ApplicationError("Choose what happens to your posts if you delete your account.",
                               field="on_account_deletion")
    found = member_settings(user)
    found.email_mentions = bool(email_mentions)
    found.email_replies = bool(email_replies)
    found.weekly_digest = bool(weekly_digest)
    found.on_account_deletion = on_account_deletion
    found.full_clean()
    found.save()
    return found


def _wants_email(recipient, kind: str) -> bool:
    prefs = member_settings(recipient)
    if kind == NotificationKind.MENTION:
        return prefs.email_mentions
    if kind == NotificationKind.REPLY:
        return prefs.email_replies
    return False


def notify(*, recipient, kind: str, text: str, url: str = "", sender=None) -> Notification | None:
    """Tell ``recipient`` something, in the app and (for mentions and replies, if they
    want it) by email at once. ``sender`` is the named person who caused it, if any:
    nobody hears from someone they muted or from themselves. Pass no sender for
    anonymous posts."""
    if recipient is None or not recipient.is_active:
        return None
    if sender is not None:
        if sender.pk == recipient.pk:
            return None
        if Mute.objects.filter(user=recipient, muted=sender).exists():
            return None
    notification = Notification.objects.create(recipient=recipient, kind=kind, sender=sender,
                                               text=text[:300], url=url[:300])
    if kind in IMMEDIATE_KINDS and _wants_email(recipient, kind):
        transaction.on_commit(lambda: _email_now(notification.pk))
    return notification


def notifications_sender_renamed(*, user, old_name: str, new_name: str) -> int:
    """Notifications ``user`` caused begin with their name (see the texts written
    here): after they change it, show the new one. Returns how many changed."""
    return Notification.objects.filter(sender=user, text__startswith=f"{old_name} ").update(
        text=Left(Concat(Value(new_name), Substr("text", len(old_name) + 1)), 300))


def _email_now(notification_id: int) -> None:
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    body = render_to_string("community/email/notification.txt", {
        "notification": notification, "link": site_url(notification.url),
        "settings_link": site_url(reverse("community:settings")),
    })
    send_mail(f"Upward: {notification.text}"[:150], body, None, [notification.recipient.email])
    Notification.objects.filter(pk=notification_id).update(emailed_at=timezone.now())


def notify_mentions(*, text: str, title: str, url: str, author_label: str, sender,
                    can_see: Callable[[User], bool], skip: Iterable[int] = ()) -> list[User]:
    """Notify each @mentioned network member who can see the post. Returns them."""
    handles = mention_handles(text)[:MAX_MENTIONS]
    skip = set(skip)
    mentioned = []
    for user in mentioned_users(handles):
        if user.pk in skip or not can_see(user):
            continue
        if notify(recipient=user, kind=NotificationKind.MENTION, url=url, sender=sender,
                  text=f"{author_label} mentioned you in “{title}”"):
            mentioned.append(user)
    return mentioned


def mentioned_users(handles: Iterable[str]) -> list[User]:
    """Active network members whose address starts with ``handle@``."""
    users = []
    for handle in handles:
        user = (User.objects.filter(email__istartswith=f"{handle}@", is_active=True,
                                    role_assignments__role__in=NETWORK_ROLES)
                .select_related("profile").distinct().first())
        if user is not None:
            users.append(user)
    return users


def mention_links(text: str) -> dict[str, str]:
    """handle → profile URL for the @mentions in ``text`` that name a network member."""
    links = {}
    for user in mentioned_users(mention_handles(text)[:MAX_MENTIONS]):
        profile = getattr(user, "profile", None)
        if profile is not None:
            links[user.email.split("@")[0].lower()] = reverse("accounts:person", args=[profile.pk])
    return links


@transaction.atomic
def notification_mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one notification (or all of them) read. Returns how many changed."""
    unread = Notification.objects.filter(recipient=user, read_at=None)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
        if not unread.exists() and not Notification.objects.filter(
                recipient=user, pk=notification_id).exists():
            raise ApplicationError("That notification does not exist.", status=404)
    return unread.update(read_at=timezone.now())


def digest_send(*, user, now=None, stories=()) -> bool:
    """Email ``user`` one digest of what they have not read or been emailed about.

    Returns False (and sends nothing) when there is nothing new.
    """
    now = now or timezone.now()
    prefs = member_settings(user)
    since = prefs.last_digest_at or (now - DIGEST_EVERY)
    items = list(Notification.objects.filter(recipient=user, read_at=None, emailed_at=None,
                                             created_at__gt=since, created_at__lte=now)
                 .order_by("created_at"))
    stories = list(stories)
    if not items and not stories:
        return False
    body = render_to_string("community/email/digest.txt", {
        "items": [(n, site_url(n.url)) for n in items],
        "stories": [(s, site_url(reverse("community:story", args=[s.pk]))) for s in stories],
        "settings_link": site_url(reverse("community:settings")),
    })
    send_mail("Your week in the network", body, None, [user.email])
    Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=now)
    prefs.last_digest_at = now
    prefs.save(update_fields=["last_digest_at"])
    return True


def digests_due(*, now=None):
    """People who asked for the weekly digest and have not had one for a week."""
    now = now or timezone.now()
    due = User.objects.filter(is_active=True).exclude(
        community_settings__weekly_digest=False).exclude(
        community_settings__last_digest_at__gt=now - DIGEST_EVERY)
    return due.order_by("pk")
