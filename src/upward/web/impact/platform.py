"""The impact app's place in the shared platform: its audit actions (imported from
``ImpactConfig.ready``)."""

from __future__ import annotations

from upward.web.core.audit import register_audit_actions

AUDIT_ACTIONS = {
    "impact.frameworks_load": "Shipped outcome frameworks loaded",
    "impact.framework_create": "Outcome framework created",
    "impact.goal_update": "Framework goal changed",
    "impact.goal_create": "Framework goal added",
    "impact.initiative_create": "Initiative created",
    "impact.initiative_update": "Initiative changed",
    "impact.initiative_delete": "Initiative deleted",
    "impact.kpi_create": "KPI created",
    "impact.kpi_update": "KPI changed",
    "impact.kpi_delete": "KPI deleted",
    "impact.kpi_value_set": "KPI baseline, target or actual recorded",
    "impact.kpis_compute": "Computed KPIs recalculated",
    "impact.export": "KPI values exported",
    "impact.report_snapshot_create": "Impact report snapshot generated",
    "impact.report_foreword_update": "Impact report foreword changed",
    "impact.report_publish": "Impact report published",
    "impact.report_download": "Impact report downloaded",
}

register_audit_actions(AUDIT_ACTIONS)
