"""An opportunity as an iCalendar (.ics) file for a confirmed volunteer. Times carry the
Europe/London TZID (with its GMT/BST rules), so calendars show the local time the
school set. The UID is stable, so importing again updates the event."""

from __future__ import annotations

from datetime import UTC

from django.urls import reverse
from django.utils import timezone
from icalendar import Event, Timezone

from upward.web.core.calendar import new_calendar, uid_domain
from upward.web.core.errors import ApplicationError
from upward.web.core.links import absolute_url
from upward.web.core.periods import UK_TIME
from upward.web.outreach.models import Format, Opportunity, SignupStatus
from upward.web.outreach.selectors.opportunities import signup_of

LONDON = UK_TIME


def opportunity_ics(*, viewer, opportunity: Opportunity) -> bytes:
    """The opportunity for a volunteer confirmed on it; 404 for anyone else."""
    signup = signup_of(viewer=viewer, opportunity=opportunity)
    if signup is None or signup.status != SignupStatus.CONFIRMED:
        raise ApplicationError("Not found.", status=404)
    calendar = new_calendar("Outreach")
    start = opportunity.starts_at.astimezone(LONDON)
    end = opportunity.ends_at.astimezone(LONDON)
    calendar.add_component(Timezone.from_tzinfo(LONDON, first_date=start.date(),
                                                last_date=end.date()))
    event = Event()
    event.add("uid", f"outreach-opportunity-{opportunity.pk}@{uid_domain()}")
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", opportunity.title)
    if opportunity.format == Format.ONLINE:
        event.add("location", opportunity.link)
    else:
        where = [opportunity.place] if opportunity.place else []
        if opportunity.school is not None:
            where += [opportunity.school.name, opportunity.school.postcode]
        event.add("location", ", ".join(w for w in where if w))
    event.add("url", absolute_url(reverse("outreach:opportunity", args=[opportunity.pk])))
    calendar.add_component(event)
    return calendar.to_ical()
