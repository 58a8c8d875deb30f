"""A member's report about one piece of content, of any registered kind."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FlagReason(models.TextChoices):
    OFF_TOPIC = "off_topic", _("Off-topic")
    UNKIND = "unkind", _("Unkind or disrespectful")
    PERSONAL_DATA = "personal_data", _("Reveals someone's personal data")
    SPAM = "spam", _("Spam")
    OTHER = "other", _("Something else")


class Flag(models.Model):
    """A member's report about one story, comment, discussion, reply — or anything else
    registered as flaggable (``upward.web.core.content.registry``)."""

    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(max_length=16, choices=FlagReason.choices)
    note = models.CharField(max_length=500, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    resolution = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["resolved_at"], name="core_flag_open"),
                   models.Index(fields=["content_type", "object_id"], name="core_flag_target")]

    def __str__(self) -> str:
        return f"Flag #{self.pk} ({self.get_reason_display()})"
