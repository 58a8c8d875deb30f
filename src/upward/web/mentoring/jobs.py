"""Mentoring's periodic work, run by ``upward worker`` (upward/web/core/jobs.py): nudging
pairs that have not met, reminding of meetings a day ahead, asking for feedback when a
cohort ends, and drawing the monthly coffee roulette.

Each is safe to run twice, or from two workers at once: a pair is claimed by one
conditional update of the field that records it (``last_nudged_at``,
``next_meeting_reminded_at``, ``feedback_asked_at``) before anyone is told, and a
roulette round is unique per programme and month.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from upward.web.core.jobs import periodic
from upward.web.mentoring.services.pairs import (
    feedback_ask_due,
    meetings_remind_due,
    pairs_nudge_due,
)
from upward.web.mentoring.services.roulette import roulette_draw_due


def _pairs(count: int) -> str:
    return f"{count} pair{'' if count == 1 else 's'}"


@periodic("mentoring.nudges", every=timedelta(hours=6))
def nudges(*, now: datetime) -> str:
    return f"Nudged {_pairs(pairs_nudge_due(now=now))} that had not met."


@periodic("mentoring.meeting_reminders", every=timedelta(minutes=30))
def meeting_reminders(*, now: datetime) -> str:
    return f"Reminded {_pairs(meetings_remind_due(now=now))} of tomorrow's meeting."


@periodic("mentoring.feedback_requests", every=timedelta(hours=6))
def feedback_requests(*, now: datetime) -> str:
    return f"Asked {_pairs(feedback_ask_due(now=now))} for end-of-cycle feedback."


@periodic("mentoring.roulette", every=timedelta(hours=1))
def roulette(*, now: datetime) -> str:
    drawn = roulette_draw_due(now=now)
    return f"Drew {drawn} coffee roulette round{'' if drawn == 1 else 's'}."
