"""Awards' place in the shared platform: notification kinds, audit actions, the periodic
consent reminder and the personal data section (imported from ``AwardsConfig.ready``).

Notifications are about nominations, never anonymous content, so services call
``core.notifications.services.notify`` with the page's URL and the person who caused it."""

from __future__ import annotations

from upward.web.core.audit import register_audit_actions
from upward.web.core.notifications.kinds import register_notification_kind

NOTIFICATION_KINDS = {
    "awards_consent_request": ("Nominations for an award that need your answer", True),
    "awards_consent_answer": ("Answers to the nominations you made", True),
    "awards_endorse_request": ("Requests to second a nomination", True),
    "awards_judging_reminder": ("Reminders to score the award entries assigned to you", True),
    "awards_scores_reopened": ("Your submitted award scores reopened by an administrator", True),
}

AUDIT_ACTIONS = {
    "awards.cycle_create": "Awards cycle created",
    "awards.cycle_update": "Awards cycle changed",
    "awards.category_create": "Awards category created",
    "awards.category_update": "Awards category changed",
    "awards.form_change": "Awards entry form changed",
    "awards.criteria_change": "Awards judging criteria changed",
    "awards.entry_create": "Award entry or nomination started",
    "awards.entry_submit": "Award entry submitted",
    "awards.entry_withdraw": "Award entry withdrawn",
    "awards.consent_given": "Nominee consented to a nomination",
    "awards.consent_declined": "Nominee declined a nomination",
    "awards.panel_create": "Judging panel created",
    "awards.panel_update": "Judging panel changed",
    "awards.assign": "Judges assigned to award entries",
    "awards.unassign": "Award entry taken off a judge's list",
    "awards.conflict_declare": "Judge declared a conflict and was recused",
    "awards.score_change": "Award scores changed",
    "awards.scores_submit": "Award scores submitted",
    "awards.scores_reopen": "Submitted award scores reopened",
    "awards.judges_reminded": "Lead judge reminded the panel's judges",
    "awards.shortlist": "Awards finalists shortlisted",
    "awards.winner_confirm": "Panel's confirmation of an awards winner recorded",
    "awards.winner_revoke": "Awards winner returned to finalist",
    "awards.citation": "Awards citation written",
    "awards.results_publish": "Awards results published",
    "awards.results_unpublish": "Awards results unpublished",
    "awards.results_export": "Awards results exported",
    "awards.external_award_create": "External award template added",
    "awards.external_award_update": "External award template changed",
    "awards.external_submitted": "External award entry marked as submitted",
    "awards.external_reopened": "External award entry reopened as a draft",
}


def register_awards() -> None:
    for key, (label, at_once) in NOTIFICATION_KINDS.items():
        register_notification_kind(key, label, email_at_once=at_once)
    register_audit_actions(AUDIT_ACTIONS)


register_awards()

from upward.web.awards import jobs, personal_data  # noqa: E402, F401
