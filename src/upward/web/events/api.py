"""Events' JSON API under /api/v1/events/: the same selectors and services as the
pages (an event a token's owner may not see is a 404). The joining link is given only
to people with a place and to leads."""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse
from ninja import Router, Schema

try:  # django-ninja ≥ 1.5 wants an explicit Status for non-200 answers
    from ninja import Status
except ImportError:  # pragma: no cover
    def Status(status_code, value):  # noqa: N802
        return status_code, value

from upward.web.events import selectors, services
from upward.web.events.models import Event

router = Router(tags=["events"])


class OccurrenceOut(Schema):
    starts_at: datetime
    ends_at: datetime


class RSVPOut(Schema):
    event_id: int
    event: str
    status: str
    waitlist_position: int | None
    rsvp_at: datetime


class EventOut(Schema):
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    recurrence: str
    format: str
    place: str
    capacity: int | None
    places_left: int | None
    status: str
    url: str
    ics: str


class EventDetailOut(EventOut):
    description: str
    online_link: str | None
    recording_url: str | None
    slides_url: str | None
    occurrences: list[OccurrenceOut]
    your_rsvp: RSVPOut | None


def _rsvp(rsvp) -> dict:
    return {"event_id": rsvp.event_id, "event": rsvp.event.title, "status": rsvp.status,
            "waitlist_position": selectors.waitlist_position(rsvp), "rsvp_at": rsvp.created_at}


def _event(event: Event, places_left: int | None) -> dict:
    return {"id": event.pk, "title": event.title, "starts_at": event.starts_at,
            "ends_at": event.ends_at, "time_zone": event.time_zone,
            "recurrence": event.recurrence, "format": event.format, "place": event.place,
            "capacity": event.capacity, "places_left": places_left, "status": event.status,
            "url": reverse("events:event", args=[event.pk]),
            "ics": reverse("events:event_ics", args=[event.pk])}


def _detail(viewer, pk: int) -> dict:
    event = selectors.event_for_member(viewer=viewer, pk=pk)
    view = selectors.event_view(viewer=viewer, event=event)
    return {**_event(event, view.places_left), "description": event.description,
            "online_link": event.online_link if view.show_online_link else None,
            "recording_url": (event.recording_url or None) if view.has_started else None,
            "slides_url": (event.slides_url or None) if view.has_started else None,
            "occurrences": [{"starts_at": o.starts_at, "ends_at": o.ends_at}
                            for o in view.occurrences],
            "your_rsvp": _rsvp(view.rsvp) if view.rsvp else None}


@router.get("/events", response=list[EventOut], summary="Events")
def event_list(request, past: bool = False):
    """Upcoming events, soonest first (``past=true``: past events, latest first)."""
    found = (selectors.events_past if past else selectors.events_upcoming)(viewer=request.auth)
    return [_event(e, None if e.capacity is None else
                   max(e.capacity - selectors.confirmed_count(e), 0)) for e in found[:200]]


@router.get("/events/rsvps", response=list[RSVPOut], summary="Your RSVPs")
def my_rsvps(request):
    return [_rsvp(r) for r in selectors.own_rsvps(viewer=request.auth)]


@router.get("/events/{event_id}", response=EventDetailOut, summary="One event")
def event_read(request, event_id: int):
    return _detail(request.auth, event_id)


@router.post("/events/{event_id}/rsvp", response={200: RSVPOut, 201: RSVPOut},
             summary="Say you are going")
def rsvp_create(request, event_id: int):
    """A place if one is free, else the waiting list (for every date of a series)."""
    existed = selectors.own_rsvp(viewer=request.auth, event=selectors.event_for_member(
        viewer=request.auth, pk=event_id)) is not None
    rsvp = services.rsvp_create(actor=request.auth, event_id=event_id)
    return Status(200 if existed else 201, _rsvp(rsvp))


@router.delete("/events/{event_id}/rsvp", response={204: None}, summary="Cancel your RSVP")
def rsvp_cancel(request, event_id: int):
    services.rsvp_cancel(actor=request.auth, event_id=event_id)
    return Status(204, None)


class AttendeeOut(Schema):
    name: str
    status: str
    waitlist_position: int | None
    attended: bool | None


@router.get("/events/{event_id}/attendees", response=list[AttendeeOut],
            summary="An event's attendees (leads)")
def attendee_list(request, event_id: int):
    rsvps = list(selectors.attendees(viewer=request.auth, event_id=event_id))
    position = 0
    out = []
    for r in rsvps:
        if r.status == "waitlisted":
            position += 1
        out.append({"name": selectors.person_name(r.person), "status": r.status,
                    "waitlist_position": position if r.status == "waitlisted" else None,
                    "attended": r.attended})
    return out
