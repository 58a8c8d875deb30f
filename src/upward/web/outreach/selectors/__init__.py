"""Outreach's reads, each taking the viewer."""

from upward.web.outreach.selectors.schools import (
    DirectoryRow,
    ImportProgress,
    import_progress,
    office_for_manager,
    offices,
    postcode_grid_reference,
    priority_fsm_percent,
    school_filter_choices,
    school_imports,
    schools_directory,
)

__all__ = ["DirectoryRow", "ImportProgress", "import_progress", "office_for_manager",
           "offices", "postcode_grid_reference", "priority_fsm_percent",
           "school_filter_choices", "school_imports", "schools_directory"]
