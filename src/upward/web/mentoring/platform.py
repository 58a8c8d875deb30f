"""Mentoring's place in the shared platform: notification kinds, audit actions, home
panels and periodic jobs (imported from ``MentoringConfig.ready``).

Mentoring's notifications are about pairs, requests and programmes, never about
possibly-anonymous posts, so services call ``core.notifications.services.notify`` with
the page's URL and the person who caused it as ``sender`` (so mutes apply).
"""

from __future__ import annotations

from upward.web.core.audit import register_audit_actions
from upward.web.core.notifications.kinds import register_notification_kind
from upward.web.mentoring import home  # noqa: F401  (registers the home panels)

NOTIFICATION_KINDS = {
    # key: (label, emailed at once)
    "mentoring_match": ("New mentoring pairs you are in", True),
    "mentoring_request": ("Requests to be someone's mentor", True),
    "mentoring_answer": ("Answers to your mentoring requests", True),
    "mentoring_nudge": ("Nudges when a mentoring pair has not met for a while", True),
    "mentoring_meeting": ("Reminders of mentoring meetings", True),
    "mentoring_feedback": ("Requests for feedback at the end of a mentoring cycle", True),
    "mentoring_ended": ("Mentoring pairs that ended", True),
    "mentoring_roulette": ("Your coffee roulette pairing", True),
}

AUDIT_ACTIONS = {
    "mentoring.programme_create": "Mentoring programme created",
    "mentoring.programme_update": "Mentoring programme changed",
    "mentoring.run": "Matching run",
    "mentoring.run_adjust": "Matching run adjusted by hand",
    "mentoring.run_publish": "Matching run published",
    "mentoring.run_discard": "Matching run discarded",
    "mentoring.pair_end": "Mentoring pair ended",
    "mentoring.roulette": "Coffee roulette round drawn",
}


def register_mentoring() -> None:
    for key, (label, at_once) in NOTIFICATION_KINDS.items():
        register_notification_kind(key, label, email_at_once=at_once)
    register_audit_actions(AUDIT_ACTIONS)


register_mentoring()

# Periodic jobs and the "download my data" section register themselves on import.
from upward.web.mentoring import jobs, personal_data  # noqa: E402, F401
