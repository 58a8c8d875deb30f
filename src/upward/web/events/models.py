"""The network's own events: an event (one-off or a series), people's RSVPs with a
waiting list, reminders sent, post-event survey answers and each person's secret
calendar feed."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

MAX_TITLE = 150
MAX_DESCRIPTION = 10_000
MAX_COMMENT = 2_000
DEFAULT_TIME_ZONE = "Europe/London"


class EventFormat(models.TextChoices):
    ONLINE = "online", "Online"
    IN_PERSON = "in_person", "In person"
    HYBRID = "hybrid", "Hybrid (in person and online)"


class EventStatus(models.TextChoices):
    PUBLISHED = "published", "Published"
    CANCELLED = "cancelled", "Cancelled"


class Event(models.Model):
    title = models.CharField(max_length=MAX_TITLE)
    description = models.TextField(max_length=MAX_DESCRIPTION, blank=True)
    # The first occurrence, stored in UTC; ``time_zone`` is where its wall-clock time is
    # fixed, so a weekly 18:00 in London stays 18:00 across the clock changes.
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    time_zone = models.CharField(max_length=64, default=DEFAULT_TIME_ZONE)
    # An RRULE (RFC 5545) without DTSTART, e.g. "FREQ=WEEKLY;COUNT=6"; "" for one-off.
    recurrence = models.CharField(max_length=200, blank=True)
    # The end of the last occurrence (worked out when saved): what "upcoming" and "past"
    # are decided by.
    series_ends_at = models.DateTimeField(db_index=True)
    format = models.CharField(max_length=20, choices=EventFormat.choices,
                              default=EventFormat.IN_PERSON)
    place = models.CharField(max_length=200, blank=True)
    online_link = models.URLField(max_length=500, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True,
                                           validators=[MinValueValidator(1)])
    recording_url = models.URLField(max_length=500, blank=True)
    slides_url = models.URLField(max_length=500, blank=True)
    organiser = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=20, choices=EventStatus.choices,
                              default=EventStatus.PUBLISHED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    search_entries = GenericRelation("core.SearchEntry")

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return f"Event #{self.pk}: {self.title}"

    # Read by core's bylines (``content.identity``): an event is always named, by its
    # organiser, as on its page.
    is_anonymous = False

    @property
    def author(self):
        return self.organiser

    @property
    def author_id(self) -> int | None:
        return self.organiser_id

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def is_series(self) -> bool:
        return bool(self.recurrence)


class RSVPStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    WAITLISTED = "waitlisted", "On the waiting list"


class RSVP(models.Model):
    """A person's yes to an event (to the whole series when it repeats). Cancelling
    deletes it; the waiting list is ordered by ``created_at`` then ``pk``."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="+")
    status = models.CharField(max_length=20, choices=RSVPStatus.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # Marked by the organiser or a lead after the event; None until marked.
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "person"],
                                               name="events_one_rsvp_per_person")]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self) -> str:  # names the event, never the person
        return f"RSVP #{self.pk} to event #{self.event_id}"


class ReminderSent(models.Model):
    """One occurrence's reminder, claimed before anyone is told (so a second run, or a
    second worker, sends nothing)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="reminders")
    occurrence_at = models.DateTimeField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "occurrence_at"],
                                               name="events_one_reminder_per_occurrence")]


class SurveyAnswer(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="survey_answers")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="+")
    rating = models.PositiveSmallIntegerField(validators=[MinValueValidator(1),
                                                          MaxValueValidator(5)])
    comment = models.TextField(max_length=MAX_COMMENT, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "person"],
                                               name="events_one_answer_per_person")]


class CalendarFeed(models.Model):
    """A person's secret calendar address. Only the SHA-256 of the secret is kept: the
    address is shown once, when made, and resetting it makes the old one stop working."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="+")
    secret_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
