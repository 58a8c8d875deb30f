"""Telling people things: in the app, by email at once, or in the weekly digest.

Emails leave through the task queue (:func:`upward.web.core.jobs.send_email_later`):
the request that causes a notification never waits on the mail server, and the worker
sends it once the change commits.

Texts are written by the calling app from names that
:mod:`upward.web.core.content.identity` allows anyone to see, so a notification can
never carry an anonymous author's name; :func:`notify_about` takes the link and the
sender from a registered kind of content so that rule is kept for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Left, Substr
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from upward.web.core.content.identity import named_author
from upward.web.core.content.registry import kind_of
from upward.web.core.errors import ApplicationError
from upward.web.core.jobs import send_email_later
from upward.web.core.links import absolute_url
from upward.web.core.notifications import kinds
from upward.web.core.notifications.models import Notification, NotificationSettings

DIGEST_EVERY = timedelta(days=7)


def notification_settings(user) -> NotificationSettings:
    found, _ = NotificationSettings.objects.get_or_create(user=user)
    return found


@transaction.atomic
def notification_settings_update(*, user, email_at_once: dict[str, bool],
                                 weekly_digest: bool) -> NotificationSettings:
    """Choose which kinds are emailed at once (only kinds that are, by default) and
    whether to get the weekly digest."""
    found = notification_settings(user)
    off = set(found.email_off)
    for key, wanted in email_at_once.items():
        try:
            kind = kinds.notification_kind(key)
        except LookupError:
            raise ApplicationError(f"Unknown kind of notification: {key}.") from None
        if not kind.email_at_once:
            raise ApplicationError(f"“{kind.label}” are not emailed at once: they wait for "
                                   "the weekly digest.")
        (off.discard if wanted else off.add)(key)
    found.email_off = sorted(off)
    found.weekly_digest = bool(weekly_digest)
    found.full_clean()
    found.save()
    return found


def _wants_email(recipient, kind: str) -> bool:
    if not kinds.notification_kind(kind).email_at_once:
        return False
    return notification_settings(recipient).emails_at_once(kind)


def notify(*, recipient, kind: str, text: str, url: str = "", sender=None) -> Notification | None:
    """Tell ``recipient`` something, in the app and (for kinds emailed at once, if they
    want it) by email. ``sender`` is the named person who caused it, if any: nobody
    hears from themselves or from someone a registered check says they do not want to
    hear from (a mute). Pass no sender for anonymous posts."""
    kinds.notification_kind(kind)  # an unknown kind is a programming error
    if recipient is None or not recipient.is_active:
        return None
    if sender is not None:
        if sender.pk == recipient.pk:
            return None
        if any(unwanted(recipient, sender) for unwanted in kinds.unwanted_senders()):
            return None
    notification = Notification.objects.create(recipient=recipient, kind=kind, sender=sender,
                                               text=text[:300], url=url[:300])
    if _wants_email(recipient, kind):
        _email_later(notification)
    return notification


def notify_about(*, recipient, kind: str, target, text: str) -> Notification | None:
    """:func:`notify` about ``target``, registered content: the notification links to
    it and is sent by its author only when it is named (never for anonymous content)."""
    notifiable = kind_of(target).notifiable
    if notifiable is None:
        raise LookupError(f"{type(target).__name__} is not registered as notifiable.")
    return notify(recipient=recipient, kind=kind, text=text, url=notifiable.url(target),
                  sender=named_author(target))


def notifications_sender_renamed(*, user, old_name: str, new_name: str) -> int:
    """Notifications ``user`` caused begin with their name (the texts apps write): after
    they change it, show the new one. Returns how many changed."""
    return Notification.objects.filter(sender=user, text__startswith=f"{old_name} ").update(
        text=Left(Concat(Value(new_name), Substr("text", len(old_name) + 1)), 300))


def _settings_link() -> str:
    page = kinds.settings_page()
    return absolute_url(reverse(page)) if page else absolute_url("/")


def _email_later(notification: Notification) -> None:
    """Queue ``notification``'s email for the worker (sent only if the change that caused
    it commits) and mark it emailed, so the weekly digest does not repeat it."""
    body = render_to_string("core/email/notification.txt", {
        "notification": notification, "link": absolute_url(notification.url),
        "settings_link": _settings_link(),
    })
    send_email_later(subject=f"Upward: {notification.text}"[:150], body=body,
                     to=notification.recipient.email)
    notification.emailed_at = timezone.now()
    Notification.objects.filter(pk=notification.pk).update(emailed_at=notification.emailed_at)


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


# --- the weekly digest -----------------------------------------------------------------------


def digest_since(user, now: datetime) -> datetime:
    """Where ``user``'s next digest starts: their last one, or a week ago."""
    return notification_settings(user).last_digest_at or (now - DIGEST_EVERY)


def digest_send(*, user, now: datetime | None = None) -> bool:
    """Email ``user`` one digest of what they have not read or been emailed about, with
    what each registered digest section adds.

    Returns False (and sends nothing) when there is nothing new.
    """
    now = now or timezone.now()
    prefs = notification_settings(user)
    since = prefs.last_digest_at or (now - DIGEST_EVERY)
    items = list(Notification.objects.filter(recipient=user, read_at=None, emailed_at=None,
                                             created_at__gt=since, created_at__lte=now)
                 .order_by("created_at"))
    sections = []
    for heading, entries in kinds.digest_sections():
        found = [(title, absolute_url(path)) for title, path in entries(user, since, now)]
        if found:
            sections.append((heading, found))
    if not items and not sections:
        return False
    body = render_to_string("core/email/digest.txt", {
        "items": [(n, absolute_url(n.url)) for n in items], "sections": sections,
        "settings_link": _settings_link(),
    })
    send_mail("Your week in the network", body, None, [user.email])
    Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=now)
    prefs.last_digest_at = now
    prefs.save(update_fields=["last_digest_at"])
    return True


@dataclass(frozen=True)
class DigestRun:
    sent: int = 0
    nothing_new: int = 0
    already_sent: int = 0

    def __str__(self) -> str:
        return f"Sent {self.sent} digest(s); {self.nothing_new} had nothing new."


def digest_send_due(*, user, now: datetime) -> bool | None:
    """Send ``user`` their digest if they are still due one: True if sent, False if there
    was nothing new, None if they are no longer due (another worker has just sent it, or
    they turned it off). Their settings row is locked while it is decided and sent, so two
    workers never both send it."""
    notification_settings(user)
    with transaction.atomic():
        prefs = NotificationSettings.objects.select_for_update().get(user=user)
        if not prefs.weekly_digest or (prefs.last_digest_at is not None
                                       and prefs.last_digest_at > now - DIGEST_EVERY):
            return None
        return digest_send(user=user, now=now)


def digests_send(*, now: datetime | None = None) -> DigestRun:
    """Email the weekly digest to everyone who asked for it and is due one."""
    now = now or timezone.now()
    counts: dict[bool | None, int] = {True: 0, False: 0, None: 0}
    for user in digests_due(now=now).iterator():
        counts[digest_send_due(user=user, now=now)] += 1
    return DigestRun(sent=counts[True], nothing_new=counts[False], already_sent=counts[None])


def digests_due(*, now: datetime | None = None) -> Iterable:
    """People who asked for the weekly digest and have not had one for a week."""
    now = now or timezone.now()
    due = get_user_model().objects.filter(is_active=True).exclude(
        notification_settings__weekly_digest=False).exclude(
        notification_settings__last_digest_at__gt=now - DIGEST_EVERY)
    return due.order_by("pk")
