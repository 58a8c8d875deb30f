"""Writes for events: creating, changing and cancelling them (leads), RSVPs with a
waiting list, attendance, survey answers, reminders and calendar feed secrets.

Capacity is never exceeded: every write that confirms someone locks the event row
(``select_for_update``) inside the transaction, counts the confirmed places and only
then confirms, so concurrent RSVPs queue on the lock (PostgreSQL; SQLite serialises
writers anyway).
"""

from __future__ import annotations

import secrets
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from upward.web.core.audit import audit_record
from upward.web.core.errors import ApplicationError, validation_message
from upward.web.core.notifications.services import notify
from upward.web.core.permissions import require_capability
from upward.web.core.search.services import search_index
from upward.web.events.models import (
    RSVP,
    CalendarFeed,
    Event,
    EventStatus,
    ReminderSent,
    RSVPStatus,
    SurveyAnswer,
)
from upward.web.events.occurrences import (
    REMINDER_AHEAD,
    is_time_zone,
    local,
    occurrences,
    occurrences_between,
)
from upward.web.events.selectors import (
    event_for_member,
    event_for_runner,
    secret_hash,
    survey_open,
)

EVENT_FIELDS = ("title", "description", "starts_at", "ends_at", "time_zone", "recurrence",
                "format", "place", "online_link", "capacity", "recording_url", "slides_url")


def _url(event: Event) -> str:
    return reverse("events:event", args=[event.pk])


def _when(event: Event, at: datetime) -> str:
    return f"{local(at, event.time_zone):%-d %B %Y at %H:%M} ({event.time_zone})"


def _check_and_save(event: Event) -> None:
    if event.ends_at <= event.starts_at:
        raise ApplicationError("The event must end after it starts.", field="ends_at")
    if not is_time_zone(event.time_zone):
        raise ApplicationError(f"Unknown time zone “{event.time_zone}”.", field="time_zone")
    try:
        found = occurrences(starts_at=event.starts_at, ends_at=event.ends_at,
                            time_zone=event.time_zone, recurrence=event.recurrence)
    except ValueError as error:
        raise ApplicationError(f"The repeat rule is not valid: {error}",
                               field="recurrence") from error
    if not found:
        raise ApplicationError("The series has no dates: end it after the first one.",
                               field="recurrence")
    event.series_ends_at = found[-1].ends_at
    try:
        event.full_clean()
    except ValidationError as error:
        raise ApplicationError(validation_message(error)) from error
    event.save()


def event_create(*, actor, **fields) -> Event:
    require_capability(actor, "run_events")
    with transaction.atomic():
        event = Event(organiser=actor, **{k: v for k, v in fields.items() if k in EVENT_FIELDS})
        _check_and_save(event)
        search_index(event)
        audit_record(actor=actor, action="events.create", target=event)
    return event


def _lock(event_id: int) -> Event:
    return Event.objects.select_for_update().get(pk=event_id)


def _promote(event: Event) -> list[RSVP]:
    """Fill free places from the waiting list, longest waiting first (event locked)."""
    waiting = RSVP.objects.filter(event=event, status=RSVPStatus.WAITLISTED).order_by(
        "created_at", "pk")
    if event.capacity is not None:
        free = event.capacity - RSVP.objects.filter(event=event,
                                                    status=RSVPStatus.CONFIRMED).count()
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting.select_related("person"))
    now = timezone.now()
    for rsvp in promoted:
        rsvp.status, rsvp.confirmed_at = RSVPStatus.CONFIRMED, now
        rsvp.save(update_fields=["status", "confirmed_at"])
        notify(recipient=rsvp.person, kind="events_place", url=_url(event),
               text=f"A place came free: you are going to “{event.title}”.")
    return promoted


def event_update(*, actor, event_id: int, **fields) -> Event:
    """Change an event. Capacity may not go below the people already confirmed; raising
    it gives the new places to the waiting list at once."""
    event_for_runner(viewer=actor, pk=event_id)
    with transaction.atomic():
        event = _lock(event_id)
        if event.is_cancelled:
            raise ApplicationError("A cancelled event cannot be changed.", status=409)
        for name, value in fields.items():
            if name in EVENT_FIELDS:
                setattr(event, name, value)
        confirmed = RSVP.objects.filter(event=event, status=RSVPStatus.CONFIRMED).count()
        if event.capacity is not None and event.capacity < confirmed:
            raise ApplicationError(
                f"{confirmed} people already have a place, so the capacity cannot be less "
                f"than {confirmed}. Ask people to cancel first, or keep the capacity.",
                field="capacity")
        _check_and_save(event)
        _promote(event)
        search_index(event)
        audit_record(actor=actor, action="events.update", target=event)
    return event


def event_cancel(*, actor, event_id: int) -> Event:
    """Cancel an event; everyone who RSVPed (waiting list too) is told."""
    event_for_runner(viewer=actor, pk=event_id)
    with transaction.atomic():
        event = _lock(event_id)
        if event.is_cancelled:
            return event
        event.status, event.cancelled_at = EventStatus.CANCELLED, timezone.now()
        event.save(update_fields=["status", "cancelled_at", "updated_at"])
        for rsvp in RSVP.objects.filter(event=event).select_related("person"):
            notify(recipient=rsvp.person, kind="events_cancelled", url=_url(event),
                   sender=actor, text=f"“{event.title}” has been cancelled.")
        search_index(event)
        audit_record(actor=actor, action="events.cancel", target=event)
    return event


def rsvp_create(*, actor, event_id: int, now: datetime | None = None) -> RSVP:
    """Say yes: a place if one is free, else the waiting list. Saying yes again changes
    nothing. A series' RSVP is for every date in it."""
    event_for_member(viewer=actor, pk=event_id)
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock(event_id)
        if event.is_cancelled:
            raise ApplicationError("This event has been cancelled.", status=409)
        if event.series_ends_at <= now:
            raise ApplicationError("This event is over.", status=409)
        existing = RSVP.objects.filter(event=event, person=actor).first()
        if existing is not None:
            return existing
        confirmed = RSVP.objects.filter(event=event, status=RSVPStatus.CONFIRMED).count()
        free = event.capacity is None or confirmed < event.capacity
        rsvp = RSVP(event=event, person=actor,
                    status=RSVPStatus.CONFIRMED if free else RSVPStatus.WAITLISTED,
                    confirmed_at=now if free else None)
        rsvp.save()
    return rsvp


def _withdraw(rsvp: RSVP) -> list[RSVP]:
    """Delete an RSVP (event locked) and give its place to the waiting list."""
    was_confirmed = rsvp.status == RSVPStatus.CONFIRMED
    event = rsvp.event
    rsvp.delete()
    return _promote(event) if was_confirmed and not event.is_cancelled else []


def rsvp_cancel(*, actor, event_id: int) -> list[RSVP]:
    """Withdraw one's own RSVP; returns whom the freed place went to."""
    event_for_member(viewer=actor, pk=event_id)
    with transaction.atomic():
        event = _lock(event_id)
        rsvp = RSVP.objects.filter(event=event, person=actor).first()
        if rsvp is None:
            raise ApplicationError("You have not said you are going.", status=404)
        rsvp.event = event
        return _withdraw(rsvp)


def rsvps_erase(*, person) -> None:
    """For account deletion: withdraw every RSVP the person has, promoting others."""
    for event_id in list(RSVP.objects.filter(person=person).values_list("event_id", flat=True)):
        event = _lock(event_id)
        rsvp = RSVP.objects.get(event=event, person=person)
        rsvp.event = event
        _withdraw(rsvp)


def attendance_mark(*, actor, event_id: int, attended_ids: set[int]) -> int:
    """Mark who came (confirmed RSVPs in ``attended_ids``) and who did not (the rest)."""
    event = event_for_runner(viewer=actor, pk=event_id)
    if event.starts_at > timezone.now():
        raise ApplicationError("Attendance can be marked once the event has started.",
                               status=409)
    with transaction.atomic():
        confirmed = RSVP.objects.filter(event=event, status=RSVPStatus.CONFIRMED)
        came = confirmed.filter(pk__in=attended_ids).update(attended=True)
        confirmed.exclude(pk__in=attended_ids).update(attended=False)
        audit_record(actor=actor, action="events.attendance", target=event)
    return came


def survey_answer(*, actor, event_id: int, rating: int, comment: str = "") -> SurveyAnswer:
    event = event_for_member(viewer=actor, pk=event_id)
    rsvp = RSVP.objects.filter(event=event, person=actor).first()
    if not survey_open(event=event, rsvp=rsvp):
        raise ApplicationError("The survey is for the people who went, once the event "
                               "is over.", status=403)
    with transaction.atomic():
        answer = SurveyAnswer.objects.filter(event=event, person=actor).first() or \
            SurveyAnswer(event=event, person=actor)
        answer.rating, answer.comment = rating, comment
        try:
            answer.full_clean()
        except ValidationError as error:
            raise ApplicationError(validation_message(error)) from error
        answer.save()
    return answer


def reminders_send_due(*, now: datetime) -> int:
    """Remind confirmed attendees of every occurrence starting in the next 24 hours.
    Each occurrence is claimed (a unique row) before anyone is told, so running twice,
    or on two workers at once, reminds once. Returns how many people were reminded."""
    horizon = now + REMINDER_AHEAD
    reminded = 0
    candidates = Event.objects.filter(status=EventStatus.PUBLISHED, starts_at__lte=horizon,
                                      series_ends_at__gt=now)
    for event in candidates:
        for occurrence in occurrences_between(event, now, horizon):
            try:
                with transaction.atomic():
                    claim = ReminderSent.objects.create(event=event,
                                                        occurrence_at=occurrence.starts_at)
                    people = RSVP.objects.filter(event=event, status=RSVPStatus.CONFIRMED
                                                 ).select_related("person")
                    for rsvp in people:
                        notify(recipient=rsvp.person, kind="events_reminder", url=_url(event),
                               text=f"Reminder: “{event.title}” is on "
                                    f"{_when(event, occurrence.starts_at)}.")
                    claim.recipients = len(people)
                    claim.save(update_fields=["recipients"])
                    reminded += len(people)
            except IntegrityError:
                continue  # already reminded
    return reminded


def feed_secret_reset(*, actor) -> str:
    """Make (or replace) the person's calendar feed secret; returns it, shown once."""
    require_capability(actor, "events")
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        CalendarFeed.objects.update_or_create(person=actor,
                                              defaults={"secret_hash": secret_hash(secret)})
    return secret
