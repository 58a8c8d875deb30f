"""What every app's iCalendar (.ics) files share: the calendar's header and the domain
that makes each event's UID unique to this site. Each app builds its own events."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar


def uid_domain() -> str:
    """The site's host name, for UIDs such as ``upward-event-7@example.org``."""
    return urlsplit(settings.UPWARD_SITE_URL).hostname or "upward.invalid"


def new_calendar(product: str, *, name: str = "") -> Calendar:
    """An empty published calendar from ``-//Upward//<product>//EN`` (with a display name
    for feeds, when given)."""
    calendar = Calendar()
    calendar.add("prodid", f"-//Upward//{product}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    return calendar
