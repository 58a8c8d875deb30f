"""The append-only audit log of sensitive actions."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class AuditLogIsAppendOnly(Exception):
    """Raised on any attempt to change or remove an audit entry."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditLogIsAppendOnly("Audit log entries cannot be changed.")

    def delete(self):
        raise AuditLogIsAppendOnly("Audit log entries cannot be deleted.")


class AuditEntry(models.Model):
    """One sensitive action: who did what, to which object, and when.

    The actor is kept as an id and a label captured at the time (not a foreign
    key) so deleting an account neither rewrites nor removes the history.
    Updates and deletes are refused here and, for updates on every database and
    deletes on PostgreSQL, by triggers in the database itself.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    actor_label = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField(max_length=254, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label or 'system'} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AuditLogIsAppendOnly("Audit log entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("Audit log entries cannot be deleted.")


class ThrottleHit(models.Model):
    """One counted request for a throttle (``upward.web.core.throttle``).

    ``key`` is a keyed hash of what is counted (an email address, a client IP), so
    the table holds no addresses people typed, whether or not they have an account.
    """

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "at"], name="throttle_lookup")]


class ScheduledJob(models.Model):
    """When a periodic job (``upward.web.core.jobs``) runs next, and how its last run went.

    One row per job. A worker claims a run by moving ``next_run_at`` on, in one
    conditional ``UPDATE`` that only one worker can win, so several workers on several
    machines never run the same occurrence twice.
    """

    name = models.CharField(max_length=100, primary_key=True)
    next_run_at = models.DateTimeField()
    # Set while a run is under way (and cleared when it ends), so a slow run is not
    # overlapped by the next occurrence; a run that outlives the job's timeout (a
    # worker that died mid-run) no longer holds the job.
    running_since = models.DateTimeField(null=True, blank=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_succeeded = models.BooleanField(null=True)
    last_result = models.CharField(max_length=300, blank=True)
    last_worker = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# The shared platform's tables (app label "core"), defined with the code that uses them.
from upward.web.core.flags.models import Flag, FlagReason  # noqa: E402,F401
from upward.web.core.notifications.models import (  # noqa: E402,F401
    Notification,
    NotificationSettings,
)
from upward.web.core.search.models import SearchEntry  # noqa: E402,F401
