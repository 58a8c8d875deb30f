"""A pair's meetings as iCalendar (.ics) files, for "Add to calendar".

Events carry the partner's name, the time and the place, never the meeting notes (a
calendar is often shared with assistants or synced to other services). Times are in
UTC. Each event's UID is stable, so importing the file again updates the event rather
than adding a copy. The next meeting's UID names the pair and how many meetings it had
logged, not the time: moving the meeting moves the event already in the calendar (its
SEQUENCE goes up), and once that meeting is logged the next one is a new event.
"""

from __future__ import annotations

from datetime import UTC, timedelta

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from upward.web.core.calendar import new_calendar, uid_domain
from upward.web.core.links import absolute_url
from upward.web.mentoring.models import Pair
from upward.web.mentoring.selectors.pairs import pair_meetings, pair_view

#: How long a next meeting lasts in the calendar (it has no end time of its own).
NEXT_MEETING_LENGTH = timedelta(hours=1)


def _calendar() -> Calendar:
    return new_calendar("Mentoring")


def _next_event(pair: Pair, summary: str) -> Event:
    start = pair.next_meeting_at.astimezone(UTC)
    now = timezone.now().astimezone(UTC)
    logged = pair_meetings(pair=pair).count()
    event = Event()
    event.add("uid", f"mentoring-pair-{pair.pk}-next-after-{logged}@{uid_domain()}")
    # a later download is a newer version of the same event (moved, or not)
    event.add("sequence", int(now.timestamp()) // 60 % 2**31)
    event.add("dtstamp", now)
    event.add("dtstart", start)
    event.add("dtend", start + NEXT_MEETING_LENGTH)
    event.add("summary", summary)
    if pair.next_meeting_place:
        event.add("location", pair.next_meeting_place)
    event.add("url", absolute_url(reverse("mentoring:pair", args=[pair.pk])))
    return event


def next_meeting_ics(*, viewer, pair: Pair) -> bytes | None:
    """The pair's next meeting as a calendar of one event (None when none is set).
    ``pair`` is one of the viewer's pairs (from ``pair_for_member``)."""
    if pair.next_meeting_at is None:
        return None
    view = pair_view(viewer=viewer, pair=pair)
    calendar = _calendar()
    calendar.add_component(_next_event(pair, f"Mentoring meeting with {view.partner_name}"))
    return calendar.to_ical()


def meetings_ics(*, viewer, pair: Pair) -> bytes:
    """Every logged meeting (as all-day events) and the next meeting, if set."""
    view = pair_view(viewer=viewer, pair=pair)
    summary = f"Mentoring meeting with {view.partner_name}"
    calendar = _calendar()
    stamp = timezone.now().astimezone(UTC)
    for meeting in pair_meetings(pair=pair):
        event = Event()
        event.add("uid", f"mentoring-meeting-{meeting.pk}@{uid_domain()}")
        event.add("dtstamp", stamp)
        event.add("dtstart", meeting.held_on)
        event.add("dtend", meeting.held_on + timedelta(days=1))
        event.add("summary", summary)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    if pair.next_meeting_at is not None:
        calendar.add_component(_next_event(pair, summary))
    return calendar.to_ical()
