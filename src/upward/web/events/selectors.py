"""Reads for events, each taking the viewer. Only network members (``events``) see
events; an event a viewer may not see is a 404, the same as a missing one."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from upward.reports.disclosure import suppress
from upward.web.core.permissions import can
from upward.web.events.models import (
    RSVP,
    CalendarFeed,
    Event,
    EventStatus,
    RSVPStatus,
    SurveyAnswer,
)
from upward.web.events.occurrences import Occurrence, event_occurrences, next_occurrence
from upward.web.insights.selectors import disclosure_threshold


def person_name(user) -> str:
    profile = getattr(user, "profile", None)
    return profile.display_name if profile is not None and profile.display_name else "a colleague"


def events_visible_to(*, viewer) -> QuerySet[Event]:
    if not can(viewer, "events"):
        return Event.objects.none()
    return Event.objects.all()


def events_upcoming(*, viewer, now: datetime | None = None) -> QuerySet[Event]:
    now = now or timezone.now()
    return events_visible_to(viewer=viewer).filter(series_ends_at__gt=now,
                                                   status=EventStatus.PUBLISHED)


def events_upcoming_by_next_date(*, viewer, now: datetime | None = None,
                                 limit: int = 100) -> list[Event]:
    """Upcoming events in the order they next happen: a series by its next date, not its
    first (a monthly coffee that began a year ago is not the soonest event)."""
    now = now or timezone.now()

    def next_start(event: Event) -> datetime:
        upcoming = next_occurrence(event, now) if event.is_series else None
        return upcoming.starts_at if upcoming else event.starts_at

    return sorted(events_upcoming(viewer=viewer, now=now)[:limit],
                  key=lambda e: (next_start(e), e.pk))


def events_past(*, viewer, now: datetime | None = None) -> QuerySet[Event]:
    now = now or timezone.now()
    return (events_visible_to(viewer=viewer).filter(series_ends_at__lte=now)
            .order_by("-starts_at", "-pk"))


def event_for_member(*, viewer, pk: int) -> Event:
    event = events_visible_to(viewer=viewer).select_related("organiser__profile").filter(
        pk=pk).first()
    if event is None:
        raise Http404("No such event.")
    return event


def may_run(viewer, event: Event) -> bool:
    """Leads run every event; an organiser who is still a lead runs their own too."""
    return can(viewer, "run_events")


def event_for_runner(*, viewer, pk: int) -> Event:
    event = event_for_member(viewer=viewer, pk=pk)
    if not may_run(viewer, event):
        raise Http404("No such event.")
    return event


def own_rsvp(*, viewer, event: Event) -> RSVP | None:
    if not getattr(viewer, "is_authenticated", False):
        return None
    return RSVP.objects.filter(event=event, person=viewer).first()


def waitlist_position(rsvp: RSVP) -> int | None:
    """1 for the longest-waiting person; None when the RSVP is confirmed."""
    if rsvp.status != RSVPStatus.WAITLISTED:
        return None
    ahead = RSVP.objects.filter(event_id=rsvp.event_id, status=RSVPStatus.WAITLISTED).filter(
        Q(created_at__lt=rsvp.created_at) | Q(created_at=rsvp.created_at, pk__lt=rsvp.pk))
    return ahead.count() + 1


def confirmed_count(event: Event) -> int:
    return event.rsvps.filter(status=RSVPStatus.CONFIRMED).count()


@dataclass(frozen=True)
class EventView:
    """What the detail page and the API show a viewer."""

    event: Event
    rsvp: RSVP | None
    position: int | None
    confirmed: int
    waitlisted: int
    places_left: int | None
    next: Occurrence | None
    occurrences: list[Occurrence]
    is_past: bool
    has_started: bool
    show_online_link: bool
    may_run: bool
    survey_open: bool
    survey_answered: bool

    @property
    def organiser_name(self) -> str:
        return person_name(self.event.organiser) if self.event.organiser else "a former member"


def event_view(*, viewer, event: Event, now: datetime | None = None) -> EventView:
    now = now or timezone.now()
    rsvp = own_rsvp(viewer=viewer, event=event)
    counts = dict(event.rsvps.values_list("status").annotate(n=Count("pk")))
    confirmed = counts.get(RSVPStatus.CONFIRMED, 0)
    runs = may_run(viewer, event)
    attendee = rsvp is not None and rsvp.status == RSVPStatus.CONFIRMED
    has_started = event.starts_at <= now
    return EventView(
        event=event, rsvp=rsvp, position=waitlist_position(rsvp) if rsvp else None,
        confirmed=confirmed, waitlisted=counts.get(RSVPStatus.WAITLISTED, 0),
        places_left=None if event.capacity is None else max(event.capacity - confirmed, 0),
        next=next_occurrence(event, now), occurrences=event_occurrences(event),
        is_past=event.series_ends_at <= now, has_started=has_started,
        # The joining link is for confirmed attendees (and whoever runs events), so a
        # full event's link is not passed round the waiting list.
        show_online_link=bool(event.online_link) and not event.is_cancelled
        and (attendee or runs),
        may_run=runs,
        survey_open=survey_open(event=event, rsvp=rsvp, now=now),
        survey_answered=rsvp is not None and SurveyAnswer.objects.filter(
            event=event, person=viewer).exists())


def survey_open(*, event: Event, rsvp: RSVP | None, now: datetime | None = None) -> bool:
    """Attendees answer once the (first) occurrence has ended; not if marked absent."""
    now = now or timezone.now()
    return (rsvp is not None and rsvp.status == RSVPStatus.CONFIRMED
            and rsvp.attended is not False and not event.is_cancelled
            and event.ends_at <= now)


def attendees(*, viewer, event_id: int) -> QuerySet[RSVP]:
    """The confirmed people and the waiting list, for whoever runs events."""
    event = event_for_runner(viewer=viewer, pk=event_id)
    return (RSVP.objects.filter(event=event).select_related("person__profile")
            .order_by("status", "created_at", "pk"))


def own_rsvps(*, viewer) -> QuerySet[RSVP]:
    if not can(viewer, "events"):
        return RSVP.objects.none()
    return RSVP.objects.filter(person=viewer).select_related("event").order_by(
        "event__starts_at", "event__pk")


def own_answer(*, viewer, event: Event) -> SurveyAnswer | None:
    return SurveyAnswer.objects.filter(event=event, person=viewer).first()


@dataclass(frozen=True)
class SurveyResults:
    event: Event
    k: int
    answers: int  # "fewer than k" is shown when small
    answers_shown: str
    rows: list[list[str]]  # header first: rating, people


def survey_results(*, viewer, event_id: int) -> SurveyResults:
    """How attendees rated the event, counts per rating after disclosure control: a
    count below ``k`` reads "fewer than k" and others that would give it away are
    suppressed. Comments are never shown to anyone but their author."""
    event = event_for_runner(viewer=viewer, pk=event_id)
    k = disclosure_threshold()
    ratings = dict(event.survey_answers.values_list("rating").annotate(n=Count("pk")))
    counts = [ratings.get(r, 0) for r in range(1, 6)]
    table = suppress(counts, k)
    labels = [f"{r} out of 5" for r in range(1, 6)]
    rows = table.to_rows(labels, ["People"])
    total = sum(counts)
    return SurveyResults(event=event, k=k, answers=total,
                         answers_shown=str(total) if total == 0 or total >= k
                         else f"fewer than {k}", rows=rows)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def feed_owner(secret: str):
    """The person whose feed ``secret`` opens, while they may still see events; else 404."""
    feed = CalendarFeed.objects.select_related("person").filter(
        secret_hash=secret_hash(secret)).first()
    if feed is None or not feed.person.is_active or not can(feed.person, "events"):
        raise Http404("No such calendar.")
    return feed.person


def has_feed(*, viewer) -> bool:
    return CalendarFeed.objects.filter(person=viewer).exists()


def feed_events(*, person) -> QuerySet[Event]:
    """The events the person said yes to and has a place at."""
    return Event.objects.filter(rsvps__person=person, rsvps__status=RSVPStatus.CONFIRMED)


# --- for the impact report: aggregates only ------------------------------------------------


@dataclass(frozen=True)
class EventsReport:
    """Raw counts for one period; not yet through disclosure control."""

    events_held: int  # a series counts once, by its first occurrence
    attendances: int  # confirmed places not marked absent
    attendees: int  # distinct people behind them


def events_report(*, start_at: datetime, end_at: datetime,
                  now: datetime | None = None) -> EventsReport:
    """For the impact report: aggregates only. Events whose first occurrence started in
    ``[start_at, end_at)`` and had ended by ``now``, not cancelled; their confirmed RSVPs
    not marked absent (``attended`` True or not marked), and the distinct people behind
    them. The caller puts the counts of people through disclosure control."""
    now = now or timezone.now()
    held = Event.objects.filter(starts_at__gte=start_at, starts_at__lt=end_at,
                                ends_at__lte=now, status=EventStatus.PUBLISHED)
    came = (RSVP.objects.filter(event__in=held, status=RSVPStatus.CONFIRMED)
            .exclude(attended=False)
            .aggregate(n=Count("pk"), people=Count("person", distinct=True)))
    return EventsReport(events_held=held.count(), attendances=came["n"],
                        attendees=came["people"])
