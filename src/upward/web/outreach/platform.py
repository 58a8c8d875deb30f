"""Outreach's place in the shared platform (imported from ``OutreachConfig.ready``):
audit actions and notification kinds. Opportunities are not possibly-anonymous content,
so services call ``core.notifications.services.notify`` with the page's URL."""

from __future__ import annotations

from upward.web.core.audit import register_audit_actions
from upward.web.core.notifications.kinds import register_notification_kind

AUDIT_ACTIONS = {
    "outreach.schools_import": "Schools register imported (GIAS)",
    "outreach.opportunity_post": "Outreach opportunity posted",
    "outreach.opportunity_cancel": "Outreach opportunity cancelled",
    "outreach.opportunity_publish": "School's proposed opportunity published",
    "outreach.opportunity_decline": "School's proposed opportunity declined",
    "outreach.contact_invite": "School contact invited",
    "outreach.contact_revoke": "School contact's link revoked",
    "outreach.outcome_record": "Outreach outcome recorded",
    "outreach.schools_import_failed": "Schools import failed (register unchanged)",
    "outreach.office_create": "Office added",
    "outreach.office_update": "Office changed",
    "outreach.office_delete": "Office deleted",
}

NOTIFICATION_KINDS = {
    # key: (label, emailed at once)
    "outreach_place": ("A place came free on an opportunity you are waiting for", True),
    "outreach_cancelled": ("Opportunities you volunteered for that were cancelled", True),
    "outreach_reminder": ("Reminders of opportunities you volunteer for", True),
    "outreach_invite": ("Invitations to volunteer with a school", True),
    "outreach_proposal": ("Opportunities a school proposes, waiting to be published", True),
}

register_audit_actions(AUDIT_ACTIONS)
for _key, (_label, _at_once) in NOTIFICATION_KINDS.items():
    register_notification_kind(_key, _label, email_at_once=_at_once)
