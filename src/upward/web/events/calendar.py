"""Events as iCalendar: one event's .ics, and each person's secret feed of the events
they have a place at.

DTSTART and DTEND carry the event's TZID with a VTIMEZONE, so a series keeps its local
time across clock changes in any calendar; a series has its RRULE. Each event's UID is
stable (importing again updates it), and a cancelled event is STATUS:CANCELLED so
calendars take it out. A feed names nobody: no organiser, no attendees. The joining
link is included only for events the person has a place at (the feed's only ones).
"""

from __future__ import annotations

from datetime import UTC

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, vRecur
from icalendar import Event as CalendarEvent

from upward.web.core.calendar import new_calendar, uid_domain
from upward.web.core.content.rendering import plain_text
from upward.web.core.links import absolute_url
from upward.web.events.models import Event
from upward.web.events.occurrences import local


def _calendar(name: str) -> Calendar:
    return new_calendar("Events", name=name)


def _component(event: Event, *, with_link: bool) -> CalendarEvent:
    item = CalendarEvent()
    item.add("uid", f"upward-event-{event.pk}@{uid_domain()}")
    item.add("dtstamp", timezone.now().astimezone(UTC))
    item.add("last-modified", event.updated_at.astimezone(UTC))
    item.add("dtstart", local(event.starts_at, event.time_zone))
    item.add("dtend", local(event.ends_at, event.time_zone))
    if event.recurrence:
        item.add("rrule", vRecur.from_ical(event.recurrence))
    item.add("summary", event.title)
    description = plain_text(event.description) if event.description else ""
    if with_link and event.online_link:
        description = f"{description}\n\nJoin online: {event.online_link}".strip()
    if description:
        item.add("description", description)
    if event.place:
        item.add("location", event.place)
    item.add("url", absolute_url(reverse("events:event", args=[event.pk])))
    item.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    return item


def event_ics(*, event: Event, with_link: bool) -> bytes:
    calendar = _calendar(event.title)
    calendar.add_component(_component(event, with_link=with_link))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed_ics(*, events) -> bytes:
    calendar = _calendar("Upward events")
    for event in events:
        calendar.add_component(_component(event, with_link=True))
    calendar.add_missing_timezones()
    return calendar.to_ical()
