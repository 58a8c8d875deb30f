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
    skipped: ``{"row": n, "urn": "…", "column": "…", "message": "…"}``.

    An import uploaded on the web is ``queued`` with its file under ``VAR_DIR``, run by the
    worker (``running``), and ends ``done`` (the counts are its report) or ``failed``
    (``error`` says why; the register is unchanged). The command's imports are ``done``
    at once."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Failed"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DONE)
    rows_expected = models.PositiveIntegerField(default=0)  # lines in the file, less the header
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
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


# --- opportunities and volunteering -------------------------------------------------
#
# An engagement with a school (a careers talk, mock interviews, …) is an Opportunity.
# Members volunteer for it within its capacity (VolunteerSignup, with a waiting list);
# a lead confirms its safeguarding arrangements (SafeguardingCheck) and, afterwards,
# records what it achieved (Outcome). No child is ever a record here: pupils appear only
# as counts and year groups, and free-text fields ask that no pupil be named.

MAX_TITLE = 200
MAX_TEXT = 5000

#: Year groups an engagement can be for: 0 is Reception, 1–13 are Years 1–13.
YEAR_GROUPS = tuple(range(0, 14))


def year_group_label(year: int) -> str:
    return "Reception" if year == 0 else f"Year {year}"


class ActivityType(models.TextChoices):
    CAREERS_TALK = "careers_talk", "Careers talk"
    MOCK_INTERVIEWS = "mock_interviews", "Mock interviews"
    CV_WORKSHOP = "cv_workshop", "CV workshop"
    WORKPLACE_VISIT = "workplace_visit", "Workplace visit"
    VIRTUAL_WORK_EXPERIENCE = "virtual_work_experience", "Virtual work experience"
    MENTORING_CIRCLE = "mentoring_circle", "Mentoring circle"


class Format(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"


class OpportunityStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed by the school, waiting for a lead"
    OPEN = "open", "Open for volunteers"
    CANCELLED = "cancelled", "Cancelled"


class SchoolContact(models.Model):
    """An adult at a school (a careers leader, a teacher) invited by a lead as a guest:
    no account, but a secret link (only its hash is kept) with which they propose
    opportunities for their school and see who is coming. A lead publishes proposals."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=120)
    email = models.EmailField()
    job_title = models.CharField(max_length=120, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["school__name", "name"]

    def __str__(self) -> str:
        return f"School contact #{self.pk} at {self.school.name}"


class Opportunity(models.Model):
    kind = models.CharField(max_length=32, choices=ActivityType.choices)
    title = models.CharField(max_length=MAX_TITLE)
    description = models.TextField(max_length=MAX_TEXT, blank=True)
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="opportunities")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    format = models.CharField(max_length=16, choices=Format.choices, default=Format.IN_PERSON)
    place = models.CharField(max_length=300, blank=True, help_text="Address or room")
    link = models.URLField(max_length=500, blank=True, help_text="Video call or event link")
    year_groups = models.JSONField(default=list, blank=True)  # ints from YEAR_GROUPS
    pupils_expected = models.PositiveIntegerField(null=True, blank=True)
    volunteers_needed = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=16, choices=OpportunityStatus.choices,
                              default=OpportunityStatus.OPEN)
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    proposed_by = models.ForeignKey(SchoolContact, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="proposals")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="outreach_opportunity_ends_after_start"),
            models.CheckConstraint(condition=models.Q(volunteers_needed__gte=1),
                                   name="outreach_opportunity_needs_a_volunteer"),
        ]

    def __str__(self) -> str:
        return f"Opportunity #{self.pk}: {self.title}"


class SignupStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    WAITLISTED = "waitlisted", "On the waiting list"
    WITHDRAWN = "withdrawn", "Withdrawn"


class VolunteerSignup(models.Model):
    """A member volunteering for an opportunity. Confirmed places never exceed
    ``volunteers_needed`` (the service locks the opportunity's row); when someone
    withdraws, the longest-waiting person is promoted."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE,
                                    related_name="signups")
    volunteer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="+")
    status = models.CharField(max_length=16, choices=SignupStatus.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "volunteer"],
                                    name="outreach_one_signup_per_volunteer"),
        ]

    def __str__(self) -> str:
        return f"Volunteer sign-up #{self.pk} ({self.status})"


class DbsStatus(models.TextChoices):
    """What the volunteer told us (information supplied, never a gate for supervised
    one-off visits under Keeping Children Safe in Education)."""

    NOT_SAID = "", "Not stated"
    NONE = "none", "No DBS check"
    BASIC = "basic", "Basic DBS check"
    STANDARD = "standard", "Standard DBS check"
    ENHANCED = "enhanced", "Enhanced DBS check"
    ENHANCED_BARRED = "enhanced_barred", "Enhanced DBS check with barred list"


class VolunteerProfile(models.Model):
    """An Inspiring-the-Future-style volunteer profile: what someone will do and how
    far they will travel (from an office), used to suggest them for opportunities."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="volunteer_profile")
    activity_types = models.JSONField(default=list, blank=True)  # ActivityType values
    year_groups = models.JSONField(default=list, blank=True)  # preferred; empty = any
    base_office = models.ForeignKey(Office, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    travel_km = models.PositiveSmallIntegerField(default=10)
    online = models.BooleanField(default=True, help_text="Will also volunteer online")
    available = models.BooleanField(default=True)
    dbs_status = models.CharField(max_length=20, choices=DbsStatus.choices, blank=True,
                                  default=DbsStatus.NOT_SAID)
    dbs_checked_on = models.DateField(null=True, blank=True)
    about = models.TextField(max_length=1000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Volunteer profile #{self.pk}"


class SafeguardingCheck(models.Model):
    """Keeping Children Safe in Education arrangements for one engagement, confirmed by
    a lead before it happens."""

    opportunity = models.OneToOneField(Opportunity, on_delete=models.CASCADE,
                                       related_name="safeguarding")
    supervised_at_all_times = models.BooleanField(default=False)
    id_on_arrival = models.BooleanField(default=False)
    visitor_badge = models.BooleanField(default=False)
    school_policy_read = models.BooleanField(default=False)
    school_safeguarding_lead = models.CharField(
        max_length=120, blank=True,
        help_text="The school's designated safeguarding lead (an adult)")
    notes = models.TextField(max_length=2000, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)

    @property
    def complete(self) -> bool:
        return (self.supervised_at_all_times and self.id_on_arrival and self.visitor_badge
                and self.school_policy_read)

    def __str__(self) -> str:
        return f"Safeguarding for opportunity #{self.opportunity_id}"


class Outcome(models.Model):
    """What an engagement achieved, recorded afterwards: counts only, never a pupil.
    ``priority_school`` keeps whether the school was a priority school when the outcome
    was recorded, so later imports of the register do not rewrite past impact."""

    opportunity = models.OneToOneField(Opportunity, on_delete=models.CASCADE,
                                       related_name="outcome")
    pupils_reached = models.PositiveIntegerField()
    year_groups = models.JSONField(default=list, blank=True)
    # Gatsby Benchmark 5: a meaningful encounter
    clear_purpose = models.BooleanField(default=False)
    learning_outcomes = models.BooleanField(default=False)
    two_way_interaction = models.BooleanField(default=False)
    follow_up = models.BooleanField(default=False)
    volunteer_hours = models.DecimalField(max_digits=7, decimal_places=2, default=0)
    feedback = models.TextField(
        max_length=MAX_TEXT, blank=True,
        help_text="The school's and volunteers' feedback. Never name a pupil.")
    priority_school = models.BooleanField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    @property
    def meaningful_encounter(self) -> bool:
        return (self.clear_purpose and self.learning_outcomes and self.two_way_interaction
                and self.follow_up)

    def __str__(self) -> str:
        return f"Outcome of opportunity #{self.opportunity_id}"
