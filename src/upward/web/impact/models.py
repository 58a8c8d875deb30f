"""Outcome frameworks and their goals, the network's initiatives mapped to goals, and
each initiative's KPIs with a baseline, target and actual per year.

A framework is loaded from the shipped TOML (``upward.reports.frameworks``) and then
belongs to the organisation: a goal it edits is marked ``edited`` and never overwritten
by a later load. A computed KPI's actual keeps the inputs it was computed from and their
hash, so a report snapshot (the next part) can freeze the value with what it came from.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from upward.reports.pdf import LAYOUT_VERSION

MAX_TEXT = 5000
FIRST_YEAR = 2000
LAST_YEAR = 2100


class Framework(models.Model):
    key = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    publisher = models.CharField(max_length=200, blank=True)
    published = models.CharField(max_length=40, blank=True)
    source = models.CharField(max_length=500, blank=True)
    description = models.TextField(max_length=MAX_TEXT, blank=True)
    #: Shipped with Upward (from ``upward/data/frameworks``), not the organisation's own.
    shipped = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Goal(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="goals")
    number = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    #: "" until the organisation completes a goal whose official name is not confirmed.
    name = models.CharField(max_length=200, blank=True)
    #: The name is the official one, confirmed in the shipped data.
    confirmed = models.BooleanField(default=False)
    description = models.TextField(max_length=MAX_TEXT, blank=True)
    source = models.CharField(max_length=500, blank=True)
    #: The organisation changed this goal: loading the shipped data leaves it alone.
    edited = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["framework", "number"]
        constraints = [models.UniqueConstraint(fields=["framework", "number"],
                                               name="impact_goal_number_unique")]

    @property
    def label(self) -> str:
        if self.name:
            return f"{self.number} {self.name}"
        return f"Goal {self.number} (name to be completed)"

    @property
    def provenance(self) -> str:
        """Whose name this is: official, completed by the organisation, or to complete."""
        if self.confirmed:
            return "Official name"
        if self.name:
            return "Named by the organisation"
        return "To be completed"

    def __str__(self) -> str:
        return f"{self.framework.name}: {self.label}"


class InitiativeStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    ENDED = "ended", "Ended"


class Initiative(models.Model):
    name = models.CharField(max_length=200)
    description = models.TextField(max_length=MAX_TEXT, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    #: Budget in pounds sterling per year.
    budget_gbp = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True,
                                     validators=[MinValueValidator(0)])
    status = models.CharField(max_length=20, choices=InitiativeStatus.choices,
                              default=InitiativeStatus.ACTIVE)
    goals = models.ManyToManyField(Goal, related_name="initiatives")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Unit(models.TextChoices):
    COUNT = "count", "Count"
    PERCENT = "percent", "Percentage"
    MONEY = "money", "Pounds (GBP)"
    HOURS = "hours", "Hours"
    NUMBER = "number", "Number"


class Direction(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"


class KpiKind(models.TextChoices):
    COMPUTED = "computed", "Computed by Upward"
    MANUAL = "manual", "Entered by hand, with evidence"


class Kpi(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="kpis")
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.COUNT)
    direction = models.CharField(max_length=10, choices=Direction.choices,
                                 default=Direction.HIGHER)
    kind = models.CharField(max_length=10, choices=KpiKind.choices, default=KpiKind.MANUAL)
    #: A key of ``upward.web.impact.kpis.REGISTRY`` for a computed KPI, else "".
    computed_key = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["initiative", "name", "pk"]

    def __str__(self) -> str:
        return f"{self.initiative.name}: {self.name}"


class KpiValue(models.Model):
    """A KPI's figures for one calendar year. A suppressed actual is stored as
    ``actual_suppressed`` with no number: the number never reaches the database."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveIntegerField(validators=[MinValueValidator(FIRST_YEAR),
                                                   MaxValueValidator(LAST_YEAR)])
    baseline = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    target = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    actual = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    actual_suppressed = models.BooleanField(default=False)
    evidence = models.TextField(max_length=MAX_TEXT, blank=True)
    #: For a computed actual: what it was computed from, and the sha256 of that.
    inputs = models.JSONField(default=dict, blank=True)
    inputs_hash = models.CharField(max_length=64, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kpi", "year"]
        constraints = [
            models.UniqueConstraint(fields=["kpi", "year"], name="impact_kpi_year_unique"),
            models.CheckConstraint(
                condition=models.Q(actual_suppressed=False) | models.Q(actual__isnull=True),
                name="impact_suppressed_has_no_number"),
        ]

    def __str__(self) -> str:
        return f"{self.kpi} ({self.year})"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class ReportSnapshot(models.Model):
    """The annual impact report's figures, frozen: the report is always rendered from
    here, so the same snapshot gives the same numbers (and byte-identical HTML).
    ``content_hash`` is the sha256 of the canonical JSON of ``figures``; the foreword may
    change until the snapshot is published, the figures never."""

    year = models.PositiveIntegerField(validators=[MinValueValidator(FIRST_YEAR),
                                                   MaxValueValidator(LAST_YEAR)])
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    foreword = models.TextField(max_length=MAX_TEXT, blank=True)
    figures = models.JSONField(default=dict)
    content_hash = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=ReportStatus.choices,
                              default=ReportStatus.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Impact report {self.year} (snapshot {self.pk})"


class ReportDocument(models.Model):
    """A snapshot's PDF, laid out by the worker (``upward worker``) and kept here, so the
    web and the worker share nothing but the database.

    ``render_key`` is what the PDF is (being) made from: the sha256 of the snapshot's
    content hash, foreword and status (:func:`report_render_key`). A foreword edit or
    publishing changes it, so a PDF whose key differs from the snapshot's is stale and is
    never served. ``step`` says what the worker is doing, for the progress page."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the worker"
        RUNNING = "running", "Being laid out"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    snapshot = models.OneToOneField(ReportSnapshot, on_delete=models.CASCADE,
                                    primary_key=True, related_name="document")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    render_key = models.CharField(max_length=64)
    step = models.CharField(max_length=100, blank=True)
    queued_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    #: The PDF (about 200 KB), present only when ``status`` is done.
    pdf = models.BinaryField(null=True, blank=True)

    def __str__(self) -> str:
        return f"PDF of {self.snapshot_id} ({self.status})"


def report_render_key(snapshot: ReportSnapshot) -> str:
    """The sha256 of what the report's document is rendered from besides its frozen
    figures (already in ``content_hash``): the foreword, the status (the Draft mark) and
    the version of the PDF's layout, so a PDF laid out by an older release is laid out
    again rather than served."""
    source = json.dumps([snapshot.content_hash, snapshot.foreword, snapshot.status,
                         LAYOUT_VERSION], ensure_ascii=False)
    return hashlib.sha256(source.encode("utf-8")).hexdigest()
