"""Outreach's place in the shared platform (imported from ``OutreachConfig.ready``)."""

from __future__ import annotations

from upward.web.core.audit import register_audit_actions

AUDIT_ACTIONS = {
    "outreach.schools_import": "Schools register imported (GIAS)",
}

register_audit_actions(AUDIT_ACTIONS)
