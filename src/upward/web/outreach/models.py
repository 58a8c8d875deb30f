"""The schools register: schools from GIAS, each import's report, and the offices
distances are measured from. No child's data is stored: schools are establishments,
and pupil numbers and free-school-meal percentages are the school's published totals."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class School(models.Model):
    """An establishment from the DfE's "Get Information about Schools" register, keyed by
    its URN. Schools that close are kept and marked (``is_open=False``), never deleted."""

    urn = models.PositiveIntegerField(unique=True, verbose_name="URN")
    name = models.CharField(max_length=300)
    type = models.CharField(max_length=200, blank=True)
    phase = models.CharField(max_length=100, blank=True)
    local_authority = models.CharField(max_length=200, blank=True)
    postcode = models.CharField(max_length=16, blank=True)
    pupils = models.PositiveIntegerField(null=True, blank=True)
    fsm_percent = models.FloatField(null=True, blank=True,
                                    verbose_name="pupils eligible for free school meals (%)")
    easting = models.PositiveIntegerField(null=True, blank=True)
    northing = models.PositiveIntegerField(null=True, blank=True)
    is_open = models.BooleanField(default=True)
    closed_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "urn"]
        indexes = [models.Index(fields=["local_authority"]), models.Index(fields=["phase"])]

    def __str__(self) -> str:
        return f"{self.name} (URN {self.urn})"


class SchoolImport(models.Model):
    """One import of a GIAS file and its report. ``problems`` lists the rows that were
    skipped: ``{"row": n, "urn": "…", "column": "…", "message": "…"}``."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    source_name = models.CharField(max_length=255)
    rows_read = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Schools import #{self.pk}: {self.source_name}"


class Office(models.Model):
    """One of the organisation's offices, for distances to schools (grid reference in
    metres on the British National Grid)."""

    name = models.CharField(max_length=120, unique=True)
    postcode = models.CharField(max_length=16, blank=True)
    easting = models.PositiveIntegerField()
    northing = models.PositiveIntegerField()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
