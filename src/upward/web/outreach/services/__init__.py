"""Outreach's writes (keyword-only ``noun_verb(*, actor, ...)``)."""

from upward.web.outreach.services.schools import ImportReport, schools_import

__all__ = ["ImportReport", "schools_import"]
