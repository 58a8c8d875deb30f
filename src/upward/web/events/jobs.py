"""Events' periodic work: reminding people with a place 24 hours before each date
(each date of a series). Safe to run twice: each occurrence's reminder is claimed by a
unique row before anyone is told."""

from __future__ import annotations

from datetime import datetime, timedelta

from upward.web.core.jobs import periodic
from upward.web.events.services import reminders_send_due


@periodic("events.reminders", every=timedelta(minutes=30))
def reminders(*, now: datetime) -> str:
    count = reminders_send_due(now=now)
    return f"Reminded {count} {'person' if count == 1 else 'people'} of tomorrow's events."
