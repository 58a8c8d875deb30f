"""Background survey answers, organisation questions and HR snapshots.

Privacy: a :class:`SurveyResponse` is read only by its owner (selectors take the
viewer); analysts see aggregates computed from it, never rows. Snapshots are
stored as Parquet in :class:`SnapshotData` and are only ever read by the
analysis, which publishes suppressed aggregates.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from upward.classify import question

QUESTION_IDS = ("main_earner_occupation", "school_type", "free_school_meals", "parental_degree")
PREFER_NOT_TO_SAY = "Prefer not to say"


def _choices(question_id: str) -> list[tuple[str, str]]:
    return [(option.code, option.short_label) for option in question(question_id).options]


def new_ledger_token() -> int:
    """A random positive 63-bit integer: it fits a signed 64-bit column."""
    return secrets.randbelow(2**63 - 1) + 1


class LinkStatus(models.TextChoices):
    """Where a person's claim to an employee number stands. Only confirmed links are joined."""

    NONE = "", "No employee number given"
    PENDING = "pending", "Waiting for an administrator to confirm"
    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Not accepted"


class LinkMethod(models.TextChoices):
    """How a confirmed link was confirmed."""

    NONE = "", "Not confirmed"
    HR_EMAIL = "hr_email", "Confirmed from HR records"
    ADMINISTRATOR = "administrator", "Confirmed by an administrator"


class SurveyResponse(models.Model):
    """One person's answers to the four Social Mobility Commission questions.

    An empty field means the person left the question unanswered; "prefer not to
    say" is an answer. ``employee_id`` is the identifier the person gave so that
    their answers can be counted with HR's records: it is their *claim* to that
    number, which joins their answers to HR's row only once confirmed
    (``link_status``) — from HR's records (the latest snapshot's row for the
    number carries the account's email) or by an administrator — and at most
    one account holds a number confirmed. Nobody but the person and
    administrators (on the link page, never next to answers) sees the number.

    ``ledger_token`` is a random number, set once, that stands for the response
    wherever the analysis must tell responses apart without naming anyone; it is
    never shown, exported or downloaded.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="background_survey")
    main_earner_occupation = models.CharField(max_length=40, blank=True,
                                              choices=_choices("main_earner_occupation"))
    school_type = models.CharField(max_length=40, blank=True, choices=_choices("school_type"))
    free_school_meals = models.CharField(max_length=40, blank=True,
                                         choices=_choices("free_school_meals"))
    parental_degree = models.CharField(max_length=40, blank=True,
                                       choices=_choices("parental_degree"))
    employee_id = models.CharField(max_length=64, blank=True, db_index=True)
    link_status = models.CharField(max_length=10, choices=LinkStatus.choices, blank=True,
                                   default=LinkStatus.NONE)
    link_method = models.CharField(max_length=16, choices=LinkMethod.choices, blank=True,
                                   default=LinkMethod.NONE)
    link_reason = models.CharField(max_length=200, blank=True,
                                   help_text="Why an administrator did not accept the link; "
                                             "the person sees it.")
    link_claimed_at = models.DateTimeField(null=True, blank=True)
    link_decided_at = models.DateTimeField(null=True, blank=True)
    ledger_token = models.BigIntegerField(default=new_ledger_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["employee_id"], condition=models.Q(link_status="confirmed"),
                name="one_confirmed_link_per_employee_number",
                violation_error_message="This employee number is already confirmed for "
                                        "another account."),
            models.CheckConstraint(
                condition=models.Q(employee_id="", link_status="")
                | (~models.Q(employee_id="") & ~models.Q(link_status="")),
                name="link_status_with_employee_number"),
            models.CheckConstraint(
                condition=models.Q(link_status="confirmed", link_method__in=["hr_email",
                                                                             "administrator"])
                | (~models.Q(link_status="confirmed") & models.Q(link_method="")),
                name="confirmed_links_say_how"),
            models.CheckConstraint(
                condition=models.Q(link_status="rejected") & ~models.Q(link_reason="")
                | ~models.Q(link_status="rejected") & models.Q(link_reason=""),
                name="rejected_links_say_why"),
            models.CheckConstraint(condition=models.Q(ledger_token__gt=0),
                                   name="ledger_token_positive"),
        ]

    def __str__(self) -> str:
        return f"Background survey response #{self.pk}"


class OrganisationQuestion(models.Model):
    """An optional question the organisation adds to the survey (leads and admins manage).

    ``options`` are the answers offered; "Prefer not to say" is always added.
    """

    text = models.CharField(max_length=300)
    options = models.JSONField(default=list)
    active = models.BooleanField(default=True)
    position = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def choices(self) -> list[str]:
        return [*self.options, PREFER_NOT_TO_SAY]


class OrganisationAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE,
                                 related_name="organisation_answers")
    question = models.ForeignKey(OrganisationQuestion, on_delete=models.CASCADE,
                                 related_name="answers")
    option = models.CharField(max_length=200)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "question"],
                                               name="one_answer_per_question")]

    def __str__(self) -> str:
        return f"Answer #{self.pk}"


class SurveyReminder(models.Model):
    """A reminder a network lead sent to everyone who has not answered yet."""

    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]


class Snapshot(models.Model):
    """An imported HR workforce snapshot (its rows are in :class:`SnapshotData`)."""

    snapshot_date = models.DateField(unique=True)
    source_name = models.CharField(max_length=255, blank=True)
    row_count = models.PositiveIntegerField()
    present = models.JSONField(default=list, blank=True)
    encoding = models.CharField(max_length=40, blank=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-snapshot_date"]

    def __str__(self) -> str:
        return f"Workforce snapshot of {self.snapshot_date:%d %B %Y}"


class SnapshotData(models.Model):
    """The snapshot's rows as Parquet; read only by the analysis, never displayed.

    ``employee_emails`` is Parquet too: every row's employee id and work email
    (null where HR gave none), kept apart from ``parquet`` so that the analysis
    never loads addresses. It is read only to confirm employee-number links.
    """

    snapshot = models.OneToOneField(Snapshot, on_delete=models.CASCADE, related_name="stored")
    parquet = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    employee_emails = models.BinaryField(default=b"")


class SnapshotUpload(models.Model):
    """A file being imported: decoded and waiting for its column mapping and confirmation.

    Holds the file's text columns (Parquet), visible only to the uploader, and
    deleted on import, on cancel, or after a day.
    """

    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                    related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    source_name = models.CharField(max_length=255)
    file_format = models.CharField(max_length=8)
    encoding = models.CharField(max_length=40)
    headers = models.JSONField(default=list)
    mapping = models.JSONField(default=dict, blank=True)
    grade_order = models.JSONField(default=list, blank=True)
    snapshot_date = models.DateField()
    row_count = models.PositiveIntegerField()
    checked = models.BooleanField(default=False)
    columns = models.BinaryField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Upload of {self.source_name}"


class Release(models.Model):
    """Workforce figures as published for a snapshot, frozen, and what the ledger keeps.

    Figures are computed once, when a snapshot is imported or an analyst asks for a
    new release with the latest survey answers, and never recomputed behind
    anyone's back: if figures moved whenever one person answered or withdrew, the
    change would be that person's answer. ``ledger`` (Parquet, see
    :class:`upward.reports.survey_guard.Release`) records who was in which group —
    random tokens, no names, no answers — and outlives the snapshot, so that a
    deleted and re-imported file is still compared with what was published.
    """

    snapshot = models.ForeignKey(Snapshot, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="releases")
    snapshot_date = models.DateField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    k = models.PositiveSmallIntegerField()
    survey_included = models.BooleanField(
        help_text="Survey answers were considered (within the yearly number of releases).")
    survey_used = models.PositiveIntegerField(default=0)
    survey_held_back = models.PositiveIntegerField(default=0)
    noise_seed = models.BigIntegerField(default=0)
    figures = models.BinaryField(blank=True, default=b"")
    ledger = models.BinaryField(blank=True, default=b"")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Release of {self.snapshot_date:%d %B %Y} figures #{self.pk}"


class OrganisationRelease(models.Model):
    """The organisation questions' results as published, frozen, with their ledger.

    Recomputed only when answers or questions have changed, and then through the same
    differencing guard as workforce figures (one group: everyone who answered), so the
    results move only by changes of at least k people, never by one person's answer.
    """

    created_at = models.DateTimeField(default=timezone.now)
    k = models.PositiveSmallIntegerField()
    fingerprint = models.CharField(max_length=64)
    tables = models.TextField()
    ledger = models.BinaryField(blank=True, default=b"")
    used = models.PositiveIntegerField(default=0)
    held_back = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Organisation question results #{self.pk}"
