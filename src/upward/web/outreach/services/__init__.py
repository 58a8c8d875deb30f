"""Outreach's writes (keyword-only ``noun_verb(*, actor, ...)``)."""

from upward.web.outreach.services.schools import (
    MAX_UPLOAD_MB,
    ImportReport,
    office_delete,
    office_save,
    schools_import,
    schools_import_run,
    schools_upload,
)

__all__ = ["MAX_UPLOAD_MB", "ImportReport", "office_delete", "office_save", "schools_import",
           "schools_import_run", "schools_upload"]
