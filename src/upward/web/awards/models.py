"""Awards: cycles, categories (eligibility, entry form, judging criteria), entries
(self-entries and nominations with the nominee's consent), attachments, endorsements,
and — for the judging part — panels, assignments, conflict declarations and scores.

People are the accounts' users, referred to by foreign key; awards finds them through
``upward.web.accounts.selectors``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

USER = settings.AUTH_USER_MODEL

#: Attachment types an admin may allow: key → (label, MIME type, magic-byte prefixes).
ATTACHMENT_TYPES: dict[str, tuple[str, str, tuple[bytes, ...]]] = {
    "pdf": ("PDF", "application/pdf", (b"%PDF-",)),
    "png": ("PNG image", "image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpeg": ("JPEG image", "image/jpeg", (b"\xff\xd8\xff",)),
}

#: The dates of a cycle, in the order they must fall.
CYCLE_DATES = ("entries_open_at", "entries_close_at", "judging_starts_at", "judging_ends_at",
               "finalists_announced_at", "winners_announced_at")


class Cycle(models.Model):
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True, max_length=4000)
    entries_open_at = models.DateTimeField("Entries open")
    entries_close_at = models.DateTimeField("Entries close")
    judging_starts_at = models.DateTimeField("Judging starts")
    judging_ends_at = models.DateTimeField("Judging ends")
    finalists_announced_at = models.DateTimeField("Finalists announced")
    winners_announced_at = models.DateTimeField("Winners announced")
    # Next part: the public results page once the admin publishes them.
    results_published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-entries_open_at", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """Each date is on or after the one before; entries close after they open."""
        for earlier, later in zip(CYCLE_DATES, CYCLE_DATES[1:], strict=False):
            a, b = getattr(self, earlier), getattr(self, later)
            if a is None or b is None:
                continue
            if b < a or (later == "entries_close_at" and b == a):
                before = str(self._meta.get_field(earlier).verbose_name).lower()
                word = "after" if later == "entries_close_at" else "on or after"
                raise ValidationError({later: f"Must be {word} “{before}”."})

    def entries_open(self, now) -> bool:
        return self.entries_open_at <= now < self.entries_close_at


class Category(models.Model):
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True, max_length=4000)
    eligibility = models.TextField("Who can be entered", blank=True, max_length=4000)
    self_entry_allowed = models.BooleanField("People may enter themselves", default=True)
    nominations_allowed = models.BooleanField("People may nominate others", default=True)
    team_entries = models.BooleanField("Teams may be entered", default=False)
    members_only = models.BooleanField("Only network members may be entered", default=True)
    attachment_types = models.JSONField(default=list, blank=True)  # keys of ATTACHMENT_TYPES
    max_attachments = models.PositiveSmallIntegerField(default=0,
                                                       validators=[MaxValueValidator(10)])
    max_attachment_mb = models.PositiveSmallIntegerField(
        "Largest attachment (MB)", default=5,
        validators=[MinValueValidator(1), MaxValueValidator(25)])
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["cycle", "name"],
                                               name="awards_category_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.cycle.name})"

    def clean(self) -> None:
        unknown = set(self.attachment_types or []) - set(ATTACHMENT_TYPES)
        if unknown:
            raise ValidationError({"attachment_types": "Choose attachment types from the list."})
        if not (self.self_entry_allowed or self.nominations_allowed):
            raise ValidationError({"nominations_allowed":
                                   "Allow self-entry, nominations or both."})


class Question(models.Model):
    """One question of a category's entry form."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(max_length=300)
    help_text = models.CharField("Hint", max_length=500, blank=True)
    required = models.BooleanField(default=True)
    word_limit = models.PositiveIntegerField(null=True, blank=True,
                                             validators=[MinValueValidator(1)])
    blind = models.BooleanField("Hidden from judges", default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.label


class Criterion(models.Model):
    """One judging criterion of a category."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True, max_length=2000)
    weight = models.DecimalField(max_digits=5, decimal_places=2, default=1,
                                 validators=[MinValueValidator(0)])
    scale_min = models.SmallIntegerField(default=0)
    scale_max = models.SmallIntegerField(default=10)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name_plural = "criteria"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.scale_min is not None and self.scale_max is not None \
                and self.scale_max <= self.scale_min:
            raise ValidationError({"scale_max": "The top of the scale must be above its bottom."})


class Route(models.TextChoices):
    SELF = "self", "Self-entry"
    NOMINATION = "nomination", "Nomination"


class Consent(models.TextChoices):
    PENDING = "pending", "Waiting for the nominee"
    GIVEN = "given", "Given"
    DECLINED = "declined", "Declined"


class EntryStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Outcome(models.TextChoices):
    NONE = "", "None"
    FINALIST = "finalist", "Finalist"
    WINNER = "winner", "Winner"


class Entry(models.Model):
    """An entry to a category: about ``nominee`` (a person; for a team entry, its
    contact), made by the nominee themselves or by ``nominator``. A nomination counts for
    nothing — it cannot be submitted, judged or published — until the nominee consents."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="entries")
    route = models.CharField(max_length=12, choices=Route.choices)
    nominee = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    nominator = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    title = models.CharField("Entry title", max_length=200)
    team_name = models.CharField(max_length=200, blank=True)
    reason = models.TextField("Why you are nominating them", max_length=2000, blank=True)
    consent = models.CharField(max_length=10, choices=Consent.choices)
    consent_at = models.DateTimeField(null=True, blank=True)
    consent_reminded_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=EntryStatus.choices,
                              default=EntryStatus.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    seconder = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    # Next part: results and publishing.
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True, default="")
    citation = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name_plural = "entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(route="nomination") | Q(nominator__isnull=True),
                name="awards_entry_self_has_no_nominator"),
            # Nothing unconsented is ever submitted.
            models.CheckConstraint(condition=~Q(status="submitted") | Q(consent="given"),
                                   name="awards_entry_submitted_consented"),
        ]

    def __str__(self) -> str:  # audit labels: the entry's title, not the person
        return f"Entry #{self.pk}: {self.title}"


class Answer(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(blank=True, max_length=30000)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "question"],
                                               name="awards_answer_once")]


class Attachment(models.Model):
    """A file on an entry, stored under ``MEDIA_ROOT/awards/`` with a random name (the
    uploaded name is only shown, never used as a path)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=10)  # a key of ATTACHMENT_TYPES, checked by content
    original_name = models.CharField(max_length=200)
    stored_name = models.CharField(max_length=80, unique=True)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class Endorsement(models.Model):
    """The seconder's short endorsement of a nomination."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="endorsements")
    author = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(max_length=1500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "author"],
                                               name="awards_endorse_once")]


# --- judging (used by the next part) ---------------------------------------------------


class Panel(models.Model):
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="panels")
    name = models.CharField(max_length=120)
    lead_judge = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    judges = models.ManyToManyField(USER, related_name="+", blank=True)
    max_entries_per_judge = models.PositiveSmallIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class Assignment(models.Model):
    """One judge to score one entry. Submitted scores lock (``submitted_at``); only an
    admin reopens them (audited)."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="assignments")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="assignments")
    judge = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    reopened_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "judge"],
                                               name="awards_assign_once")]


class ConflictDeclaration(models.Model):
    """A judge's declared conflict with an entry: they are recused and their scores for
    it are excluded."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="conflicts")
    judge = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "judge"],
                                               name="awards_conflict_once")]


class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.SmallIntegerField()
    comment = models.TextField(blank=True, max_length=2000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "criterion"],
                                               name="awards_score_once")]


# --- external entries: drafting an entry to a national award ---------------------------


class ExternalAward(models.Model):
    """A national award's entry form, as a template to draft against (e.g. the UK Social
    Mobility Awards' "Social Mobility Network" category): its questions and word limits."""

    name = models.CharField("Award", max_length=200)
    category = models.CharField(max_length=200)
    deadline = models.DateTimeField(null=True, blank=True)
    website = models.URLField(blank=True, max_length=300)
    description = models.TextField(blank=True, max_length=4000)
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "category", "pk"]
        constraints = [models.UniqueConstraint(fields=["name", "category"],
                                               name="awards_external_award_once")]

    def __str__(self) -> str:
        return f"{self.name}: {self.category}"


class ExternalQuestion(models.Model):
    award = models.ForeignKey(ExternalAward, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(max_length=300)
    help_text = models.CharField("Hint", max_length=500, blank=True)
    word_limit = models.PositiveIntegerField(null=True, blank=True,
                                             validators=[MinValueValidator(1)])
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.label


class ExternalStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted elsewhere"


class ExternalEntry(models.Model):
    """Our draft entry to an external award. Figures pulled into it cover
    ``period_start``–``period_end``."""

    award = models.ForeignKey(ExternalAward, on_delete=models.CASCADE, related_name="entries")
    title = models.CharField("Entry title", max_length=200)
    status = models.CharField(max_length=10, choices=ExternalStatus.choices,
                              default=ExternalStatus.DRAFT)
    notes = models.TextField(blank=True, max_length=4000)
    period_start = models.DateField("Figures from")
    period_end = models.DateField("Figures to")
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name_plural = "external entries"

    def __str__(self) -> str:
        return f"External entry #{self.pk}: {self.title}"

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "Must be the same as or after “figures from”."})


class ExternalAnswer(models.Model):
    entry = models.ForeignKey(ExternalEntry, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(ExternalQuestion, on_delete=models.CASCADE,
                                 related_name="answers")
    text = models.TextField(blank=True, max_length=30000)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "question"],
                                               name="awards_external_answer_once")]
