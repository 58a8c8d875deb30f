"""Awards' periodic work, run by ``upward worker``: reminding nominees who have not
answered a nomination. Safe to run twice (see ``consent_reminders_due``)."""

from __future__ import annotations

from datetime import datetime, timedelta

from upward.web.awards.services.entries import consent_reminders_due
from upward.web.core.jobs import periodic


@periodic("awards.consent_reminders", every=timedelta(hours=6))
def consent_reminders(*, now: datetime) -> str:
    count = consent_reminders_due(now=now)
    return f"Reminded {count} nominee{'' if count == 1 else 's'} to answer a nomination."
