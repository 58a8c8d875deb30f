"""The community's side of notifications: @mentions, each member's community settings,
and what the community adds to the weekly digest. Sending, email, preferences and
the digest itself are the shared platform's (``upward.web.core.notifications``).

Texts are written here and in the other services from names that
:mod:`upward.web.core.content.identity` allows anyone to see, so a notification can
never carry an anonymous author's name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.urls import reverse

from upward.web.accounts.selectors import network_member_by_handle
from upward.web.community.models import MemberSettings, NotificationKind, OnDeletion
from upward.web.core.content.rendering import mention_handles
from upward.web.core.errors import ApplicationError
from upward.web.core.notifications.services import (  # noqa: F401 — the community's API
    digest_send,
    digests_due,
    notification_mark_read,
    notification_settings,
    notification_settings_update,
    notify,
)

MAX_MENTIONS = 20


def member_settings(user) -> MemberSettings:
    found, _ = MemberSettings.objects.get_or_create(user=user)
    return found


@transaction.atomic
def member_settings_update(*, user, email_mentions: bool, email_replies: bool,
                           weekly_digest: bool, on_account_deletion: str,
                           email_conversations: bool | None = None) -> MemberSettings:
    """Community → Settings: what is emailed at once, the digest, and what happens to
    one's posts when one deletes one's account."""
    if on_account_deletion not in OnDeletion.values:
        raise ApplicationError("Choose what happens to your posts if you delete your account.",
                               field="on_account_deletion")
    found = member_settings(user)
    found.on_account_deletion = on_account_deletion
    found.full_clean()
    found.save()
    email_at_once = {NotificationKind.MENTION: bool(email_mentions),
                     NotificationKind.REPLY: bool(email_replies)}
    if email_conversations is not None:  # None: leave as it is
        email_at_once[NotificationKind.CONVERSATION] = bool(email_conversations)
    notification_settings_update(user=user, weekly_digest=weekly_digest,
                                 email_at_once=email_at_once)
    return found


def notify_mentions(*, text: str, title: str, url: str, author_label: str, sender,
                    can_see: Callable[[AbstractBaseUser], bool],
                    skip: Iterable[int] = ()) -> list[AbstractBaseUser]:
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


def mentioned_users(handles: Iterable[str]) -> list[AbstractBaseUser]:
    """Active network members whose address starts with ``handle@``."""
    users = []
    for handle in handles:
        user = network_member_by_handle(handle)
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
