"""A notification and each person's notification preferences."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Notification(models.Model):
    """One in-app notification. ``text`` is written when it is created, with
    anonymity already applied, and never mentions an anonymous author."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="+")
    # The named person whose action this reports (never set for anonymous posts), so
    # the notification goes when they delete their account: its text names them.
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.CASCADE, related_name="+")
    # A key registered with ``upward.web.core.notifications.kinds``.
    kind = models.CharField(max_length=30)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="core_notification_unread")]

    def __str__(self) -> str:
        return self.text

    @property
    def is_anonymous(self) -> bool:
        """No named person caused it (an anonymous post or share, or Upward itself): its
        time is shown to the day only, like an anonymous post's."""
        return self.sender_id is None


class NotificationSettings(models.Model):
    """How one person wants to hear: which kinds are emailed at once, and the digest."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notification_settings")
    # Kinds that are emailed at once by default but that this person turned off.
    email_off = models.JSONField(default=list, blank=True)
    weekly_digest = models.BooleanField(default=True)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "notification settings"

    def __str__(self) -> str:
        return f"Notification settings of user #{self.user_id}"

    def emails_at_once(self, kind: str) -> bool:
        return kind not in self.email_off
