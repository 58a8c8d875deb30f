"""The kinds of notification apps send, and where people change how they hear.

An app registers its kinds once, from ``AppConfig.ready()``::

    register_notification_kind("mention", "Mentions of you", email_at_once=True)

A kind with ``email_at_once`` is emailed as soon as it happens (unless the person
turned that off); every other kind waits for the weekly digest. Apps may also add a
section to the digest (``register_digest_section``) and say whom a person does not
want to hear from (``register_unwanted_sender``: the community's mutes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class NotificationKind:
    key: str
    label: str
    email_at_once: bool


_KINDS: dict[str, NotificationKind] = {}
# The URL name of the page where people choose how they hear (linked from every email).
_SETTINGS_PAGE: list[str] = []


def register_notification_kind(key: str, label: str, *,
                               email_at_once: bool = False) -> NotificationKind:
    if not key or len(key) > 30:
        raise ImproperlyConfigured(f"Notification kind {key!r}: use 1 to 30 characters.")
    kind = NotificationKind(key, str(label), email_at_once)
    if key in _KINDS and _KINDS[key] != kind:
        raise ImproperlyConfigured(f"Notification kind {key!r} is already registered "
                                   "differently.")
    _KINDS[key] = kind
    return kind


def notification_kind(key: str) -> NotificationKind:
    try:
        return _KINDS[key]
    except KeyError:
        raise LookupError(f"Unknown notification kind {key!r}: register it with "
                          "register_notification_kind.") from None


def notification_kinds() -> list[NotificationKind]:
    return list(_KINDS.values())


def register_settings_page(url_name: str) -> None:
    """Name the page where people change their notification settings."""
    _SETTINGS_PAGE[:] = [url_name]


def settings_page() -> str | None:
    return _SETTINGS_PAGE[0] if _SETTINGS_PAGE else None


# (recipient, sender) -> True when the recipient does not want to hear from the sender.
UnwantedSender = Callable[[object, object], bool]
_UNWANTED: list[UnwantedSender] = []


def register_unwanted_sender(check: UnwantedSender) -> None:
    if check not in _UNWANTED:
        _UNWANTED.append(check)


def unwanted_senders() -> list[UnwantedSender]:
    return list(_UNWANTED)


# (user, since, now) -> [(title, path)]: what an app adds to someone's weekly digest.
DigestEntries = Callable[[object, datetime, datetime], Iterable[tuple[str, str]]]
_DIGEST_SECTIONS: dict[str, DigestEntries] = {}


def register_digest_section(heading: str, entries: DigestEntries) -> None:
    """Add a section headed ``heading`` to the weekly digest: ``entries(user, since,
    now)`` gives (title, path) pairs of what is new for ``user`` (nothing: no section)."""
    _DIGEST_SECTIONS[heading] = entries


def digest_sections() -> list[tuple[str, DigestEntries]]:
    return list(_DIGEST_SECTIONS.items())
