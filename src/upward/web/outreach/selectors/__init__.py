"""Outreach's reads, each taking the viewer."""

from upward.web.outreach.selectors.schools import (
    DirectoryRow,
    offices,
    priority_fsm_percent,
    school_filter_choices,
    schools_directory,
)

__all__ = ["DirectoryRow", "offices", "priority_fsm_percent", "school_filter_choices",
           "schools_directory"]
