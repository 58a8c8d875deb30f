"""Mentoring: programmes, sign-ups, matching runs, pairs and their meetings.

A network lead runs a :class:`Programme` (a cohort with dates, always open, or
monthly coffee roulette). Members sign up as mentor, mentee or both
(:class:`Participant`); what they choose at sign-up is all matching ever reads,
with their profile's "ask me about" topics and career only when they allow it.
Survey background answers never enter matching: a mentor who wants to be found for
their lived experience publishes tags they choose to show.

Matches are proposed by a :class:`MatchRun` (held as pending until the lead
publishes them), or by a mentee's :class:`MentorRequest` that the mentor accepts.
Either way the result is a :class:`Pair` with its own space: agreed goals, meetings
(notes private to the two of them), feedback at the end.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_NAME = 120
MAX_TEXT = 2000
MAX_NOTES = 5000
MAX_CHOICE = 80

#: Goals a programme offers unless the lead changes them.
DEFAULT_GOALS = (
    "First promotion", "Moving function", "Confidence", "Networking",
    "Returning to work", "Leading a team", "Getting a qualification",
)
#: Lived-experience tags a mentor may choose to show (never taken from the survey).
DEFAULT_LIVED_EXPERIENCE = (
    "First in family at university", "Grew up on free school meals", "Care experience",
    "Career changer", "Did not go to university", "Apprenticeship route",
    "Grew up outside London and the South East", "State school",
)
DEFAULT_AVAILABILITY = ("In person", "Video call", "Mornings", "Lunchtimes", "After work")


class Kind(models.TextChoices):
    COHORT = "cohort", _("Cohort with dates")
    OPEN = "open", _("Always open")
    ROULETTE = "roulette", _("Coffee roulette (monthly pairings)")


class Mode(models.TextChoices):
    OPTIMAL = "optimal", _("Best overall (highest total score)")
    STABLE = "stable", _("Stable (nobody would rather swap)")


class Programme(models.Model):
    name = models.CharField(max_length=MAX_NAME)
    slug = models.SlugField(max_length=MAX_NAME, unique=True)
    description = models.TextField(max_length=MAX_TEXT, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.COHORT)
    # cohort dates (optional for always-open and roulette programmes)
    signup_closes_on = models.DateField(null=True, blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    # what sign-up offers (ordered lists of labels)
    grades = models.JSONField(default=list, blank=True)  # most junior first
    functions = models.JSONField(default=list, blank=True)
    goals = models.JSONField(default=list, blank=True)
    skills = models.JSONField(default=list, blank=True)
    lived_experience = models.JSONField(default=list, blank=True)
    availability = models.JSONField(default=list, blank=True)
    locations = models.JSONField(default=list, blank=True)
    # matching: criterion key → points, and the hard rules
    weights = models.JSONField(default=dict, blank=True)
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.OPTIMAL)
    exclude_line_manager = models.BooleanField(default=True)
    exclude_same_team = models.BooleanField(default=False)
    min_grade_gap = models.SmallIntegerField(null=True, blank=True)
    max_grade_gap = models.SmallIntegerField(null=True, blank=True)
    ideal_grade_gap = models.PositiveSmallIntegerField(default=2)
    default_capacity = models.PositiveSmallIntegerField(default=1)
    max_capacity = models.PositiveSmallIntegerField(default=3)
    allow_requests = models.BooleanField(
        default=True, help_text=_("Mentees may browse suggested mentors and ask one."))
    nudge_after_weeks = models.PositiveSmallIntegerField(default=4)
    is_archived = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.name


class SignupQuestion(models.Model):
    """A programme's own multiple-choice sign-up question; a criterion when weighted."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(max_length=40)
    text = models.CharField(max_length=200)
    options = models.JSONField(default=list)
    position = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["programme", "key"],
                                               name="mentoring_question_key_unique")]

    def __str__(self) -> str:
        return self.text


class Side(models.TextChoices):
    MENTEE = "mentee", _("Mentee")
    MENTOR = "mentor", _("Mentor")
    BOTH = "both", _("Both")


class ParticipantStatus(models.TextChoices):
    ACTIVE = "active", _("Taking part")
    PAUSED = "paused", _("Paused (not matched for now)")
    LEFT = "left", _("Left the programme")


class Participant(models.Model):
    """One person's sign-up to one programme. Only what they chose here, and their
    profile when ``use_profile`` is on, is read by matching."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="mentoring_participations")
    side = models.CharField(max_length=6, choices=Side.choices)
    status = models.CharField(max_length=8, choices=ParticipantStatus.choices,
                              default=ParticipantStatus.ACTIVE)
    grade = models.CharField(max_length=MAX_CHOICE, blank=True)
    function = models.CharField(max_length=MAX_CHOICE, blank=True)
    wanted_function = models.CharField(max_length=MAX_CHOICE, blank=True)  # mentee
    team = models.CharField(max_length=MAX_CHOICE, blank=True)
    location = models.CharField(max_length=MAX_CHOICE, blank=True)
    goals = models.JSONField(default=list, blank=True)  # mentee: wants; mentor: can help with
    skills_offered = models.JSONField(default=list, blank=True)  # mentor
    skills_wanted = models.JSONField(default=list, blank=True)  # mentee
    lived_experience_shown = models.JSONField(default=list, blank=True)  # mentor, shown to mentees
    # mentee: seen by nobody else
    lived_experience_wanted = models.JSONField(default=list, blank=True)
    availability = models.JSONField(default=list, blank=True)
    answers = models.JSONField(default=dict, blank=True)  # SignupQuestion.key → option
    capacity = models.PositiveSmallIntegerField(default=1)  # mentees a mentor takes at once
    about = models.TextField(max_length=MAX_TEXT, blank=True)  # shown to the other side
    line_manager = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    # people this person does not want to be matched with (never shown to them)
    avoid = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    use_profile = models.BooleanField(
        default=True, help_text=_("Matching may read my profile's “ask me about” topics."))
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["programme", "user"],
                                               name="mentoring_one_signup_per_programme")]

    def __str__(self) -> str:  # audit labels: the programme and the id, no name
        return f"Sign-up #{self.pk} to {self.programme}"

    @property
    def is_mentor(self) -> bool:
        return self.side in (Side.MENTOR, Side.BOTH)

    @property
    def is_mentee(self) -> bool:
        return self.side in (Side.MENTEE, Side.BOTH)


class Bookmark(models.Model):
    """A mentee keeps a suggested mentor in mind (a small matching bonus)."""

    mentee = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="bookmarks")
    mentor = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["mentee", "mentor"],
                                               name="mentoring_bookmark_unique")]


class Dismissal(models.Model):
    """A mentee said "not for me" to a suggested mentor: never suggested or matched again."""

    mentee = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="dismissals")
    mentor = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["mentee", "mentor"],
                                               name="mentoring_dismissal_unique")]


class RunStatus(models.TextChoices):
    PENDING = "pending", _("Pending (only the lead sees it)")
    PUBLISHED = "published", _("Published")
    DISCARDED = "discarded", _("Discarded")


class MatchRun(models.Model):
    """One run of the matcher over a programme's pool, held until the lead publishes."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="runs")
    mode = models.CharField(max_length=10, choices=Mode.choices)
    weights = models.JSONField(default=dict)  # as used, so a re-run can be compared
    rules = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.PENDING)
    total_score = models.IntegerField(default=0)
    stats = models.JSONField(default=dict, blank=True)  # pool sizes, timings, greedy, bound
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Matching run #{self.pk} for {self.programme}"


class ProposedMatch(models.Model):
    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="matches")
    mentee = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    score = models.IntegerField()
    # [[criterion key, label, points], …] adding up to score, the mentee's private criteria
    # included: shown through candidates.parts_for, which leaves those out for anyone else
    explanation = models.JSONField(default=list)
    adjusted = models.BooleanField(default=False)  # set by the lead by hand

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["run", "mentee"],
                                               name="mentoring_one_match_per_mentee_per_run")]


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class MentorRequest(models.Model):
    """A mentee asks a mentor directly."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="requests")
    mentee = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="requests_made")
    mentor = models.ForeignKey(Participant, on_delete=models.CASCADE,
                               related_name="requests_received")
    message = models.TextField(max_length=MAX_TEXT, blank=True)
    status = models.CharField(max_length=10, choices=RequestStatus.choices,
                              default=RequestStatus.PENDING)
    answer = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(
            fields=["mentee", "mentor"], condition=Q(status="pending"),
            name="mentoring_one_pending_request_per_pair")]

    def __str__(self) -> str:
        return f"Mentoring request #{self.pk}"


class PairSource(models.TextChoices):
    MATCHED = "matched", _("Matched by the programme")
    REQUESTED = "requested", _("Asked and accepted")


class PairStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class EndReason(models.TextChoices):
    COMPLETED = "completed", _("We finished the programme")
    GOALS_MET = "goals_met", _("The goals are met")
    NO_TIME = "no_time", _("Not enough time")
    NOT_A_FIT = "not_a_fit", _("Not a good fit")
    LEFT = "left", _("One of us left the organisation or the programme")
    OTHER = "other", _("Another reason")


class Pair(models.Model):
    """A mentor and a mentee working together; their space is theirs alone."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="pairs")
    # None once that person deleted their account: the other keeps the pair (see
    # personal_data.erase_mentoring_data), and it shows them as "a former member".
    mentee = models.ForeignKey(Participant, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="pairs_as_mentee")
    mentor = models.ForeignKey(Participant, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="pairs_as_mentor")
    source = models.CharField(max_length=10, choices=PairSource.choices)
    run = models.ForeignKey(MatchRun, null=True, blank=True, on_delete=models.SET_NULL,
                            related_name="pairs")
    score = models.IntegerField(null=True, blank=True)
    explanation = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=8, choices=PairStatus.choices, default=PairStatus.ACTIVE)
    started_at = models.DateTimeField(default=timezone.now)
    next_meeting_at = models.DateTimeField(null=True, blank=True)
    next_meeting_place = models.CharField(max_length=200, blank=True)
    last_nudged_at = models.DateTimeField(null=True, blank=True)
    # the next meeting's reminder went out (cleared when the next meeting changes)
    next_meeting_reminded_at = models.DateTimeField(null=True, blank=True)
    # both people were asked for their end-of-cycle feedback
    feedback_asked_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    end_reason = models.CharField(max_length=12, choices=EndReason.choices, blank=True)
    rematch_wanted = models.BooleanField(default=False)

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [models.UniqueConstraint(
            fields=["mentee", "mentor"], condition=Q(status="active"),
            name="mentoring_one_active_pair")]

    def __str__(self) -> str:
        return f"Mentoring pair #{self.pk} in {self.programme}"


class PairGoal(models.Model):
    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(max_length=200)
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]


class Meeting(models.Model):
    """A meeting the pair logged. The notes are for the two of them only."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField()
    minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    notes = models.TextField(max_length=MAX_NOTES, blank=True)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]


class Outcome(models.TextChoices):
    PROMOTION = "promotion", _("Promotion")
    NEW_ROLE = "new_role", _("New role or function")
    CONFIDENCE = "confidence", _("More confidence")
    NETWORK = "network", _("Wider network")
    SKILLS = "skills", _("New skills")
    NONE_YET = "none_yet", _("Nothing yet")


class Feedback(models.Model):
    """End-of-cycle feedback from one side. Leads see it only in aggregate."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    side = models.CharField(max_length=6, choices=[(Side.MENTEE, _("Mentee")),
                                                   (Side.MENTOR, _("Mentor"))])
    satisfaction = models.PositiveSmallIntegerField()  # 1–5
    outcomes = models.JSONField(default=list, blank=True)  # Outcome values
    comments = models.TextField(max_length=MAX_TEXT, blank=True)  # for the pair's records only
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pair", "author"], name="mentoring_one_feedback_each"),
            models.CheckConstraint(condition=Q(satisfaction__gte=1, satisfaction__lte=5),
                                   name="mentoring_satisfaction_1_to_5"),
        ]


class RouletteRound(models.Model):
    """One month's coffee pairings in a roulette programme."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="rounds")
    month = models.DateField()  # the first of the month
    created_at = models.DateTimeField(default=timezone.now)
    sitting_out = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["programme", "month"],
                                               name="mentoring_one_round_a_month")]


class CoffeePairing(models.Model):
    round = models.ForeignKey(RouletteRound, on_delete=models.CASCADE, related_name="pairings")
    people = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="coffee_pairings")

    class Meta:
        ordering = ["pk"]
