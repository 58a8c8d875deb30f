"""Judging's periodic work, run by ``upward worker``: reminding judges with unsubmitted
scores as judging's end nears. Safe to run twice (see ``judging_reminders_due``)."""

from __future__ import annotations

from datetime import datetime, timedelta

from upward.web.awards.services.judging import judging_reminders_due
from upward.web.core.jobs import periodic


@periodic("awards.judging_reminders", every=timedelta(hours=6))
def judging_reminders(*, now: datetime) -> str:
    count = judging_reminders_due(now=now)
    return f"Reminded {count} judge{'' if count == 1 else 's'} to submit their scores."
