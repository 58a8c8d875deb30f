"""Events' place in the shared platform: notification kinds, audit actions, the
searchable content, the home panel, periodic reminders and personal data (imported
from ``EventsConfig.ready``)."""

from __future__ import annotations

from upward.web.core.audit import register_audit_actions
from upward.web.core.content.registry import register
from upward.web.core.notifications.kinds import register_notification_kind
from upward.web.events import home  # noqa: F401  (registers the home panel)
from upward.web.events.content import EventLinks, EventSearch
from upward.web.events.models import Event

NOTIFICATION_KINDS = {
    "events_place": ("A place came free at an event you were waiting for", True),
    "events_cancelled": ("Events you RSVPed to that were cancelled", True),
    "events_reminder": ("Reminders the day before an event you are going to", True),
}

AUDIT_ACTIONS = {
    "events.create": "Event created",
    "events.update": "Event changed",
    "events.cancel": "Event cancelled",
    "events.attendance": "Event attendance marked",
}


def register_events() -> None:
    for key, (label, at_once) in NOTIFICATION_KINDS.items():
        register_notification_kind(key, label, email_at_once=at_once)
    register_audit_actions(AUDIT_ACTIONS)
    register(Event, key="event", label="event", audit_prefix="events",
             searchable=EventSearch(), notifiable=EventLinks())


register_events()

from upward.web.events import jobs, personal_data  # noqa: E402, F401
