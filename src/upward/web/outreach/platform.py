"""Outreach's place in the shared platform (imported from ``OutreachConfig.ready``)."""

from __future__ import annotations

from upward.web.core.audit import register_audit_actions

AUDIT_ACTIONS = {
    "outreach.schools_import": "Schools register imported (GIAS)",
    "outreach.schools_import_failed": "Schools import failed (register unchanged)",
    "outreach.office_create": "Office added",
    "outreach.office_update": "Office changed",
    "outreach.office_delete": "Office deleted",
}

register_audit_actions(AUDIT_ACTIONS)
