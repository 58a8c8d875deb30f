"""Outreach's periodic work, run by ``upward worker``: reminding confirmed volunteers two
days before an opportunity. Safe to run twice: each sign-up is claimed through its
``reminded_at`` before anyone is told."""

from __future__ import annotations

from datetime import datetime, timedelta

from upward.web.core.jobs import periodic
from upward.web.outreach.services.volunteers import reminders_send_due


@periodic("outreach.volunteer_reminders", every=timedelta(minutes=30))
def volunteer_reminders(*, now: datetime) -> str:
    sent = reminders_send_due(now=now)
    return f"Reminded {sent} volunteer{'' if sent == 1 else 's'} of an opportunity."
