"""The "Upcoming events" panel on the signed-in home (dates only, as on every panel)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.dateformat import format as date_format

from upward.web.core.home import HomeItem, HomeLink, HomePanel, home_panel
from upward.web.core.permissions import can
from upward.web.events.occurrences import local
from upward.web.events.selectors import events_upcoming


@home_panel("events.upcoming", order=45)
def upcoming_events(viewer) -> HomePanel | None:
    if not can(viewer, "events"):
        return None
    events = list(events_upcoming(viewer=viewer)[:5])
    if not events:
        return None  # no panel until there is something to go to
    return HomePanel(
        title="Upcoming events",
        items=[HomeItem(e.title, reverse("events:event", args=[e.pk]),
                        date_format(local(e.starts_at, e.time_zone), "j F Y")
                        + (" (a series)" if e.is_series else "")) for e in events],
        actions=[HomeLink("See events", reverse("events:list"))])
